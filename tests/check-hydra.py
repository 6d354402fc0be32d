#!/usr/bin/env python3
"""Checks the commands Command Builder writes against the real Hydra.

    check-hydra.py --binary CMDBUILDER --project DIR [--project DIR]...
                   [--oracle DIR] [--count N] [--seed N] [--synthesize]
                   [--display] [--no-sweeps] [--no-setups] [--verbose]

For each schema of each project it generates commands: the defaults, every
suggested setup, and --count commands with random values, among them the
free text a user may type into a text or path field (blanks, both quotes,
Korean, # ! ~ ; & < > ^ `, parentheses, backslashes anywhere, ${, words
such as true, null, 123, 1e3, nan). Command Builder builds each one
(`cmdbuilder --project DIR --schema ID --set K=V ... --print-argv`); then
the real Hydra 1.3.2 of the oracle (`check --batch`, with the values
expected) parses every override and composes the config, and this script
checks with Hydra's parser and OmegaConf that sweeps hold the values swept
and that escaped interpolations read back as the text typed.

The oracle is $CB_HYDRA_ORACLE, or else --oracle, or else
../shared/hydra-oracle next to the source tree. Without it, or without Debian's
python3-omegaconf, python3-antlr4, python3-packaging and python3-yaml, the
check is skipped (exit 77). Exit 1 on any failure, 0 otherwise.

--synthesize writes, in a temporary copy of a project whose config tree has
no primary config for a schema, one made of the keys and groups the schema
overrides, so that its commands compose too. --display builds the commands
with --print-command and reads them back as a shell would, for a build
that has no --print-argv.
"""

import argparse
import glob
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
DEBIAN_PYTHON = "/usr/bin/python3"


def skip(message):
    print("SKIP: " + message)
    sys.exit(SKIP)


def reexec_with_debian_python():
    """The Debian modules are in Debian's python3, which a pyenv or venv
    python3 may not see."""
    try:
        import yaml  # noqa: F401
        import omegaconf  # noqa: F401
        import antlr4  # noqa: F401
        import packaging  # noqa: F401
    except ImportError as exc:
        if os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON) and \
                os.access(DEBIAN_PYTHON, os.X_OK) and "CB_CHECK_HYDRA_REEXEC" not in os.environ:
            os.environ["CB_CHECK_HYDRA_REEXEC"] = "1"
            os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
        skip("python3 module '%s' is missing: apt-get install python3-omegaconf python3-antlr4 "
             "python3-packaging python3-yaml" % exc.name)


def find_oracle(given):
    source_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    oracle = os.environ.get("CB_HYDRA_ORACLE") or given or \
        os.path.join(source_root, "..", "shared", "hydra-oracle")
    if not os.path.isfile(os.path.join(oracle, "check")):
        skip("no Hydra oracle at %s (set CB_HYDRA_ORACLE to one)" % os.path.abspath(oracle))
    return os.path.abspath(oracle)


def load_hydra(oracle):
    """Hydra's override parser and OmegaConf, in this process."""
    sys.path.insert(0, os.path.join(oracle, "site"))
    try:
        from hydra.core.override_parser.overrides_parser import OverridesParser
        from omegaconf import OmegaConf
    except (ImportError, SystemExit) as exc:
        skip("the oracle's Hydra does not load (%s): is its parser generated?" % exc)
    return OverridesParser.create(), OmegaConf


# --------------------------------------------------------------------------
# What a user may type

NASTY = [" ", "  ", '"', "'", "\\", "\\\\", "${", "}", "#", "!", "~", ";", "&", "<", ">", "^", "`",
         "(", ")", "[", "]", "{", ",", ":", "=", "%", "*", "?", "|", "$", "@", "+", "-", ".", "/",
         "\t", "영수증", "é", "true", "null", "123", "1e3", "nan", "inf", "-1", "a", "run", "x_1"]
