"""Command-line overrides as Hydra 1.3 reads them, for the demo runners.

A small reading of Hydra's override grammar (its OverrideLexer.g4 and
OverrideParser.g4) with the standard library only:

    key=value  +key=value  ++key=value  ~key  ~key=value

Values: unquoted words, numbers, true/false, null (any case); "double" or
'single' quoted text (inside, backslashes are literal except a run before
a quote: 2n+1 backslashes and a quote are n backslashes and the quote, 2n
backslashes before the closing quote are n); escapes of unquoted text
(\\\\ \\( \\) \\[ \\] \\{ \\} \\: \\= \\, and backslash-blank); [lists], {dicts};
sweeps: a,b,c  choice(a,b)  range(start,stop[,step])  glob(pattern).
Then, as OmegaConf does, an odd run of 2k+1 backslashes before `${` stands
for k backslashes and a literal `${`.
"""

import fnmatch
import re


class OverrideError(ValueError):
    pass


# --------------------------------------------------------------------------
# Lexer (value mode): the longest match of any rule, the earlier on a tie

_INTU = r"(?:0|[1-9](?:_?[0-9])*)"
_DIG = r"[0-9](?:_?[0-9])*"
_POINTS = [_INTU + r"\.", _INTU + r"?\." + _DIG]
_FLOATS = [r"[+-]?" + p for p in _POINTS] + \
    [r"[+-]?(?:%s)[eE][+-]?%s" % (m, _DIG) for m in [_INTU] + _POINTS] + \
    [r"[+-]?(?:[Ii][Nn][Ff]|[Nn][Aa][Nn])"]

_RULES = [
    ("POPEN", [r"[ \t]*\([ \t]*"]),
    ("COMMA", [r"[ \t]*,[ \t]*"]),
    ("PCLOSE", [r"[ \t]*\)"]),
    ("BRACKET_OPEN", [r"\[[ \t]*"]),
    ("BRACKET_CLOSE", [r"[ \t]*\]"]),
    ("BRACE_OPEN", [r"\{[ \t]*"]),
    ("BRACE_CLOSE", [r"[ \t]*\}"]),
    ("COLON", [r"[ \t]*:[ \t]*"]),
    ("EQUAL", [r"[ \t]*=[ \t]*"]),
    ("FLOAT", _FLOATS),
    ("INT", [r"[+-]?" + _INTU]),
    ("BOOL", [r"(?i:true|false)"]),
    ("NULL", [r"(?i:null)"]),
    ("UNQUOTED_CHAR", [r"[/\-\\+.$%*@?|]"]),
    ("ID", [r"[a-zA-Z_][a-zA-Z0-9_\-]*"]),
    ("ESC", [r"(?:\\[\\()\[\]{}:=, \t])+"]),
    ("WS", [r"[ \t]+"]),
    ("INTERPOLATION", [r"\$\{[^}]+\}"]),
]
_COMPILED = [(name, [re.compile(p, re.S) for p in patterns]) for name, patterns in _RULES]


def _quoted_length(text, pos):
    """A quoted value ends at the first same quote after an even run of
    backslashes (none counts as even)."""
    quote = text[pos]
    run = 0
    for i in range(pos + 1, len(text)):
        if text[i] == quote and run % 2 == 0:
            return i + 1 - pos
        run = run + 1 if text[i] == "\\" else 0
    return 0


def lex(text):
    tokens = []
    pos = 0
    while pos < len(text):
        best, kind = 0, None
        for name, patterns in _COMPILED:
            length = max((len(m.group(0)) for m in (p.match(text, pos) for p in patterns) if m),
                         default=0)
            if length > best:
                best, kind = length, name
        if text[pos] in "\"'":
            length = _quoted_length(text, pos)
            if length > best:
                best, kind = length, "QUOTED_VALUE"
        if best == 0:
            raise OverrideError("token recognition error at: '%s'" % text[pos])
        tokens.append((kind, text[pos:pos + best]))
        pos += best
    return tokens


# --------------------------------------------------------------------------
# Values

class Sweep:
    """Several values for the jobs of a multirun."""

    def __init__(self, values=None, glob=None):
        self.values = values
        self.glob = glob  # (include patterns, exclude patterns) over a group's options

    def expand(self, options=None):
        if self.glob is None:
            return list(self.values)
        if options is None:
            raise OverrideError("glob() sweeps the options of a config group")
        include, exclude = self.glob
        return [o for o in sorted(options)
                if any(fnmatch.fnmatch(o, p) for p in include)
                and not any(fnmatch.fnmatch(o, p) for p in exclude)]


