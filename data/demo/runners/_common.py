"""Shared code of the demo runners.

The runners behave like small Hydra applications: the primary config
configs/<task>.yaml names config groups in its `defaults` list, the groups'
files are merged at their `# @package`, and the command-line overrides are
applied on top. Only the standard library is used, so the YAML reader below
handles the subset of YAML that the files in configs/ are written in.

Override syntax (one argv element each), as Hydra's:
    key=value      change a value the config has    group=name    pick an option
    +key=value     add a value it does not have     +group=name   add a group
    ++key=value    add or change                    ~key, ~group  delete
Values: true/false, null, numbers, [a,b] lists, {a:1} maps, "double" or
'single' quoted text (a backslash escapes a quote, or a backslash before
one), anything else is text. \\${ keeps a literal ${.
Sweeps: a,b,c  choice(a,b)  range(1,10,2)  glob(res*), with -m/--multirun:
each combination runs in turn, as job 0, 1, ..., and writes below
outputs/<exp_name>/<job>/ (see hydra.sweep in the configs).

Exit status: 0 on success, 1 when the run fails, 2 for a bad override.
"""

import itertools
import json
import math
import os
import random
import re
import signal
import sys
import time
from pathlib import Path

import _overrides as _ov

PROJECT_DIR = Path(__file__).resolve().parent.parent
CONFIG_DIR = PROJECT_DIR / "configs"
# Runs write below the working directory, which is the project root when
# the runners are started the documented way.
OUTPUT_DIR = Path("outputs")

MISSING = "???"

# Components that are registered in code rather than as preset files.
BACKBONES = [
    "resnet18", "resnet34", "resnet50", "mobilenetv3_large_100",
    "efficientnet_b3", "convnext_tiny", "vgg16_bn",
]
REGISTERED = {
    "decoder": ["fpn_lite", "pan"],
    "head": [],
    "loss": ["dice_bce_loss"],
}

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"}


class RunnerError(Exception):
    """An error reported as `error: MESSAGE` with an exit status."""

    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status


class UsageError(RunnerError):
    def __init__(self, message):
        super().__init__(message, 2)


class Interrupted(Exception):
    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


# --------------------------------------------------------------------------
# Scalars and flow collections, shared by the YAML reader and the overrides

_INT_RE = re.compile(r"[-+]?(0|[1-9][0-9_]*)$")
_FLOAT_RE = re.compile(r"[-+]?([0-9][0-9_]*\.[0-9_]*|\.[0-9]+|[0-9][0-9_]*)([eE][-+]?[0-9]+)?$")


def convert_plain(token):
    """Type of an unquoted scalar, the way Hydra and YAML read it."""
    lower = token.lower()
    if lower in ("null", "~"):
        return None
    if lower == "true":
        return True
    if lower == "false":
        return False
    if _INT_RE.match(token):
        return int(token.replace("_", ""))
    if _FLOAT_RE.match(token) and any(c.isdigit() for c in token):
        return float(token.replace("_", ""))
    if lower in ("inf", "+inf", ".inf", "+.inf"):
        return math.inf
    if lower in ("-inf", "-.inf"):
        return -math.inf
    if lower in ("nan", ".nan"):
        return math.nan
    return token


_YAML_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "/": "/", "0": "\0"}


