#!/usr/bin/env python3
"""Tests the TextMate grammar of the VS Code extension (editors/vscode).

1. The grammar is valid JSON and every match/begin/end/while regex compiles in Oniguruma,
   the regex engine VS Code uses (through the onigurumacffi module).
2. A small TextMate tokenizer runs over every file in samples/: no rule may fail or loop,
   every line is covered by tokens from its first character to its last, no one-line
   construct (a "..." string, an interpolation in one) runs past its line, and every file
   ends outside any string.
3. Chosen tokens of the samples, and of a few snippets, have the scopes they should.

The tokenizer supports what this grammar uses and no more: `match` with `captures`,
`begin`/`end` with `beginCaptures`/`endCaptures`/`captures`, `name`, `contentName` and
`patterns`, and `include` of `#repository` items and `$self`/`$base`. `\\A` matches on the
first line only, as in VS Code. It does not support `while`, `\\G`, back-references in
`end`, `applyEndPatternLast` or captures with `patterns`; it fails on a grammar that uses
them rather than tokenizing wrongly. Like VS Code it feeds each line with its "\\n", and at
equal positions the end pattern wins, then the earliest rule.

Run from the repository's root: python3 editors/tests/textmate_test.py
"""

import glob
import json
import os
import re
import sys

try:
    import onigurumacffi