def unescape_quoted(token):
    quote, body = token[0], token[1:-1]
    out = []
    i = 0
    while i < len(body):
        if body[i] != "\\":
            out.append(body[i])
            i += 1
            continue
        j = i
        while j < len(body) and body[j] == "\\":
            j += 1
        run = j - i
        if j < len(body) and body[j] == quote:
            out.append("\\" * (run // 2) + quote)  # an odd run: (run-1)/2 and the quote
            i = j + 1
        elif j == len(body):
            out.append("\\" * (run // 2))
            i = j
        else:
            out.append("\\" * run)
            i = j
    return "".join(out)


def unescape_interpolations(value):
    """OmegaConf's reading of a text with `${`: 2k+1 backslashes and `${`
    are k backslashes and a literal `${`; an interpolation stays as text."""
    if isinstance(value, Sweep):
        return Sweep([unescape_interpolations(v) for v in value.values], value.glob) \
            if value.values is not None else value
    if isinstance(value, list):
        return [unescape_interpolations(v) for v in value]
    if isinstance(value, dict):
        return {k: unescape_interpolations(v) for k, v in value.items()}
    if not isinstance(value, str) or "${" not in value:
        return value
    return re.sub(r"(\\*)\$\{", lambda m: "\\" * (len(m.group(1)) // 2) + "${", value)


def _typed(kind, text):
    if kind == "INT":
        return int(text)
    if kind == "FLOAT":
        return float(text)
    if kind == "BOOL":
        return text.lower() == "true"
    if kind == "NULL":
        return None
    return text


_PRIMITIVE = {"ID", "NULL", "INT", "FLOAT", "BOOL", "INTERPOLATION", "UNQUOTED_CHAR", "COLON",
              "ESC", "WS"}


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self, offset=0):
        i = self.pos + offset
        return self.tokens[i][0] if i < len(self.tokens) else None

    def take(self, kind):
        if self.peek() != kind:
            found = self.tokens[self.pos][1] if self.pos < len(self.tokens) else "the end"
            raise OverrideError("expected %s, found %r" % (kind, found))
        self.pos += 1
        return self.tokens[self.pos - 1][1]

    def value(self):
        items = [self.element()]
        while self.peek() == "COMMA":
            self.pos += 1
            items.append(self.element())
        if self.pos != len(self.tokens):
            raise OverrideError("unexpected %r" % self.tokens[self.pos][1])
        return items[0] if len(items) == 1 else Sweep(items)

    def element(self):
        kind = self.peek()
        if kind == "ID" and self.peek(1) == "POPEN":
            return self.function()
        if kind == "BRACKET_OPEN":
            self.pos += 1
            items = []
            if self.peek() != "BRACKET_CLOSE":
                items.append(self.element())
                while self.peek() == "COMMA":
                    self.pos += 1
                    items.append(self.element())
            self.take("BRACKET_CLOSE")
            return items
        if kind == "BRACE_OPEN":
            self.pos += 1
            result = {}
            while self.peek() != "BRACE_CLOSE":
                if result:
                    self.take("COMMA")
                key = self.primitive(dict_key=True)
                self.take("COLON")
                result[str(key)] = self.element()
            self.take("BRACE_CLOSE")
            return result
        return self.primitive()

    def primitive(self, dict_key=False):
        if self.peek() == "QUOTED_VALUE":
            return unescape_quoted(self.take("QUOTED_VALUE"))
        allowed = _PRIMITIVE - ({"COLON", "INTERPOLATION"} if dict_key else set())
        start = self.pos
        while self.peek() in allowed:
            self.pos += 1
        parts = self.tokens[start:self.pos]
        while parts and parts[0][0] == "WS":
            parts = parts[1:]
        while parts and parts[-1][0] == "WS":
            parts = parts[:-1]
        if not parts:
            raise OverrideError("a value is missing")
        if len(parts) == 1 and parts[0][0] != "ESC":
            return _typed(*parts[0])
        return "".join(t[1:][::2] if k == "ESC" else t for k, t in parts)

    def function(self):
        name = self.take("ID")
        self.take("POPEN")
        args, kwargs = [], {}
        while self.peek() != "PCLOSE":
            if args or kwargs:
                self.take("COMMA")
            if self.peek() == "ID" and self.peek(1) == "EQUAL":
                arg = self.take("ID")
                self.pos += 1
                kwargs[arg] = self.element()
            else:
                args.append(self.element())
        self.take("PCLOSE")
        return _call(name, args, kwargs)


def _call(name, args, kwargs):
    if name == "choice":
        return Sweep(args)
    if name == "range":
        values = list(args) + [kwargs[k] for k in ("start", "stop", "step") if k in kwargs]
        if not 1 <= len(values) <= 3 or not all(isinstance(v, (int, float)) for v in values):
            raise OverrideError("range() takes one to three numbers")
        start, stop, step = (0, values[0], 1) if len(values) == 1 else (list(values) + [1])[:3]
        if step == 0:
            raise OverrideError("range() step must not be zero")
        out, v = [], start
        while (v < stop) if step > 0 else (v > stop):
            out.append(v)
            v = start + len(out) * step
        return Sweep(out)
    if name == "glob":
        include = args[0] if args else kwargs.get("include")
        exclude = args[1] if len(args) > 1 else kwargs.get("exclude", [])
        as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
        return Sweep(glob=([str(p) for p in as_list(include)], [str(p) for p in as_list(exclude)]))
    if name == "interval":
        raise OverrideError("interval() needs a sweeper plugin; the demo runners sweep lists")
    raise OverrideError("Unknown function '%s'" % name)


def parse_value(text):
    """The value of an override, as Hydra reads it: a value, or a Sweep."""
    tokens = lex(text)
    if not tokens:
        return ""
    if tokens[0][0] == "WS":
        tokens = tokens[1:]  # `=` takes the blanks after it
        if not tokens:
            return ""
    return unescape_interpolations(_Parser(tokens).value())


def format_value(value):
    """A value as an override writes it, for the job lines of a multirun."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ",".join(format_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join("%s:%s" % (k, format_value(v)) for k, v in value.items()) + "}"
    text = str(value)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_\-./]*", text) and text.lower() not in ("true", "false", "null"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