class _FlowParser:
    """Reads `[a, b]`, `{k: v}`, quoted strings and plain scalars."""

    def __init__(self, text, yaml=False):
        self.text = text
        self.pos = 0
        self.yaml = yaml

    def fail(self, reason):
        raise ValueError(reason)

    def skip_space(self):
        while self.pos < len(self.text) and self.text[self.pos] in " \t":
            self.pos += 1

    def peek(self):
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def parse_all(self):
        value = self.element(top=True)
        self.skip_space()
        if self.pos != len(self.text):
            self.fail("unexpected %r" % self.text[self.pos])
        return value

    def element(self, top=False, stops=""):
        self.skip_space()
        c = self.peek()
        if c == "[":
            return self.sequence()
        if c == "{":
            return self.mapping()
        if c in ("'", '"'):
            return self.quoted()
        return self.plain(top, stops)

    def sequence(self):
        self.pos += 1
        items = []
        self.skip_space()
        if self.peek() == "]":
            self.pos += 1
            return items
        while True:
            items.append(self.element(stops=",]"))
            self.skip_space()
            c = self.peek()
            self.pos += 1
            if c == "]":
                return items
            if c != ",":
                self.fail("unterminated list")

    def mapping(self):
        self.pos += 1
        result = {}
        self.skip_space()
        if self.peek() == "}":
            self.pos += 1
            return result
        while True:
            self.skip_space()
            key = self.element(stops=":,}")
            self.skip_space()
            if self.peek() != ":":
                self.fail("expected ':' in a map")
            self.pos += 1
            result[str(key)] = self.element(stops=",}")
            self.skip_space()
            c = self.peek()
            self.pos += 1
            if c == "}":
                return result
            if c != ",":
                self.fail("unterminated map")

    def quoted(self):
        quote = self.text[self.pos]
        self.pos += 1
        out = []
        while self.pos < len(self.text):
            c = self.text[self.pos]
            nxt = self.text[self.pos + 1:self.pos + 2]
            if c == "\\" and self.yaml and quote == '"' and nxt in _YAML_ESCAPES:
                out.append(_YAML_ESCAPES[nxt])
                self.pos += 2
                continue
            if c == "\\" and nxt == quote:
                out.append(quote)  # in an override only an escaped quote is unescaped
                self.pos += 2
                continue
            if c == quote:
                if quote == "'" and self.text[self.pos + 1:self.pos + 2] == "'":
                    out.append("'")  # YAML's '' escape
                    self.pos += 2
                    continue
                self.pos += 1
                return "".join(out)
            out.append(c)
            self.pos += 1
        self.fail("unterminated quote")

    def plain(self, top, stops):
        start = self.pos
        depth = 0
        while self.pos < len(self.text):
            c = self.text[self.pos]
            if c == "$" and self.text[self.pos + 1:self.pos + 2] == "{":
                depth += 1
                self.pos += 2
                continue
            if c == "}" and depth > 0:
                depth -= 1
                self.pos += 1
                continue
            if depth == 0 and not top and c in stops:
                break
            if depth == 0 and top and c == ",":
                self.fail("a comma-separated value is a sweep; quote it or write a list [a,b]")
            self.pos += 1
        if depth:
            self.fail("unterminated ${...} interpolation")
        token = self.text[start:self.pos].strip()
        return convert_plain(token) if token else ("" if top else None)


# --------------------------------------------------------------------------
# YAML subset reader

