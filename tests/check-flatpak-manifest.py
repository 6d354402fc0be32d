#!/usr/bin/env python3
# Checks the Flatpak manifest, which cannot be built here (no route to
# fetch the runtime): valid JSON, the keys flatpak-builder needs, the
# sandbox permissions the app needs and no others, pinned sources, the app
# module last and built from this repository, and a justification of every
# permission in the README's packaging section.
#
#   check-flatpak-manifest.py MANIFEST README APPLICATION_ID

import json
import os
import re
import sys

manifest_path, readme_path, app_id = sys.argv[1:4]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)

check(manifest.get("id") == app_id, "id is not %s" % app_id)
check(manifest.get("runtime") == "org.gnome.Platform", "runtime is not org.gnome.Platform")
check(manifest.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
check(re.fullmatch(r"[0-9]+", str(manifest.get("runtime-version", ""))) is not None,
      "runtime-version is not a stable GNOME version")
check(manifest.get("command") == "cmdbuilder", "command is not cmdbuilder")

expected_args = {
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
    "--filesystem=home",
    "--talk-name=org.freedesktop.Flatpak",
    # Show in Folder of the log viewer: the file manager shows the log
    "--talk-name=org.freedesktop.FileManager1",
}
args = manifest.get("finish-args", [])
check(set(args) == expected_args and len(args) == len(expected_args),
      "finish-args are %s, expected %s" % (sorted(args), sorted(expected_args)))

modules = manifest.get("modules", [])
check(len(modules) >= 1, "no modules")
for module in modules[:-1]:
    for source in module.get("sources", []):
        check("sha256" in source or "commit" in source,
              "the source of module %s is not pinned by sha256 or commit" % module.get("name"))

app = modules[-1] if modules else {}
check(app.get("name") == "cmdbuilder", "the last module is not the app")
check(app.get("buildsystem") == "meson", "the app module is not built with meson")
check("-Dtests=false" in app.get("config-opts", []), "the app module builds the tests")
dirs = [s for s in app.get("sources", []) if s.get("type") == "dir"]
check(len(dirs) == 1, "the app module is not built from the repository folder")
if dirs:
    root = os.path.normpath(os.path.join(os.path.dirname(manifest_path), dirs[0]["path"]))
    try:
        with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
            check("project('cmdbuilder'" in f.read(), "the app module's folder is not this project")
    except OSError:
        failures.append("the app module's folder %s has no meson.build" % root)

# The README says why each permission is there, and how to build
with open(readme_path, encoding="utf-8") as f:
    readme = f.read()
match = re.search(r"^## Packaging\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
check(match is not None, "the README has no Packaging section")
section = match.group(1) if match else ""
for arg in sorted(expected_args):
    line = re.search(r"^[-*] `%s`:? +\S.{10,}$" % re.escape(arg), section, re.M)
    check(line is not None, "the README does not justify %s" % arg)
check("flatpak-builder" in section and os.path.basename(manifest_path) in section,
      "the README does not give the flatpak-builder command")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
