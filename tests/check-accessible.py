#!/usr/bin/env python3
# Checks, as a screen reader sees them through AT-SPI, that every control
# of a window of a running application has a proper name.
#
#   check-accessible.py PID WINDOW-TITLE
#
# A control is what takes the focus, or what a user works (a button, a
# check box, a slider...). Its name fails when it is empty, when it is a
# type name ("GtkToggleButton"), when it shows a mnemonic ("_Run",
# "S_weep Sweep"), or when it is the same words twice ("Run Run"). The
# entry beside a slider
# also needs a description. Prints each failure and the number of
# controls checked; exits with 1 on a failure, 2 when there is no such
# window, 77 without pyatspi (the test is skipped).

import re
import sys

try:
    import pyatspi
except ImportError:
    print("pyatspi is not installed (Debian: python3-pyatspi)")
    sys.exit(77)

CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "combo box",
    "spin button", "slider", "text", "entry", "password text", "menu item",
    "check menu item", "radio menu item", "page tab", "link", "switch",
    "table cell", "list item",
}
TYPE_NAME = re.compile(r"(Gtk|Cb|Adw)[A-Z][A-Za-z]*")
MNEMONIC = re.compile(r"(^|\s)_\w")


def problem(name):
    name = (name or "").strip()
    if not name:
        return "no name"
    if TYPE_NAME.fullmatch(name):
        return "a type name"
    if MNEMONIC.search(name):
        return "a mnemonic shows"
    # GTK 4.8 names a mnemonic button by its raw label, then its label:
    # "S_weep Sweep", with the underscore inside a word
    unmarked = name.replace("_", "").split()
    half = len(unmarked) // 2
    if "_" in name and half and len(unmarked) % 2 == 0 and unmarked[:half] == unmarked[half:]:
        return "a mnemonic shows"
    words = name.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return "the same words twice"
    return None


# Containers that take the focus to scroll, not controls
CONTAINER_ROLES = {"scroll pane", "viewport", "panel", "filler"}


def is_control(acc, role):
    if role in CONTROL_ROLES:
        return True
    if role in CONTAINER_ROLES:
        return False
    return acc.getState().contains(pyatspi.STATE_FOCUSABLE)


def beside_slider(acc):
    parent = acc.parent
    if parent is None:
        return False
    return any(parent.getChildAtIndex(i) is not None and
               parent.getChildAtIndex(i).getRoleName() == "slider"
               for i in range(parent.childCount))


def walk(acc, path, checked, failures):
    try:
        role = acc.getRoleName()
        name = acc.name
    except Exception as error:  # a widget that went while walked
        print(f"skipped {path}: {error}")
        return
    here = f"{path} > {role}"
    if is_control(acc, role):
        checked.append(here)
        reason = problem(name)
        if reason is None and role == "spin button" and beside_slider(acc) and not (acc.description or "").strip():
            reason = "no description beside its slider"
        if reason is not None:
            failures.append(f"FAIL {role} {name!r}: {reason} ({path})")
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            walk(child, f"{here}[{name or ''}]" if len(here) < 300 else path, checked, failures)


def main():
    pid, title = int(sys.argv[1]), sys.argv[2]
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app is None or app.get_process_id() != pid:
                continue
        except Exception:
            continue
        for i in range(app.childCount):
            window = app.getChildAtIndex(i)
            if window is None or window.name != title:
                continue
            checked, failures = [], []
            walk(window, title, checked, failures)
            for failure in failures:
                print(failure)
            print(f"checked {len(checked)} controls")
            return 1 if failures else 0
    print(f"no window {title!r} in the application of process {pid}")
    return 2


sys.exit(main())