def _strip_comment(line):
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in ("'", '"') and (i == 0 or line[i - 1] in " \t[{,:-"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


_KEY_RE = re.compile(r"([^\s#'\"\[\]{},:][^:]*?):(?:[ \t]+(.*))?$")


def _yaml_value(text, path, lineno):
    try:
        return _FlowParser(text, yaml=True).parse_all() if text[0] in "[{'\"" else convert_plain(text)
    except ValueError as exc:
        raise RunnerError("%s:%d: %s" % (path, lineno, exc)) from None


def load_yaml(path):
    """Returns (value, package) of a config file; package is None when the
    file has no `# @package` line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RunnerError("cannot read %s: %s" % (path, exc.strerror)) from None
    package = None
    lines = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("# @package") and not lines:
            package = stripped[len("# @package"):].strip()
        content = _strip_comment(raw).rstrip()
        if not content.strip():
            continue
        body = content.lstrip(" ")
        if body.startswith("\t"):
            raise RunnerError("%s:%d: tabs are not allowed for indentation" % (path, lineno))
        lines.append((len(content) - len(body), body, lineno))
    if not lines:
        return None, package
    value, pos = _block(lines, 0, lines[0][0], path)
    if pos != len(lines):
        raise RunnerError("%s:%d: unexpected indentation" % (path, lines[pos][2]))
    return value, package


def _is_item(body):
    return body == "-" or body.startswith("- ")


def _block(lines, pos, indent, path):
    if _is_item(lines[pos][1]):
        items = []
        while pos < len(lines) and lines[pos][0] == indent and _is_item(lines[pos][1]):
            body, lineno = lines[pos][1], lines[pos][2]
            rest = body[1:].lstrip(" ")
            if not rest:
                pos += 1
                value = None
                if pos < len(lines) and lines[pos][0] > indent:
                    value, pos = _block(lines, pos, lines[pos][0], path)
            elif _is_item(rest) or (rest[0] not in "[{'\"" and _KEY_RE.match(rest)):
                # A map or list that starts on the dash line: its column is
                # that of the text after the dash.
                lines[pos] = (indent + len(body) - len(rest), rest, lineno)
                value, pos = _block(lines, pos, lines[pos][0], path)
            else:
                pos += 1
                value = _yaml_value(rest, path, lineno)
            items.append(value)
        return items, pos

    result = {}
    while pos < len(lines) and lines[pos][0] == indent:
        body, lineno = lines[pos][1], lines[pos][2]
        if _is_item(body):
            raise RunnerError("%s:%d: a list item where a key was expected" % (path, lineno))
        match = _KEY_RE.match(body)
        if not match:
            raise RunnerError("%s:%d: expected `key: value`" % (path, lineno))
        key, text = match.group(1).strip(), match.group(2)
        pos += 1
        if text:
            value = _yaml_value(text, path, lineno)
        elif pos < len(lines) and lines[pos][0] > indent:
            value, pos = _block(lines, pos, lines[pos][0], path)
        elif pos < len(lines) and lines[pos][0] == indent and _is_item(lines[pos][1]):
            value, pos = _block(lines, pos, indent, path)
        else:
            value = None
        result[key] = value
    if pos < len(lines) and lines[pos][0] > indent:
        raise RunnerError("%s:%d: unexpected indentation" % (path, lines[pos][2]))
    return result, pos


def _format_scalar(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_format_scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join("%s: %s" % (k, _format_scalar(v)) for k, v in value.items()) + "}"
    text = str(value)
    if (text == "" or text != text.strip() or not isinstance(convert_plain(text), str)
            or text[0] in "[]{}#&*!|>'\"%@`,?:-" or ": " in text or " #" in text):
        return json.dumps(text, ensure_ascii=False)
    return text


def dump_yaml(value, indent=0):
    lines = []
    for key, item in value.items():
        pad = "  " * indent
        if isinstance(item, dict) and item:
            lines.append("%s%s:" % (pad, key))
            lines.extend(dump_yaml(item, indent + 1))
        else:
            lines.append("%s%s: %s" % (pad, key, _format_scalar(item)))
    return lines


# --------------------------------------------------------------------------
# Overrides

_KEY_SYNTAX = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*([./@][A-Za-z0-9_\-]+)*$")
MULTIRUN_FLAGS = ("-m", "--multirun")


class Override:
    def __init__(self, arg, prefix, key, value, has_value):
        self.arg = arg
        self.prefix = prefix
        self.key = key
        self.value = value
        self.has_value = has_value

    def with_value(self, value):
        """The override of one job of a sweep."""
        arg = "%s%s=%s" % (self.prefix, self.key, _ov.format_value(value))
        return Override(arg, self.prefix, self.key, value, True)


def parse_override(arg):
    if arg.startswith("~"):
        prefix, body = "~", arg[1:]
    elif arg.startswith("++"):
        prefix, body = "++", arg[2:]
    elif arg.startswith("+"):
        prefix, body = "+", arg[1:]
    else:
        prefix, body = "", arg
    if "=" not in body:
        if prefix != "~":
            raise UsageError("malformed override '%s' (expected key=value)" % arg)
        key, text = body, None
    else:
        key, text = body.split("=", 1)
    if not key:
        raise UsageError("malformed override '%s' (empty key)" % arg)
    if not _KEY_SYNTAX.match(key):
        raise UsageError("malformed override '%s' (invalid key '%s')" % (arg, key))
    if text is None:
        return Override(arg, prefix, key, None, False)
    try:
        value = _ov.parse_value(text)
    except _ov.OverrideError as exc:
        raise UsageError("malformed override '%s' (%s)" % (arg, exc)) from None
    return Override(arg, prefix, key, value, True)


def parse_overrides(argv):
    """Returns (overrides, multirun)."""
    for arg in argv:
        if arg in ("-h", "--help"):
            usage = sys.modules["__main__"].__doc__ or ""
            print(usage.strip() + "\n\n" + __doc__.strip().split("\n\n", 2)[2])
            sys.exit(0)
    multirun = any(arg in MULTIRUN_FLAGS for arg in argv)
    return [parse_override(arg) for arg in argv if arg not in MULTIRUN_FLAGS], multirun


def sweep_jobs(task, overrides):
    """The overrides of each job of a multirun: every combination of the
    sweeps, the first sweep varying slowest, as Hydra's basic sweeper."""
    choices = []
    for ov in overrides:
        if isinstance(ov.value, _ov.Sweep):
            options = group_options(ov.key) if _is_group(ov.key) else None
            try:
                values = ov.value.expand(options)
            except _ov.OverrideError as exc:
                raise UsageError("%s (in override '%s')" % (exc, ov.arg)) from None
            if not values:
                raise UsageError("the sweep '%s' has no value" % ov.arg)
            choices.append([ov.with_value(v) for v in values])
        else:
            choices.append([ov])
    return [list(job) for job in itertools.product(*choices)]


def check_no_sweep(overrides):
    for ov in overrides:
        if isinstance(ov.value, _ov.Sweep):
            raise UsageError("Ambiguous value for argument '%s'\n"
                             "1. To use it as a list, use key=[value1,value2]\n"
                             "2. To use it as string, quote the value: key=\\'value1,value2\\'\n"
                             "3. To sweep over it, add --multirun to your command line" % ov.arg)


# --------------------------------------------------------------------------
# Composition

def _is_group(key):
    return "." not in key and (CONFIG_DIR / key).is_dir()


def group_options(group):
    return sorted(p.stem for p in (CONFIG_DIR / group).glob("*.yaml"))


def _check_option(group, name, arg):
    if not isinstance(name, str) or not (CONFIG_DIR / group / (name + ".yaml")).is_file():
        options = "\n".join("\t" + o for o in group_options(group))
        raise UsageError("could not find '%s/%s' (in override '%s')\nAvailable options in '%s':\n%s"
                         % (group, name, arg, group, options))


def _merge(dst, src):
    for key, value in src.items():
        if isinstance(value, dict) and isinstance(dst.get(key), dict):
            _merge(dst[key], value)
        elif isinstance(value, dict):
            dst[key] = {}
            _merge(dst[key], value)
        else:
            dst[key] = value


def _node_at(cfg, dotted, create=False):
    node = cfg
    for part in dotted.split(".") if dotted else []:
        if part not in node or not isinstance(node[part], dict):
            if not create:
                return None
            node[part] = {}
        node = node[part]
    return node


def lookup(cfg, dotted, default=None):
    node = cfg
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def _has_key(cfg, dotted):
    sentinel = object()
    return lookup(cfg, dotted, sentinel) is not sentinel


def _override_group(defaults, ov):
    """Applies an override of a config group to the defaults list."""
    entry = next((d for d in defaults if d[0] == ov.key), None)
    chosen = entry is not None and entry[1] is not None
    if ov.prefix == "~":
        if not chosen or (ov.has_value and ov.value != entry[1]):
            raise UsageError("Could not delete '%s'. No match in the defaults list" % ov.key)
        defaults.remove(entry)
        return
    if ov.value is not None:
        _check_option(ov.key, ov.value, ov.arg)
    if ov.prefix == "+" and chosen:
        raise UsageError("Could not append to config. An item is already at '%s'" % ov.key)
    if ov.prefix == "" and entry is None:
        raise UsageError("could not override '%s': no match in the defaults list; "
                         "to append to the defaults list use +%s" % (ov.key, ov.arg))
    if entry is not None:
        entry[1] = ov.value
    else:
        defaults.append([ov.key, ov.value])


def _override_value(cfg, ov):
    """Applies an override of a value, with Hydra's rules for +, ++ and ~."""
    exists = _has_key(cfg, ov.key)
    parent_key, _, leaf = ov.key.rpartition(".")
    if ov.prefix == "~":
        if not exists:
            raise UsageError("Could not delete from config. '%s' does not exist." % ov.key)
        if ov.has_value and lookup(cfg, ov.key) != ov.value:
            raise UsageError("Could not delete from config. The value of '%s' is %s and not %s."
                             % (ov.key, _describe(lookup(cfg, ov.key)), _describe(ov.value)))
        del _node_at(cfg, parent_key)[leaf]
        return
    if ov.prefix == "+" and exists:
        raise UsageError("Could not append to config. An item is already at '%s'." % ov.key)
    if ov.prefix == "" and not exists:
        raise UsageError("Could not override '%s'. To append to your config use +%s" % (ov.key, ov.arg))
    _node_at(cfg, parent_key, create=True)[leaf] = ov.value


def compose(task, overrides):
    """Returns (config, groups): the merged config and the chosen option of
    each config group. A group whose default is null (`experiment: null`)
    is left out until an override picks an option."""
    primary, _ = load_yaml(CONFIG_DIR / (task + ".yaml"))
    primary = primary or {}
    defaults = []
    for entry in primary.pop("defaults", []) or []:
        if isinstance(entry, dict):
            (group, name), = entry.items()
            defaults.append([group, name])
        else:
            defaults.append([entry, None])
    if ["_self_", None] not in defaults:
        defaults.append(["_self_", None])

    # Group overrides change the defaults list before anything is merged.
    values = []
    for ov in overrides:
        if _is_group(ov.key):
            _override_group(defaults, ov)
        else:
            values.append(ov)

    cfg = {}
    groups = {}
    for group, name in defaults:
        if group == "_self_":
            _merge(cfg, primary)
            continue
        if name is None:
            continue
        groups[group] = name
        data, package = load_yaml(CONFIG_DIR / group / (name + ".yaml"))
        if package is None:
            package = group.replace("/", ".")
        target = cfg if package == "_global_" else _node_at(cfg, package, create=True)
        _merge(target, data or {})

    for ov in values:
        _override_value(cfg, ov)
    return cfg, groups


def known_overrides(task, overrides=()):
    """Every key the composed config accepts, for documentation."""
    cfg, groups = compose(task, [parse_override(o) for o in overrides])
    keys = []

    def walk(node, prefix):
        for key, value in node.items():
            path = prefix + key
            if isinstance(value, dict) and value:
                walk(value, path + ".")
            else:
                keys.append(path)
    walk(cfg, "")
    return sorted(groups), keys


# --------------------------------------------------------------------------
# Typed access

def _describe(value):
    return "null" if value is None else repr(value) if isinstance(value, str) else _format_scalar(value)


def get_int(cfg, key, minimum=None, allow_null=False):
    value = lookup(cfg, key)
    if value is None and allow_null:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or (minimum is not None and value < minimum):
        bound = " >= %d" % minimum if minimum is not None else ""
        raise UsageError("%s must be an integer%s, got %s" % (key, bound, _describe(value)))
    return value


def get_float(cfg, key, minimum=None, maximum=None):
    value = lookup(cfg, key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) \
            or (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise UsageError("%s must be a number%s, got %s" % (
            key, " between %g and %g" % (minimum, maximum) if maximum is not None else "",
            _describe(value)))
    return float(value)


def get_bool(cfg, key):
    value = lookup(cfg, key)
    if not isinstance(value, bool):
        raise UsageError("%s must be true or false, got %s" % (key, _describe(value)))
    return value


def get_str(cfg, key, required=True, choices=None):
    value = lookup(cfg, key)
    if value is None and not required:
        return None
    if value == MISSING:
        raise RunnerError("missing mandatory value: %s (pass %s=...)" % (key, key))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = _format_scalar(value)
    if not isinstance(value, str) or (required and not value):
        raise UsageError("%s must be a non-empty string, got %s" % (key, _describe(value)))
    if choices and value not in choices:
        raise UsageError("%s must be one of %s, got %r" % (key, ", ".join(choices), value))
    return value


def experiment_name(cfg):
    name = get_str(cfg, "exp_name")
    if "/" in name or name in (".", "..") or "\0" in name:
        raise UsageError("exp_name must not contain '/' or be '.' or '..', got %r" % name)
    return name


def existing_file(cfg, key, what):
    path = get_str(cfg, key)
    if not Path(path).is_file():
        raise RunnerError("%s not found: '%s' (%s)" % (what, path, key))
    return Path(path)


def require_checkpoint(cfg):
    """The checkpoint named by checkpoint_path, which must exist."""
    path = lookup(cfg, "checkpoint_path")
    if path in (None, "", MISSING):
        raise RunnerError("checkpoint_path is required: pass "
                          "checkpoint_path=outputs/<experiment>/checkpoints/<file>.ckpt")
    return existing_file(cfg, "checkpoint_path", "checkpoint")


def check_components(cfg):
    """Looks every model component up like the model registry does."""
    encoder = get_str(cfg, "model.encoder.name")
    if encoder not in BACKBONES:
        raise RunnerError("unknown backbone '%s'; available backbones: %s"
                          % (encoder, ", ".join(BACKBONES)))
    for kind, names in REGISTERED.items():
        name = get_str(cfg, "model.%s.name" % kind)
        known = sorted(set(group_options("model/" + kind)) | set(names))
        if name not in known:
            raise RunnerError("unknown %s '%s'; registered %ss: %s"
                              % (kind, name, kind, ", ".join(known)))


def dataset_size(cfg, split):
    """Images in a split: from the dataset config, or counted in data.root
    for a folder of one's own."""
    size = lookup(cfg, "data.%s_size" % split)
    if isinstance(size, int) and not isinstance(size, bool):
        return size
    root = get_str(cfg, "data.root")
    folder = Path(root)
    if not folder.is_dir():
        raise RunnerError("data.root is not a folder: '%s'" % root)
    count = len(list_images(folder))
    if count == 0:
        raise RunnerError("no images (%s) in '%s'" % (", ".join(sorted(IMAGE_SUFFIXES)), root))
    fraction = lookup(cfg, "data.val_fraction", 0.2)
    val = max(1, int(round(count * fraction))) if count > 1 else 0
    return {"train": max(1, count - val), "val": val}.get(split, count)


def list_images(folder):
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def read_checkpoint(path):
    """The metadata a demo checkpoint holds, or None for a foreign file."""
    try:
        with open(path, "r", encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == CHECKPOINT_FORMAT else None


CHECKPOINT_FORMAT = "cmdbuilder-demo-checkpoint"


def component_summary(cfg):
    return {
        "architecture": lookup(cfg, "model.name"),
        "encoder": lookup(cfg, "model.encoder.name"),
        "decoder": lookup(cfg, "model.decoder.name"),
        "head": lookup(cfg, "model.head.name"),
        "loss": lookup(cfg, "model.loss.name"),
    }


def warn_mismatches(cfg, info, path):
    """Weights only load into the model they were trained with."""
    mismatches = 0
    if info is None:
        warn("'%s' was not written by runners/train.py; its training settings are unknown" % path)
        return 0
    for part, value in component_summary(cfg).items():
        trained = info.get(part)
        if trained is not None and trained != value:
            warn("the checkpoint was trained with %s '%s' but this run uses '%s'; "
                 "its weights will not load cleanly" % (part, trained, value))
            mismatches += 1
    return mismatches


# --------------------------------------------------------------------------
# Output

def fast_mode():
    return os.environ.get("CMDBUILDER_DEMO_FAST", "") not in ("", "0")


def pause(seconds):
    if not fast_mode():
        time.sleep(seconds)


def warn(message):
    print("warning: " + message, file=sys.stderr, flush=True)


def _clock(seconds):
    seconds = int(seconds)
    return "%02d:%02d" % divmod(seconds, 60) if seconds < 3600 else \
        "%d:%02d:%02d" % (seconds // 3600, seconds % 3600 // 60, seconds % 60)


def progress_line(desc, n, total, sec_per_it, postfix=None):
    """A line in the style of tqdm's ASCII bar; `postfix` goes after the
    rate, as tqdm's set_postfix() puts it: `loss=0.5231`."""
    frac = n / total if total else 1.0
    filled = frac * 10
    full = int(filled)
    bar = "#" * full
    if full < 10:
        tenth = int((filled - full) * 10)
        bar += str(tenth) if tenth else ""
    bar = bar.ljust(10)
    elapsed = n * sec_per_it
    remaining = (total - n) * sec_per_it
    return "%s: %3d%%|%s| %d/%d [%s<%s, %.2fit/s%s]" % (
        desc, int(frac * 100), bar, n, total, _clock(elapsed), _clock(remaining), 1.0 / sec_per_it,
        ", " + postfix if postfix else "")


def run_progress(desc, total, sec_per_it, seconds, updates=4, on_update=None, postfix=None):
    """Prints `updates` progress lines spread over `seconds` of wall time;
    `postfix(n)` gives the metrics after n of the total steps."""
    total = max(1, total)
    marks = sorted({max(1, round(total * (i + 1) / updates)) for i in range(updates)})
    for n in marks:
        pause(seconds / len(marks))
        print(progress_line(desc, n, total, sec_per_it, postfix(n) if postfix else None), flush=True)
        if on_update:
            on_update(n)


def print_header(task, cfg, groups, overrides):
    print("Command Builder demo runner: %s" % task)
    print("Working directory: %s" % os.getcwd())
    if overrides:
        print("Overrides:")
        for ov in overrides:
            print("  " + ov.arg)
    print("Config groups: " + ", ".join("%s=%s" % item for item in groups.items()))
    print("Resolved config:")
    for line in dump_yaml(cfg, 1):
        print(line)
    print(flush=True)


def write_text(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # watchers never see a half-written file


def seeded_rng(*parts):
    return random.Random("|".join(str(p) for p in parts))


def job_dir(cfg, exp_name):
    """Where a run writes: outputs/<exp_name>, or outputs/<exp_name>/<job>
    for job <job> of a multirun (the configs' hydra.sweep.dir and subdir)."""
    num = lookup(cfg, "hydra.job.num")
    base = OUTPUT_DIR / exp_name
    return base / str(num) if isinstance(num, int) and not isinstance(num, bool) else base


def _run_jobs(task, run, overrides):
    """A multirun: each combination of the sweeps in turn, as Hydra's basic
    launcher does; the first job that fails ends it."""
    jobs = sweep_jobs(task, overrides)
    swept = [i for i, ov in enumerate(overrides) if isinstance(ov.value, _ov.Sweep)]
    print("[HYDRA] Launching %d job%s locally" % (len(jobs), "" if len(jobs) == 1 else "s"), flush=True)
    for num, job in enumerate(jobs):
        print("[HYDRA] \t#%d : %s" % (num, " ".join(job[i].arg for i in swept)), flush=True)
        cfg, groups = compose(task, job)
        cfg.setdefault("hydra", {}).setdefault("job", {})["num"] = num
        status = run(cfg, groups, job)
        if status != 0:
            return status
    return 0


def main(task, run):
    """Runs `run(cfg, groups, overrides)`, once or for each job of a
    multirun, and turns errors into exit codes."""
    sys.stdout.reconfigure(line_buffering=True)

    def on_signal(signum, frame):
        raise Interrupted(signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        overrides, multirun = parse_overrides(sys.argv[1:])
        if multirun:
            return _run_jobs(task, run, overrides)
        check_no_sweep(overrides)
        cfg, groups = compose(task, overrides)
        return run(cfg, groups, overrides)
    except RunnerError as exc:
        sys.stdout.flush()
        print("error: %s" % exc, file=sys.stderr, flush=True)
        return exc.status
    except Interrupted as exc:
        sys.stdout.flush()
        print("Interrupted by %s; stopping." % signal.Signals(exc.signum).name, file=sys.stderr, flush=True)
        return 128 + exc.signum
