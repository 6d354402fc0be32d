# Sourced by build-aux/run and build-aux/test: installs the Debian or
# Ubuntu packages the build and the tests need, when any is missing.

cb_packages=(
  meson ninja-build gcc libc6-dev pkg-config python3
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libyaml-dev gettext
  desktop-file-utils appstream
  xvfb xauth dbus-daemon imagemagick librsvg2-common
  # The window tests: real pointer events, and the screen reader's view
  xdotool at-spi2-core python3-pyatspi
  # start-up seen from outside the process (tests/bench-xdamage.c)
  libx11-dev libxdamage-dev
  # A one-node Slurm cluster for the tests (tests/slurm-cluster)
  slurmctld slurmd slurm-client munge
  # the check against the real Hydra (tests/check-hydra.py)
  python3-omegaconf python3-antlr4 python3-packaging python3-yaml antlr4
)

cb_install_deps () {
  local missing=() p

  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "build-aux: this is not a Debian or Ubuntu system; install these packages (or their" >&2
    echo "equivalents) yourself: ${cb_packages[*]}" >&2
    return 0
  fi

  for p in "${cb_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "build-aux: installing missing packages: ${missing[*]}" >&2
  local apt=(apt-get install -y --no-install-recommends "${missing[@]}")
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null && return 0
  elif command -v sudo >/dev/null 2>&1; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null &&
      sudo DEBIAN_FRONTEND=noninteractive "${apt[@]}" >/dev/null && return 0
  fi

  echo "build-aux: could not install ${missing[*]}." >&2
  echo "Install them as root:  apt-get install ${missing[*]}" >&2
  return 1
}

# cb_build DIR [meson setup options...]: configure once, then compile
cb_build () {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" || return 1
  fi
  meson compile -C "$dir"
}