WHOLE = ["true", "False", "null", "NULL", "123", "-7", "1e3", "nan", "inf", "007", "1.5", ".5",
         "a(b)", "run#1", "a!b", "a;b", "a&b", "a<b", "a>b", "a~b", "a`b", "a^b", "a b\\",
         "a\\\\b", "\"a\" \"b\"", "\"quoted\"", "'single'", "cost ${x", "${oc.env:HOME}", "\\${x}",
         "영수증 검출", "say \"hi\"", "it's", "C:\\Users\\me", "trail\\", "x=y", "[a,b]", "{a:1}"]


def nasty_text(rng, min_length=0, max_length=None):
    if rng.random() < 0.3:
        text = rng.choice(WHOLE)
    else:
        text = "".join(rng.choice(NASTY) for _ in range(rng.randint(1, 8)))
    while len(text) < min_length:
        text += rng.choice(["a", "영", "_", "\\", '"'])
    if max_length is not None:
        text = text[:max_length]
    return text


def escape_item(text):
    """An item of a --set list or a --sweep: `\\` before a comma, a
    backslash, or a space at either end."""
    def escape(part):
        return part.replace("\\", "\\\\").replace(",", "\\,")
    lead = len(text) - len(text.lstrip(" "))
    if lead == len(text):
        return "\\ " * len(text)
    trail = len(text) - len(text.rstrip(" "))
    return "\\ " * lead + escape(text[lead:len(text) - trail]) + "\\ " * trail


def omegaconf_escaped(text):
    """The text Hydra must parse for OmegaConf to read @text: 2k+1
    backslashes before each `${` that k backslashes precede."""
    return re.sub(r"(\\*)\$\{", lambda m: "\\" * (2 * len(m.group(1)) + 1) + "${", text)


# --------------------------------------------------------------------------
# Projects and schemas

class Project:
    def __init__(self, folder, yaml):
        self.root = folder
        path = os.path.join(folder, "cmdbuilder.yaml")
        self.file = yaml.safe_load(open(path, encoding="utf-8")) if os.path.exists(path) else {}
        self.file = self.file or {}
        runner = self.file.get("runner", ["python3", "runners/{id}.py"])
        self.runner = shlex.split(runner) if isinstance(runner, str) else runner
        self.schemas = []
        schemas_dir = os.path.join(folder, self.file.get("schemas", "schemas"))
        for name in sorted(os.listdir(schemas_dir)):
            if name.endswith((".yaml", ".yml")):
                schema = yaml.safe_load(open(os.path.join(schemas_dir, name), encoding="utf-8"))
                stem = os.path.splitext(name)[0]
                default_id = stem[len("command_builder_"):] if stem.startswith("command_builder_") else stem
                schema["id"] = schema.get("id") or default_id
                self.schemas.append(schema)

    def prefix(self, schema):
        command = schema.get("command")
        if command:
            return shlex.split(command) if isinstance(command, str) else command
        return [arg.replace("{id}", schema["id"]) for arg in self.runner]

    def source(self, name):
        spec = (self.file.get("sources") or {}).get(name) or {}
        values = set(str(v) for v in spec.get("values") or [])
        for key, stem in (("stems", True), ("paths", False)):
            globs = spec.get(key) or []
            for pattern in [globs] if isinstance(globs, str) else globs:
                for path in glob.glob(os.path.join(self.root, pattern)):
                    rel = os.path.relpath(path, self.root)
                    values.add(os.path.splitext(os.path.basename(path))[0] if stem else rel)
        return sorted(values)

    def make_checkpoints(self):
        """A file for each glob of each paths: source, in a folder named as a
        user may name a run, with a name as a trainer gives one"""
        for spec in (self.file.get("sources") or {}).values():
            paths = (spec or {}).get("paths") or []
            for pattern in [paths] if isinstance(paths, str) else paths:
                parts = pattern.replace("**", "*").split("*")
                fill = ["my run 영수증"] + ["0"] * (len(parts) - 3) + ["epoch=01-step=0100"]
                path = parts[0] + "".join(f + p for f, p in zip(fill[-(len(parts) - 1):], parts[1:]))
                path = os.path.join(self.root, path)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w") as f:
                    f.write("{}\n")


