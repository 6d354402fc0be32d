#!/usr/bin/env python3
# Installs the build into a temporary DESTDIR and checks what a desktop
# gets: the files in their places, the desktop file, AppStream metadata and
# GSettings schema valid, and the installed binary working, in English and
# in Korean.
#
#   check-install.py BUILDDIR APPLICATION_ID

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

builddir, app_id = sys.argv[1:3]
failures = []


class NotInstalled(Exception):
    pass


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, **kwargs)


for tool in ["meson", "desktop-file-validate", "appstreamcli", "glib-compile-schemas"]:
    if shutil.which(tool) is None:
        print("SKIP: %s is not installed" % tool)
        sys.exit(77)

dest = tempfile.mkdtemp(prefix="cmdbuilder-install-")
home = tempfile.mkdtemp(prefix="cmdbuilder-home-")
try:
    result = run(["meson", "install", "-C", builddir, "--destdir", dest, "--no-rebuild", "--quiet"])
    if not check(result.returncode == 0, "meson install failed:\n" + result.stdout + result.stderr):
        raise NotInstalled()

    installed = json.loads(run(["meson", "introspect", "--installed", builddir]).stdout)
    binary = next(dest + path for path in installed.values() if path.endswith("/bin/cmdbuilder"))
    share = os.path.join(os.path.dirname(os.path.dirname(binary)), "share")

    for relative in [
        "applications/%s.desktop" % app_id,
        "metainfo/%s.metainfo.xml" % app_id,
        "icons/hicolor/scalable/apps/%s.svg" % app_id,
        "icons/hicolor/symbolic/apps/%s-symbolic.svg" % app_id,
        "glib-2.0/schemas/%s.gschema.xml" % app_id,
        "locale/ko/LC_MESSAGES/cmdbuilder.mo",
        "cmdbuilder/demo/cmdbuilder.yaml",
        "cmdbuilder/demo/schemas/1-train.yaml",
        "cmdbuilder/demo/runners/train.py",
    ]:
        check(os.path.isfile(os.path.join(share, relative)), "not installed: share/" + relative)
    check(not os.path.exists(os.path.join(share, "cmdbuilder/demo/outputs")),
          "the demo's outputs folder is installed")

    # Valid for the tools a desktop and a software centre use
    desktop = os.path.join(share, "applications", app_id + ".desktop")
    result = run(["desktop-file-validate", desktop])
    check(result.returncode == 0 and result.stdout.strip() == "",
          "desktop-file-validate: " + result.stdout + result.stderr)
    with open(desktop, encoding="utf-8") as f:
        entry = f.read()
    for line in ["Exec=cmdbuilder %F", "Icon=" + app_id, "Categories=Development;GTK;",
                 "StartupNotify=true", "Terminal=false"]:
        check(line in entry.splitlines(), "the desktop file lacks " + line)
    check(re.search(r"^Comment\[ko\]=", entry, re.M) is not None, "the desktop file has no Korean comment")

    result = run(["appstreamcli", "validate", "--no-net", "--pedantic",
                  os.path.join(share, "metainfo", app_id + ".metainfo.xml")])
    check(result.returncode == 0, "appstreamcli validate: " + result.stdout + result.stderr)

    schemas = os.path.join(share, "glib-2.0/schemas")
    result = run(["glib-compile-schemas", "--strict", "--dry-run", schemas])
    check(result.returncode == 0, "glib-compile-schemas: " + result.stdout + result.stderr)

    # meson compiles the schemas after a real install, not into a DESTDIR,
    # where a package's trigger does it: as here
    if not os.path.exists(os.path.join(schemas, "gschemas.compiled")):
        run(["glib-compile-schemas", schemas])
    check(os.path.isfile(os.path.join(schemas, "gschemas.compiled")), "the GSettings schemas do not compile")

    # The installed binary: the demo's command, and its help in Korean
    env = dict(os.environ,
               XDG_DATA_DIRS=share, XDG_DATA_HOME=os.path.join(home, "data"),
               XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_CACHE_HOME=os.path.join(home, "cache"),
               GSETTINGS_SCHEMA_DIR=os.path.join(share, "glib-2.0/schemas"),
               LC_ALL="C.UTF-8", LANGUAGE="en")
    env.pop("CB_LOCALEDIR", None)
    result = run([binary, "--print-command"], env=env, cwd=home)
    check(result.returncode == 0 and "runners/train.py" in result.stdout and "trainer.max_epochs=" in result.stdout,
          "the installed binary does not print the demo's train command:\n" + result.stdout + result.stderr)

    result = run([binary, "--help"], env=env, cwd=home)
    check(result.returncode == 0 and "Print the command and exit" in result.stdout,
          "--help in English:\n" + result.stdout + result.stderr)

    # The translations are installed under the prefix, which DESTDIR moved
    env.update(LANGUAGE="ko", CB_LOCALEDIR=os.path.join(share, "locale"))
    result = run([binary, "--help"], env=env, cwd=home)
    check(result.returncode == 0 and "Print the command and exit" not in result.stdout and
          re.search("[\uac00-\ud7a3]", result.stdout) is not None,
          "--help is not in Korean with LANGUAGE=ko:\n" + result.stdout + result.stderr)
except NotInstalled:
    pass
finally:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