except ImportError:
    print("textmate_test: the Python module onigurumacffi is missing; install it with: "
          "python3 -m pip install onigurumacffi", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GRAMMAR_PATH = os.path.join(ROOT, "editors", "vscode", "syntaxes", "scout.tmLanguage.json")
REGEX_KEYS = ("match", "begin", "end", "while")
UNSUPPORTED_KEYS = ("while", "applyEndPatternLast", "injections", "injectionSelector")

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


class GrammarError(Exception):
    pass


class LoopError(Exception):
    pass


# ---------------------------------------------------------------------------------------
# Regexes


_ANCHOR_A = re.compile(r"(?<!\\)((?:\\\\)*)\\A")


def regex_variants(source):
    """The regex as compiled for the first line, and for the others (\\A never matches)."""
    return source, _ANCHOR_A.sub(lambda m: m.group(1) + "(?!)", source)


_compiled = {}


def compile_regex(source):
    if source not in _compiled:
        _compiled[source] = onigurumacffi.compile(source)
    return _compiled[source]


def group_span(match, n):
    """The span of group n, or None when the group did not take part in the match.
    (onigurumacffi reports such a group with a negative byte offset.)"""
    if n >= len(match._begs) or match._begs[n] < 0:
        return None
    return match.span(n)


# ---------------------------------------------------------------------------------------
# Grammar


class Grammar:
    def __init__(self, data):
        self.data = data
        self.repository = data.get("repository", {})
        self.root = {"patterns": data["patterns"], "name": data["scopeName"]}
        self._expanded = {}

    def all_rules(self):
        """Every rule object with the path that leads to it, for the static checks."""
        out = []

        def walk(rule, path):
            if not isinstance(rule, dict):
                raise GrammarError(f"{path}: a rule must be an object")
            out.append((path, rule))
            for i, sub in enumerate(rule.get("patterns", [])):
                walk(sub, f"{path}.patterns[{i}]")
            for key in ("captures", "beginCaptures", "endCaptures", "whileCaptures"):
                for n, cap in rule.get(key, {}).items():
                    if not n.isdigit():
                        raise GrammarError(f"{path}.{key}: capture keys are group numbers, not {n!r}")
                    if "patterns" in cap:
                        walk(cap, f"{path}.{key}[{n}]")

        for i, rule in enumerate(self.data["patterns"]):
            walk(rule, f"patterns[{i}]")
        for name, rule in self.repository.items():
            walk(rule, f"repository.{name}")
        return out

    def resolve(self, include):
        if include in ("$self", "$base"):
            return self.root
        if include.startswith("#"):
            name = include[1:]
            if name not in self.repository:
                raise GrammarError(f"include of unknown repository item {include}")
            return self.repository[name]
        raise GrammarError(f"include of another grammar ({include}) is not supported")

    def expand(self, patterns):
        """The match and begin rules a pattern list offers, includes resolved, in order."""
        key = id(patterns)
        if key in self._expanded:
            return self._expanded[key]
        out = []

        def add(rules, visiting):
            for rule in rules:
                if "include" in rule:
                    target = self.resolve(rule["include"])
                    if id(target) in visiting:
                        continue  # an include cycle offers nothing new
                    if "match" in target or "begin" in target:
                        out.append(target)
                    else:
                        add(target.get("patterns", []), visiting | {id(target)})
                elif "match" in rule or "begin" in rule:
                    out.append(rule)
                else:
                    add(rule.get("patterns", []), visiting | {id(rule)})

        add(patterns, {key})
        self._expanded[key] = out
        return out


class Frame:
    """One open begin/end rule (or the root)."""

    def __init__(self, rule, outer_scopes, content_scopes):
        self.rule = rule
        self.outer_scopes = outer_scopes      # scopes of the begin and end matches
        self.content_scopes = content_scopes  # scopes of what lies between them


def apply_captures(scopes_per_char, match, captures, base):
    start, end = match.span()
    for i in range(start, end):
        scopes_per_char[i] = list(base)
    for n in sorted(captures, key=int):
        name = captures[n].get("name")
        span = group_span(match, int(n))
        if not name or span is None:
            continue
        for i in range(span[0], span[1]):
            scopes_per_char[i] = scopes_per_char[i] + [name]


def tokenize(grammar, text):
    """Tokenizes a whole text. Returns, per line, the list of scopes of each character
    (the line's "\\n" included), and the frames still open at the end."""
    stack = [Frame(grammar.root, [grammar.root["name"]], [grammar.root["name"]])]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    result = []
    for number, raw_line in enumerate(lines):
        line = raw_line + "\n"
        first = number == 0
        scopes = [None] * len(line)
        pos = 0
        zero_width_begins = set()
        while pos < len(line):
            frame = stack[-1]
            candidates = []
            if frame.rule is not grammar.root:
                candidates.append(("end", frame.rule, frame.rule["end"]))
            for rule in grammar.expand(frame.rule.get("patterns", [])):
                candidates.append(("match" if "match" in rule else "begin", rule, rule.get("match") or rule["begin"]))
            best = None
            for kind, rule, source in candidates:
                variant = regex_variants(source)[0 if first else 1]
                m = compile_regex(variant).search(line, pos)
                if m is not None and (best is None or m.start() < best[2].start()):
                    best = (kind, rule, m)
            if best is None:
                for i in range(pos, len(line)):
                    scopes[i] = frame.content_scopes
                break
            kind, rule, m = best
            for i in range(pos, m.start()):
                scopes[i] = frame.content_scopes
            if kind == "end":
                apply_captures(scopes, m, rule.get("endCaptures", rule.get("captures", {})), frame.outer_scopes)
                stack.pop()
            elif kind == "match":
                if m.end() == m.start():
                    raise LoopError(f"line {number + 1}, column {pos + 1}: the match rule /{rule['match']}/ "
                                    "matched nothing and so consumed nothing")
                base = frame.content_scopes + ([rule["name"]] if "name" in rule else [])
                apply_captures(scopes, m, rule.get("captures", {}), base)
            else:
                if m.end() == m.start():
                    key = (m.start(), id(rule), len(stack))
                    if key in zero_width_begins:
                        raise LoopError(f"line {number + 1}, column {pos + 1}: the begin rule /{rule['begin']}/ "
                                        "keeps starting without consuming anything")
                    zero_width_begins.add(key)
                outer = frame.content_scopes + ([rule["name"]] if "name" in rule else [])
                content = outer + ([rule["contentName"]] if "contentName" in rule else [])
                apply_captures(scopes, m, rule.get("beginCaptures", rule.get("captures", {})), outer)
                stack.append(Frame(rule, outer, content))
            if len(stack) > 200:
                raise LoopError(f"line {number + 1}: more than 200 rules open at once")
            pos = m.end()
        missing = [i for i, s in enumerate(scopes) if s is None]
        if missing:
            raise LoopError(f"line {number + 1}: characters at columns {[i + 1 for i in missing]} got no token")
        result.append(scopes)
        joined = re.search(r"(?<!\\)(?:\\\\)*\\$", raw_line) is not None  # a backslash joins the next line
        for open_frame in stack[1:]:
            if open_frame.rule is grammar.repository.get("string-double") and joined:
                continue
            if open_frame.rule is not grammar.repository.get("string-multiline") and \
               open_frame.rule is not grammar.repository.get("interpolation-multiline") and \
               open_frame.rule is not grammar.repository.get("braces"):
                raise LoopError(f"line {number + 1}: a one-line rule (/{open_frame.rule['begin']}/) is still open "
                                "at the end of the line")
    return result, stack[1:]


# ---------------------------------------------------------------------------------------
# Checks


def static_checks(grammar):
    count = 0
    for path, rule in grammar.all_rules():
        for key in UNSUPPORTED_KEYS:
            if key in rule:
                fail(f"{path}: uses {key}, which this test's tokenizer does not support")
        if "begin" in rule and "end" not in rule:
            fail(f"{path}: a begin rule without an end")
        if "end" in rule and re.search(r"(?<!\\)\\[1-9]", rule["end"]):
            fail(f"{path}: back-references in end are not supported by this test")
        for key in REGEX_KEYS:
            if key not in rule:
                continue
            for variant in set(regex_variants(rule[key])):
                try:
                    compile_regex(variant)
                    count += 1
                except onigurumacffi.OnigError as error:
                    fail(f"{path}.{key}: /{rule[key]}/ does not compile in Oniguruma: {error}")
            if "\\G" in rule[key]:
                fail(f"{path}.{key}: uses \\G, which this test's tokenizer does not support")
        for include in [rule["include"]] if "include" in rule else []:
            try:
                grammar.resolve(include)
            except GrammarError as error:
                fail(f"{path}: {error}")
    print(f"ok: {count} regexes compile in Oniguruma {onigurumacffi.__onig_version__}")


def scopes_at(tokens, lines, line_number, needle, occurrence=1, offset=0):
    line = lines[line_number - 1]
    col = -1
    for _ in range(occurrence):
        col = line.find(needle, col + 1)
        if col < 0:
            raise AssertionError(f"line {line_number} has no {needle!r} (occurrence {occurrence}): {line!r}")
    return tokens[line_number - 1][col + offset]


def expect_scope(name, tokens, lines, line_number, needle, scope, occurrence=1, offset=0, absent=()):
    """The character at `needle` (+offset) on the line has a scope starting with `scope`
    and none starting with any of `absent`."""
    try:
        got = scopes_at(tokens, lines, line_number, needle, occurrence, offset)
    except AssertionError as error:
        fail(f"{name}: {error}")
        return
    where = f"{name}:{line_number}: {needle!r}" + (f" (+{offset})" if offset else "")
    if not any(s == scope or s.startswith(scope + ".") for s in got):
        fail(f"{where} should have scope {scope}, has {got}")
    for a in absent:
        if any(s == a or s.startswith(a + ".") for s in got):
            fail(f"{where} should not have scope {a}, has {got}")


def run_file(grammar, name, text):
    try:
        tokens, still_open = tokenize(grammar, text)
    except LoopError as error:
        fail(f"{name}: {error}")
        return None, None
    if still_open:
        fail(f"{name}: ends inside {[f.rule.get('begin') for f in still_open]}")
    return tokens, text.split("\n")


SAMPLE_CHECKS = {
    "strings.scout": [
        (1, "#!", "comment.line.shebang"),
        (1, "/usr/bin/env scout", "comment.line.shebang"),
        (2, "# Strings", "comment.line.number-sign"),
        (4, "let", "keyword.declaration"),
        (4, "name", "variable.other.definition"),
        (4, '"Scout"', "punctuation.definition.string.begin"),
        (4, "Scout", "string.quoted.double", 1, 1),
        (7, "print", "support.function.command"),
        (7, "hello", "string.quoted.double", 1, 0, ("meta.embedded",)),
        (7, "${", "punctuation.section.embedded.begin"),
        (7, "${", "string.quoted.double"),
        (7, "name", "meta.embedded"),
        (7, "name", "variable.other", 1, 0),
        (7, "name", "source.scout"),
        (7, "}", "punctuation.section.embedded.end"),
        (7, "len", "support.function.builtin"),
        (7, "tags", "meta.embedded"),
        (7, "tags", "string.quoted.double", 2, 0, ("meta.embedded",)),
        (7, "tags", "meta.embedded", 3),
        (7, "join", "support.function.builtin"),
        (7, '", "', "punctuation.definition.string.begin"),
        (7, '", "', "meta.embedded"),
        (7, '", "', "string.quoted.double", 1, 1),
        (7, ")}\"", "punctuation.section.embedded.end", 1, 1),
        (7, ")}\"", "punctuation.definition.string.end", 1, 2, ("meta.embedded",)),
        (8, "'raw", "string.quoted.single"),
        (8, "$name", "string.quoted.single", 1, 0, ("meta.embedded", "punctuation.section.embedded")),
        (8, "\\n", "string.quoted.single", 1, 0, ("constant.character.escape",)),
        (9, "\\t", "constant.character.escape"),
        (9, '\\"', "constant.character.escape"),
        (9, "\\${", "constant.character.escape"),
        (9, "\\${", "string.quoted.double", 1, 2, ("meta.embedded",)),
        (9, "\\u{2713}", "constant.character.escape", 1, 7),
        (10, '"""', "punctuation.definition.string.begin"),
        (11, "A multi-line", "string.quoted.triple"),
        (13, "${", "punctuation.section.embedded.begin"),
        (13, "upper", "support.function.builtin"),
        (13, "upper", "string.quoted.triple"),
        (14, '"""', "punctuation.definition.string.end"),
        (16, "# Interpolation", "comment.line.number-sign"),
        (18, "run", "support.function.command"),
        (21, "raw", "support.function.builtin"),
        (21, '"$((6', "string.quoted.double", 1, 1),
        (21, '"$((6', "meta.embedded", 1, 1),
        (21, '"$((6', "string.quoted.double", 1, 1, ("punctuation.section.embedded",)),
        (23, '\\"$HOME', "constant.character.escape"),
        (23, "$HOME", "string.quoted.double", 1, 0, ("meta.embedded",)),
    ],
    "task-blocks.scout": [
        (7, "task", "keyword.declaration"),
        (7, "build", "entity.name.function"),
        (7, "{", "punctuation.section.braces.begin"),
        (8, "run", "support.function.command"),
        (12, "task", "keyword"),
        (12, "package", "entity.name.function"),
        (12, "if", "keyword.other.clause"),
        (12, "build", "variable.other"),
        (12, "ok", "variable.other.property"),
        (12, "retry", "keyword.other.clause"),
        (12, "1", "constant.numeric.integer"),
        (13, "timeout", "keyword.other.clause"),
        (13, "30s", "constant.numeric.duration"),
        (13, "30s", "constant.numeric.duration", 1, 2),
        (18, "skip_if", "keyword.other.clause"),
        (18, "!=", "keyword.operator.comparison"),
        (19, "stop_if", "keyword.other.clause"),
        (20, "print", "support.function.command"),
        (20, "status", "variable.other.property"),
        (21, "}", "punctuation.section.braces.end"),
    ],
    "retry-and-timeout.scout": [
        (7, "use", "keyword.declaration"),
        (7, "retry", "support.function.policy"),
        (7, "max_retries", "variable.parameter"),
        (7, "10ms", "constant.numeric.duration"),
        (7, "50ms", "constant.numeric.duration"),
        (9, "quiet", "variable.parameter"),
        (9, "true", "constant.language"),
        (9, "store", "keyword.other.clause"),
        (9, "as", "keyword.other.clause"),
        (9, "counter", "variable.other.definition"),
        (11, "retry", "keyword.other.clause"),
        (15, "timeout", "keyword.other.clause"),
        (15, "200ms", "constant.numeric.duration"),
    ],
    "parallel-and-needs.scout": [
        (6, "parallel", "keyword.control"),
        (6, "max", "variable.parameter"),
        (6, "4", "constant.numeric.integer"),
        (7, "task", "keyword"),
        (7, "fetch", "entity.name.function"),
        (8, "needs", "keyword.other.clause"),
        (15, "??", "keyword.operator"),
    ],
    "conditionals.scout": [
        (5, "if", "keyword.control.conditional"),
        (5, ">", "keyword.operator.comparison"),
        (7, "else", "keyword.control.conditional"),
        (7, "if", "keyword.control.conditional"),
        (9, "else", "keyword.control.conditional"),
        (14, "for", "keyword.control.loop"),
        (14, "v", "variable.other.definition"),
        (14, "in", "keyword.control.loop"),
        (14, "null", "constant.language"),
        (15, "print", "support.function.command"),
        (15, "print", "support.function.command", 2),
        (15, "json", "support.function.builtin"),
        (24, "??", "keyword.operator"),
    ],
    "loops.scout": [
        (18, "parallel", "keyword.control"),
        (18, "for", "keyword.control.loop"),
        (18, "range", "support.function.builtin"),
        (10, "owners", "variable.other"),
    ],
    "functions.scout": [
        (8, "\\\\.", "constant.character.escape"),
        (11, "1.5", "constant.numeric.float"),
        (11, "2.5", "string.quoted.double", 1, 0, ("constant.numeric",)),
        (11, "2s", "constant.numeric.duration"),
        (12, "x", "variable.other.property", 2),
        (15, "**", "keyword.operator.arithmetic"),
        (15, "1500ms", "constant.numeric.duration"),
        (15, "90s", "constant.numeric.duration"),
        (15, "1m", "constant.numeric.duration"),
    ],
    "user-commands.scout": [
        (5, "command", "keyword.declaration"),
        (5, "greet", "entity.name.function"),
        (5, "who", "variable.parameter"),
        (5, "greeting", "variable.parameter"),
        (5, '"hello"', "string.quoted.double"),
        (13, "greet", "variable.function.command"),
        (14, "who", "variable.parameter"),
        (23, "countdown", "variable.function.command"),
        (26, "countdown", "variable.function.command"),
        (23, "-", "keyword.operator.arithmetic"),
    ],
    "guide-4-sub-batch.scout": [
        (6, '"""', "string.quoted.triple"),
        (7, "'PLAN'", "string.quoted.triple", 1, 0, ("string.quoted.single",)),
        (13, "extract", "keyword.other.clause"),
        (13, "steps", "keyword.other.clause"),
        (13, "sequential", "keyword.other.clause"),
        (13, "store", "keyword.other.clause"),
        (13, "plan", "variable.other.definition"),
        (15, "print", "support.function.command"),
    ],
    "service.scout": [
        (14, "service", "support.function.command"),
        (15, "run", "support.function.command"),
    ],
    "tasks-and-results.scout": [
        (20, "run", "support.function.command"),
        (16, "'{", "string.quoted.double"),
    ],
    "ci.scout": [
        (9, "param", "keyword.declaration"),
        (12, "use", "keyword.declaration"),
        (18, "fail", "keyword.control.flow"),
        (18, "if", "keyword.other.clause"),
    ],
    "guide-1-sequential-build.scout": [
        (7, "false", "constant.language.boolean"),
        (9, "${", "punctuation.section.embedded.begin"),
        (10, "skip_if", "keyword.other.clause"),
    ],
}

# Snippets for what the samples do not show.
SNIPPET_CHECKS = [
    ('print "${json({a: "}"})}" # after\n', [
        (1, "json", "support.function.builtin"),
        (1, "a:", "variable.parameter"),
        (1, '"}"', "string.quoted.double", 1, 1),
        (1, '"}"', "meta.embedded", 1, 1),
        (1, '})}"', "punctuation.section.braces.end"),
        (1, '})}"', "punctuation.section.embedded.end", 1, 2),
        (1, "# after", "comment.line.number-sign"),
    ]),
    ('print "unterminated\nlet x = 1\n', [
        (1, "unterminated", "string.quoted.double"),
        (2, "let", "keyword.declaration", 1, 0, ("string",)),
    ]),
    ('let d = 1_000ms + 5q + 1_000\n', [
        (1, "1_000ms", "constant.numeric.duration"),
        (1, "5q", "invalid.illegal"),
        (1, "1_000", "constant.numeric.integer", 2),
    ]),
    ('print """\n  ${join(["a",\n    "b"])}\n  """ store as x\nprint x\n', [
        (2, "join", "meta.embedded"),
        (3, '"b"', "string.quoted.double"),
        (4, '"""', "punctuation.definition.string.end"),
        (4, "store", "keyword.other.clause"),
        (5, "print", "support.function.command"),
    ]),
    ("print 'a \\' b ${c}' # no interpolation\n", [
        (1, "\\'", "constant.character.escape"),
        (1, "${", "invalid.illegal"),
        (1, "# no", "comment.line"),
    ]),
    ("run \"x\", timeout: 5s if ok and not done\nx.if\n", [
        (1, "timeout", "variable.parameter"),
        (1, "if", "keyword.other.clause"),
        (1, "and", "keyword.operator.word"),
        (1, "not", "keyword.operator.word"),
        (2, "if", "variable.other.property"),
    ]),
    ('print "one \\\n  two" store as x\nprint "\\\\"\nlet y = 1\n', [
        (1, "\\", "constant.character.escape"),
        (2, "two", "string.quoted.double"),
        (2, "store", "keyword.other.clause"),
        (3, '\\\\', "constant.character.escape"),
        (4, "let", "keyword.declaration", 1, 0, ("string",)),
    ]),
    ("# no shebang here\n#!/usr/bin/env scout\n", [
        (2, "#!", "comment.line.number-sign", 1, 0, ("comment.line.shebang",)),
    ]),
]


def check_expectations(name, tokens, lines, checks):
    for check in checks:
        line_number, needle, scope = check[:3]
        occurrence = check[3] if len(check) > 3 else 1
        offset = check[4] if len(check) > 4 else 0
        absent = check[5] if len(check) > 5 else ()
        expect_scope(name, tokens, lines, line_number, needle, scope, occurrence, offset, absent)


def extension_checks():
    """package.json and language-configuration.json: valid JSON, the fields VS Code and
    vsce need, and regexes that work on the samples. (VS Code reads these regexes as
    JavaScript ones; the constructs used are the same in Python's re.)"""
    folder = os.path.join(ROOT, "editors", "vscode")
    try:
        with open(os.path.join(folder, "package.json"), encoding="utf-8") as f:
            package = json.load(f)
        with open(os.path.join(folder, "language-configuration.json"), encoding="utf-8") as f:
            config = json.load(f)
    except (OSError, json.JSONDecodeError) as error:
        fail(f"editors/vscode: {error}")
        return
    for field in ("name", "displayName", "description", "version", "publisher", "license", "engines", "main"):
        if field not in package:
            fail(f"package.json has no {field}")
    # The project has no public repository yet: no URL rather than a made-up one.
    if "invalid" in json.dumps(package.get("repository", "")):
        fail("package.json names a placeholder repository")
    if package.get("license") != "MIT" or not os.path.exists(os.path.join(ROOT, "LICENSE")):
        fail("package.json's license is not MIT, or LICENSE is missing")
    if not os.path.exists(os.path.join(folder, package.get("main", ""))):
        fail(f"package.json's main {package.get('main')} does not exist")
    if "onLanguage:scout" not in package.get("activationEvents", []):
        fail("the extension does not start on scout files")
    if "vscode-languageclient" not in package.get("dependencies", {}):
        fail("the extension does not depend on vscode-languageclient")
    if "vscode" not in package.get("engines", {}):
        fail("package.json has no engines.vscode")
    for name in ("README.md", "CHANGELOG.md"):
        if not os.path.exists(os.path.join(folder, name)):
            fail(f"editors/vscode/{name} is missing")
    contributes = package.get("contributes", {})
    languages = [lang for lang in contributes.get("languages", []) if lang.get("id") == "scout"]
    grammars = [g for g in contributes.get("grammars", []) if g.get("language") == "scout"]
    if not languages or not grammars:
        fail("package.json contributes no scout language or grammar")
        return
    language = languages[0]
    if ".scout" not in language.get("extensions", []):
        fail("the scout language does not claim .scout files")
    first_line = re.compile(language.get("firstLine", "(?!)"))
    for line in ("#!/usr/bin/env scout", "#!/usr/local/bin/scout -q", "#! /usr/bin/env scout"):
        if not first_line.search(line):
            fail(f"firstLine does not match {line!r}")
    for line in ("#!/bin/sh", "#!/usr/bin/env scouting", "# scout"):
        if first_line.search(line):
            fail(f"firstLine matches {line!r}")
    for path in (language.get("configuration", ""), grammars[0].get("path", "")):
        if not os.path.exists(os.path.join(folder, path)):
            fail(f"package.json names {path}, which does not exist")
    if grammars[0].get("scopeName") != "source.scout":
        fail("the grammar's scopeName is not source.scout")

    if config.get("comments", {}).get("lineComment") != "#":
        fail("language-configuration.json: the line comment is not #")
    quotes = [p for p in config.get("autoClosingPairs", []) if isinstance(p, dict) and p.get("open") in ('"', "'")]
    if len(quotes) != 2 or any("string" not in p.get("notIn", []) for p in quotes):
        fail("language-configuration.json: quotes must auto-close, but not inside strings")
    rules = config.get("indentationRules", {})
    increase = re.compile(rules.get("increaseIndentPattern", "(?!)"))
    decrease = re.compile(rules.get("decreaseIndentPattern", "(?!)"))
    for line in ("task build {", "if a {  # comment", "} else {", "let xs = [", "greet("):
        if not increase.search(line):
            fail(f"increaseIndentPattern does not match {line!r}")
    for line in ('run "x"', "}", "# a comment {", 'print "{"x"}"'):
        if increase.search(line):
            fail(f"increaseIndentPattern matches {line!r}")
    for line in ("}", "  } else {", "]", ")"):
        if not decrease.search(line):
            fail(f"decreaseIndentPattern does not match {line!r}")
    for line in ("run {a: 1}", "task x { }"):
        if decrease.search(line):
            fail(f"decreaseIndentPattern matches {line!r}")
    for key in ("start", "end"):
        re.compile(config.get("folding", {}).get("markers", {}).get(key, ""))
    re.compile(config.get("wordPattern", ""))
    print("ok: editors/vscode/package.json and language-configuration.json")


def main():
    extension_checks()
    try:
        with open(GRAMMAR_PATH, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, json.JSONDecodeError) as error:
        print(f"FAIL: {GRAMMAR_PATH}: {error}")
        return 1
    print(f"ok: {os.path.relpath(GRAMMAR_PATH, ROOT)} is valid JSON")
    grammar = Grammar(data)
    try:
        static_checks(grammar)
    except GrammarError as error:
        fail(str(error))
    if failures:
        return 1

    samples = sorted(glob.glob(os.path.join(ROOT, "samples", "*.scout")))
    if not samples:
        fail("no samples/*.scout found")
    checked = 0
    for path in samples:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        tokens, lines = run_file(grammar, name, text)
        if tokens is None:
            continue
        checks = SAMPLE_CHECKS.get(name, [])
        check_expectations(name, tokens, lines, checks)
        checked += len(checks)
        print(f"ok: {name}: {len(tokens)} lines tokenized")
    for missing in sorted(set(SAMPLE_CHECKS) - {os.path.basename(p) for p in samples}):
        fail(f"samples/{missing} is gone: update the checks")
    for i, (text, checks) in enumerate(SNIPPET_CHECKS):
        tokens, lines = run_file(grammar, f"snippet {i + 1}", text)
        if tokens is not None:
            check_expectations(f"snippet {i + 1}", tokens, lines, checks)
            checked += len(checks)
    print(f"{checked} scope checks, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