def options_of(project, field):
    values = []
    for option in field.get("options") or []:
        values.append(str(option["value"] if isinstance(option, dict) else option))
    if field.get("options_source"):
        values.extend(project.source(field["options_source"]))
    return values


def targets_of(field):
    targets = field.get("hydra_override")
    return [] if targets is None else [targets] if isinstance(targets, str) else list(targets)


# --------------------------------------------------------------------------
# Generated commands

class Command:
    def __init__(self, schema, what):
        self.schema = schema
        self.what = what
        self.sets = []       # KEY=VALUE of --set
        self.sweeps = []     # KEY=VALUES of --sweep
        self.setup = None
        self.expect = {}     # target: the value Hydra must parse
        self.expect_text = {}  # target: the text OmegaConf must read
        self.expect_sweep = {}  # target: the values the sweep must hold


class Generator:
    def __init__(self, project, parse_hydra, rng, yaml, sweeps=True):
        self.project = project
        self.parse_hydra = parse_hydra
        self.rng = rng
        self.yaml = yaml
        self.sweeps = sweeps
        self.values = {}  # key: the value chosen, in the command being made

    def metadata_entry(self, set_name, name):
        """The entry @name of a metadata set, as the project file defines it"""
        spec = (self.project.file.get("metadata") or {}).get(set_name) or {}
        if "glob" in spec:
            for path in glob.glob(os.path.join(self.project.root, spec["glob"])):
                if os.path.splitext(os.path.basename(path))[0] == name:
                    data = self.yaml.safe_load(open(path, encoding="utf-8")) or {}
                    return (data.get(spec.get("root")) or {}) if isinstance(data, dict) else {}
        elif "file" in spec:
            data = self.yaml.safe_load(open(os.path.join(self.project.root, spec["file"]), encoding="utf-8"))
            return ((data or {}).get(spec.get("root")) or {}).get(name) or {}
        return {}

    def current(self, schema, key):
        if key in self.values:
            return self.values[key]
        field = next((f for f in schema.get("ui_elements") or [] if f.get("key") == key), None)
        return (field or {}).get("default")

    def allowed_options(self, schema, field):
        """The options the form accepts with the values chosen so far: those
        the architecture's list names"""
        options = [o for o in options_of(self.project, field) if o]
        key = field.get("filter_by_architecture_key")
        if key:
            arch = self.metadata_entry("architecture", str(self.current(schema, field.get("architecture_key", "architecture"))))
            listed = [str(v) for v in arch.get(key) or []]
            narrowed = [o for o in options if o in listed]
            options = narrowed or options
        return options

    def number_bounds(self, schema, field):
        low = field.get("min_value", 0)
        high = field.get("max_value", low + 1000)
        validation = field.get("validation") or {}
        if "range" in validation:
            low, high = max(low, validation["range"][0]), min(high, validation["range"][1])
        low, high = max(low, validation.get("min", low)), min(high, validation.get("max", high))
        if field.get("optimizer_metadata_key"):
            name = self.current(schema, field.get("optimizer_key", "optimizer")) or field.get("optimizer_fallback")
            bounds = self.metadata_entry("optimizer", str(name)).get(field["optimizer_metadata_key"]) or {}
            low, high = max(low, bounds.get("min", low)), min(high, bounds.get("max", high))
        return low, high

    def hydra_typed(self, text):
        """An option in Hydra's own spelling: what Hydra reads for it"""
        try:
            return self.parse_hydra("k=" + text)
        except Exception:  # noqa: BLE001 - an option Hydra needs quoted stays a text
            return text

    def number(self, schema, field):
        integer = all(isinstance(field.get(k, 1), int) and not isinstance(field.get(k, 1), bool)
                      for k in ("min_value", "max_value", "step", "default"))
        low, high = self.number_bounds(schema, field)
        if integer:
            return self.rng.randint(int(low), int(high))
        return round(self.rng.uniform(low, high), self.rng.randint(1, 6)) or low

    def random_value(self, schema, field):
        """(--set text, value Hydra must parse, text OmegaConf must read), or None"""
        kind = field.get("type")
        validation = field.get("validation") or {}
        if kind in ("text_input", "path"):
            if validation.get("pattern"):
                text = self.rng.choice(["run-1", "a_b", "x9"])
            else:
                text = nasty_text(self.rng, validation.get("min_length", 0), validation.get("max_length"))
            interp = field.get("interpolation")
            return text, text if interp else omegaconf_escaped(text), None if interp else text
        if kind in ("number_input", "slider"):
            value = self.number(schema, field)
            return repr(value) if isinstance(value, float) else str(value), value, None
        if kind == "checkbox":
            value = self.rng.random() < 0.5
            return "true" if value else "false", value, None
        if kind == "selectbox":
            options = self.allowed_options(schema, field)
            if not options:
                return None
            option = self.rng.choice(options)
            return option, self.hydra_typed(option), None
        if kind == "multiselect":
            options = options_of(self.project, field)
            chosen = [o for o in options if self.rng.random() < 0.4] or options[:1]
            return ",".join(chosen), [self.hydra_typed(o) for o in chosen], None
        if kind == "list_input":
            items = [nasty_text(self.rng) for _ in range(self.rng.randint(1, min(4, validation.get("max_length", 4))))]
            items = [i for i in items if i.strip(" \t")] or ["a"]
            return ", ".join(escape_item(i) for i in items), [omegaconf_escaped(i) for i in items], None
        return None

    def random_sweep(self, schema, field):
        """(--sweep text, the values Hydra must sweep), or None"""
        kind = field.get("type")
        if kind in ("number_input", "slider"):
            values = sorted(set(self.number(schema, field) for _ in range(self.rng.randint(2, 3))))
            if len(values) < 2:
                return None
            return ", ".join(repr(v) if isinstance(v, float) else str(v) for v in values), values
        if kind == "selectbox":
            options = self.allowed_options(schema, field)
            chosen = sorted(set(self.rng.choice(options) for _ in range(2))) if options else []
            if len(chosen) < 2:
                return None
            return ", ".join(escape_item(o) for o in chosen), [self.hydra_typed(o) for o in chosen]
        if kind == "text_input":
            min_length = (field.get("validation") or {}).get("min_length", 0)
            texts = [nasty_text(self.rng, min_length) for _ in range(2)]
            texts = [t for t in texts if t.strip(" \t")]
            if len(set(texts)) < 2:
                return None
            return ", ".join(escape_item(t) for t in texts), [omegaconf_escaped(t) for t in texts]
        return None

    def randomize(self, schema, index):
        command = Command(schema, "random #%d" % index)
        fields = [f for f in schema.get("ui_elements") or [] if f.get("type") != "info"]
        forced = set()
        self.values = {}
        for field in fields:
            validation = field.get("validation") or {}
            required = validation.get("required") or validation.get("required_if")
            if (self.rng.random() > 0.45 and not required) or field["key"] in forced:
                continue
            suffix = field.get("suffix")
            if suffix is not None:
                # The value is exact only without the suffix
                when = (suffix or {}).get("when")
                if not isinstance(when, str) or not re.fullmatch(r"[A-Za-z_]\w*", when):
                    continue
                command.sets.append("%s=false" % when)
                forced.add(when)
            if self.sweeps and field.get("sweep") and self.rng.random() < 0.35:
                sweep = self.random_sweep(schema, field)
                if sweep is not None:
                    command.sweeps.append("%s=%s" % (field["key"], sweep[0]))
                    for target in targets_of(field):
                        command.expect_sweep[target] = sweep[1]
                    continue
            made = self.random_value(schema, field)
            if made is None:
                continue
            self.values[field["key"]] = made[0] if field.get("type") == "selectbox" else made[1]
            command.sets.append("%s=%s" % (field["key"], made[0]))
            if field.get("operation") == "delete" or (field.get("type") == "multiselect" and not made[1]) \
                    or (field.get("type") in ("text_input", "path") and made[0] == ""):
                continue
            for target in targets_of(field):
                command.expect[target] = made[1]
                if made[2] is not None:
                    command.expect_text[target] = made[2]
        return command

    def required_sets(self, schema):
        """Values for the required fields without a default, such as the
        checkpoint of a test"""
        sets = []
        self.values = {}
        for field in schema.get("ui_elements") or []:
            validation = field.get("validation") or {}
            if (validation.get("required") or validation.get("required_if")) and not field.get("default"):
                made = self.random_value(schema, field)
                if made is not None:
                    sets.append("%s=%s" % (field["key"], made[0]))
        return sets

    def setups(self, schema, binary):
        """A command for each setup of each architecture"""
        arch = next((f for f in schema.get("ui_elements") or [] if f.get("key") == "architecture"), None)
        commands = []
        for name in options_of(self.project, arch) if arch else [None]:
            sets = ["architecture=%s" % name] if name else []
            out = run_binary(binary, self.project.root, schema["id"], sets, [], None, "--list-setups")
            for line in out[1].decode().splitlines():
                command = Command(schema, "setup %s" % line.split("\t")[0])
                command.sets = sets + self.required_sets(schema)
                command.setup = line.split("\t")[0]
                commands.append(command)
        return commands


def run_binary(binary, project, schema_id, sets, sweeps, setup, *flags):
    argv = [binary, "--project", project, "--schema", schema_id]
    for s in sets:
        argv += ["--set", s]
    for s in sweeps:
        argv += ["--sweep", s]
    if setup:
        argv += ["--setup", setup]
    result = subprocess.run(argv + list(flags), capture_output=True,
                            env=dict(os.environ, LANGUAGE="C", LC_ALL="C.UTF-8"))
    return result.returncode, result.stdout, result.stderr


def build_argv(binary, project, command, display):
    rc, out, err = run_binary(binary, project.root, command.schema["id"], command.sets, command.sweeps,
                              command.setup, "--print-command" if display else "--print-argv")
    if rc != 0:
        return rc, err.decode(errors="replace").strip()
    if display:
        return 0, shlex.split(out.decode().rstrip("\n"))
    return 0, [a.decode() for a in out.split(b"\0")[:-1]]


# --------------------------------------------------------------------------
# Config trees without a primary config

def synthesize(project, yaml):
    """A copy of the project whose config tree has a primary config for each
    schema, made of the keys and groups the schema overrides"""
    folder = tempfile.mkdtemp(prefix="cb-check-hydra-")
    copy = os.path.join(folder, "project")
    shutil.copytree(project.root, copy)
    configs = os.path.join(copy, "configs")
    os.makedirs(configs, exist_ok=True)
    _stub_missing_defaults(configs, yaml)
    for schema in project.schemas:
        if os.path.exists(os.path.join(configs, schema["id"] + ".yaml")):
            continue
        tree, defaults = {}, ["_self_"]
        literals = list(schema.get("constant_overrides") or [])
        for field in schema.get("ui_elements") or []:
            for target in targets_of(field):
                if "/" in target or os.path.isdir(os.path.join(configs, target)):
                    options = options_of(project, field)
                    if field.get("default") in options:
                        defaults.append({target: field["default"]})
                    elif options:
                        defaults.append({target: options[0]})
                else:
                    node = tree
                    parts = target.split(".")
                    for part in parts[:-1]:
                        node = node.setdefault(part, {}) if isinstance(node.get(part), dict) or part not in node \
                            else node
                    node.setdefault(parts[-1], None)
        for profile in _metadata_overrides(project, yaml):
            literals.append(profile)
        for literal in literals:
            key = literal.lstrip("+~").split("=", 1)[0]
            if "/" in key and "=" in literal:
                group_file = os.path.join(configs, key, literal.split("=", 1)[1] + ".yaml")
                if not os.path.exists(group_file):
                    os.makedirs(os.path.dirname(group_file), exist_ok=True)
                    with open(group_file, "w") as f:
                        f.write("{}\n")
            elif not literal.startswith(("+", "~")) and "=" in literal:
                node = tree
                parts = key.split(".")
                for part in parts[:-1]:
                    node = node.setdefault(part, {})
                node.setdefault(parts[-1], None)
        with open(os.path.join(configs, schema["id"] + ".yaml"), "w") as f:
            yaml.safe_dump({"defaults": defaults, **tree}, f, allow_unicode=True)
    return Project(copy, yaml)


def _stub_missing_defaults(configs, yaml):
    """Empty configs for what the defaults lists of a partial config tree
    name and the tree does not have, so that it composes"""
    for path in glob.glob(os.path.join(configs, "**", "*.yaml"), recursive=True):
        try:
            data = yaml.safe_load(open(path, encoding="utf-8"))
        except yaml.YAMLError:
            continue
        group = os.path.relpath(os.path.dirname(path), configs)
        for entry in (data or {}).get("defaults") or [] if isinstance(data, dict) else []:
            if isinstance(entry, str) and entry != "_self_":
                entry = {os.path.dirname(entry) or ".": os.path.basename(entry)}
            if not isinstance(entry, dict):
                continue
            for key, option in entry.items():
                if option is None or not isinstance(option, str):
                    continue
                key = key.replace("override ", "").replace("optional ", "").strip()
                folder = key[1:] if key.startswith("/") else os.path.normpath(os.path.join(group, key))
                stub = os.path.join(configs, folder, option + ".yaml")
                if not os.path.exists(stub):
                    os.makedirs(os.path.dirname(stub), exist_ok=True)
                    with open(stub, "w") as f:
                        f.write("{}\n")


def _metadata_overrides(project, yaml):
    literals = []
    for spec in (project.file.get("metadata") or {}).values():
        files = [spec["file"]] if "file" in spec else glob.glob(os.path.join(project.root, spec.get("glob", "")))
        for path in files:
            data = yaml.safe_load(open(os.path.join(project.root, path), encoding="utf-8")) or {}
            for entry in (data.get(spec.get("root")) or {}).values() if isinstance(data, dict) else []:
                if isinstance(entry, dict):
                    literals.extend(o for o in entry.get("overrides") or [] if isinstance(o, str))
    return literals


# --------------------------------------------------------------------------
# Checks

def override_key(overrides, target):
    """The key of @target's override as written: with its +, ++ or ~"""
    for ov in overrides:
        key = ov.split("=", 1)[0]
        if key.lstrip("+~") == target:
            return key
    return None


def check_project(args, project, parser, OmegaConf, yaml):
    rng = random.Random(args.seed)

    def parse_value(text):
        [o] = parser.parse_overrides([text])
        return o.value()

    generator = Generator(project, parse_value, rng, yaml, sweeps=not args.no_sweeps)
    commands = []
    for schema in project.schemas:
        commands.append(Command(schema, "defaults"))
        commands[-1].sets = generator.required_sets(schema)
        if not args.no_setups:
            commands.extend(generator.setups(schema, args.binary))
        commands.extend(generator.randomize(schema, i) for i in range(args.count))

    failures, jobs, rejected = [], [], 0
    config_dir = os.path.join(project.root, "configs")
    for n, command in enumerate(commands):
        rc, argv = build_argv(args.binary, project, command, args.display)
        if rc == 1:
            rejected += 1  # the form's validation refused the values
            if args.verbose:
                print("  refused [%s %s]: %s" % (command.schema["id"], command.what, argv.splitlines()[0]))
            continue
        if rc != 0:
            failures.append((command, "cmdbuilder exit %d: %s" % (rc, argv)))
            continue
        overrides = argv[len(project.prefix(command.schema)):]
        command.overrides = overrides
        expect = {}
        for target, value in command.expect.items():
            key = override_key(overrides, target)
            if key is not None and target not in command.expect_sweep:
                expect[key] = value
        jobs.append({"id": n, "config_dir": config_dir, "config_name": command.schema["id"],
                     "overrides": overrides, "expect": expect})
        failures.extend((command, message) for message in extra_checks(command, overrides, parser, OmegaConf))

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as batch:
        for job in jobs:
            batch.write(json.dumps(job, ensure_ascii=False) + "\n")
    result = subprocess.run([os.path.join(args.oracle, "check"), "--batch", batch.name],
                            capture_output=True, text=True)
    os.unlink(batch.name)
    if result.returncode not in (0, 1):
        skip("the oracle did not run (exit %d): %s" % (result.returncode, (result.stderr or result.stdout).strip()))
    by_id = {n: c for n, c in enumerate(commands)}
    for line in result.stdout.splitlines():
        try:
            res = json.loads(line)
        except ValueError:
            skip("the oracle does not work: %s" % line.strip())
        if res["ok"]:
            continue
        command = by_id[res["id"]]
        for e in res["parse_errors"]:
            failures.append((command, "PARSE %s: %s" % (e["override"], e["message"].splitlines()[-1])))
        for e in res["value_errors"]:
            failures.append((command, "VALUE %s" % e["message"]))
        if res["compose_error"] and not res["compose_error"]["skipped"]:
            message = res["compose_error"]["message"].strip().splitlines()
            failures.append((command, "COMPOSE %s" % " / ".join(m.strip() for m in message[:3])))
    return len(commands), rejected, len(jobs), failures


def extra_checks(command, overrides, parser, OmegaConf):
    """What the oracle does not look at: the values of sweeps, and the text
    OmegaConf reads once Hydra has parsed an escaped interpolation"""
    messages = []
    for target, values in command.expect_sweep.items():
        key = override_key(overrides, target)
        ov = next((o for o in overrides if o.split("=", 1)[0] == key), None)
        if ov is None:
            continue
        try:
            [o] = parser.parse_overrides([ov])
            got = list(o.sweep_iterator())
        except Exception as exc:  # noqa: BLE001 - reported
            messages.append("SWEEP %s: %s" % (ov, str(exc).splitlines()[0]))
            continue
        if got != values or [type(v) for v in got] != [type(v) for v in values]:
            messages.append("SWEEP %s holds %r, not %r" % (ov, got, values))
    for target, text in command.expect_text.items():
        value = command.expect.get(target)
        if override_key(overrides, target) is None or not isinstance(value, str):
            continue
        read = OmegaConf.create({"v": value})["v"]
        if read != text:
            messages.append("TEXT %s: OmegaConf reads %r, not %r" % (target, read, text))
    return messages


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--project", action="append", required=True)
    ap.add_argument("--oracle")
    ap.add_argument("--count", type=int, default=120)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--synthesize", action="store_true")
    ap.add_argument("--display", action="store_true")
    ap.add_argument("--no-sweeps", action="store_true")
    ap.add_argument("--no-setups", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    reexec_with_debian_python()
    import yaml
    args.oracle = find_oracle(args.oracle)
    parser, OmegaConf = load_hydra(args.oracle)

    total_failures = 0
    for folder in args.project:
        work = tempfile.mkdtemp(prefix="cb-check-hydra-")
        copy = os.path.join(work, "project")
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("outputs"))
        project = Project(copy, yaml)
        if args.synthesize:
            project = synthesize(project, yaml)
        project.make_checkpoints()
        n, rejected, checked, failures = check_project(args, project, parser, OmegaConf, yaml)
        failed = len(set(id(command) for command, _ in failures))
        print("%s: %d commands, %d refused by the form's validation, %d checked by Hydra, "
              "%d read exactly, %d not (%d problems)"
              % (folder, n, rejected, checked, checked - failed, failed, len(failures)))
        for command, message in failures[:None if args.verbose else 40]:
            print("  FAIL [%s %s] %s" % (command.schema["id"], command.what, message))
            if args.verbose:
                print("       sets: %r sweeps: %r" % (command.sets, command.sweeps))
                print("       argv: %r" % getattr(command, "overrides", None))
        total_failures += len(failures)
        shutil.rmtree(work, ignore_errors=True)

    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
