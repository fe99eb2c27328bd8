import Testing
@testable import Scout

/// One lexer case: a source and its tokens in ``LanguageTest/tokens(_:)``'s compact form.
struct LexCase: Sendable, CustomTestStringConvertible {
    let source: String
    let tokens: [String]

    init(_ source: String, _ tokens: [String]) {
        self.source = source
        self.tokens = tokens
    }

    var testDescription: String { source.debugDescription }
}

@Suite struct LexerTests {
    // MARK: - Every token kind

    static let punctuation: [LexCase] = [
        LexCase("( ) [ ] { } , : ; .", ["(", ")", "[", "]", "{", "}", ",", ":", ";", "."]),
        LexCase("+ - * ** / %", ["+", "-", "*", "**", "/", "%"]),
        LexCase("! = == != < <= > >=", ["!", "=", "==", "!=", "<", "<=", ">", ">="]),
        LexCase("&& || ??", ["&&", "||", "??"]),
        // Longest match, no spaces needed.
        LexCase("a**b==c!=d<=e>=f&&g||h??i", [
            "name:a", "**", "name:b", "==", "name:c", "!=", "name:d", "<=", "name:e", ">=", "name:f",
            "&&", "name:g", "||", "name:h", "??", "name:i",
        ]),
        LexCase("!!x", ["!", "!", "name:x"]),
        LexCase("***", ["**", "*"]),
        LexCase("x.y", ["name:x", ".", "name:y"]),
    ]

    @Test(arguments: punctuation)
    func punctuationAndOperators(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
    }

    @Test func everyKeywordIsAKeyword() {
        for keyword in Keyword.allCases {
            #expect(LanguageTest.tokens(keyword.rawValue) == [keyword.rawValue], "\(keyword)")
        }
    }

    static let names: [LexCase] = [
        LexCase("x _ _a a1 A_b9", ["name:x", "name:_", "name:_a", "name:a1", "name:A_b9"]),
        // Keywords are whole words and case-sensitive.
        LexCase("lets letx task_ If LET tasks", ["name:lets", "name:letx", "name:task_", "name:If", "name:LET", "name:tasks"]),
        LexCase("store as x", ["store", "as", "name:x"]),
        LexCase("skip_if stop_if", ["skip_if", "stop_if"]),
        LexCase("not a and b or c in d", ["not", "name:a", "and", "name:b", "or", "name:c", "in", "name:d"]),
        LexCase("true false null", ["true", "false", "null"]),
        // `steps`, `max`, `fail_fast` and policy names are plain names.
        LexCase("steps max fail_fast retry", ["name:steps", "name:max", "name:fail_fast", "retry"]),
    ]

    @Test(arguments: names)
    func keywordsAndIdentifiers(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
    }

    // MARK: - Numbers and durations

    static let numbers: [LexCase] = [
        LexCase("0 42 1_000 007", ["int:0", "int:42", "int:1000", "int:007"]),
        LexCase("3.5 0.25 1_0.5_0", ["float:3.5", "float:0.25", "float:10.50"]),
        LexCase("9223372036854775807", ["int:9223372036854775807"]),
        // A dot not followed by a digit is a member access.
        LexCase("1.x", ["int:1", ".", "name:x"]),
        LexCase("1.", ["int:1", "."]),
        // After a dot, a number is an index and has no fraction: `pair.0.1` is two indexes.
        LexCase("xs.0", ["name:xs", ".", "int:0"]),
        LexCase("xs.0.1", ["name:xs", ".", "int:0", ".", "int:1"]),
        LexCase("-5", ["-", "int:5"]),
        LexCase("250ms 2s 5m 1h", ["dur:250ms", "dur:2s", "dur:5m", "dur:1h"]),
        LexCase("1.5s 0.5h 1_000ms", ["dur:1.5s", "dur:0.5h", "dur:1000ms"]),
        LexCase("timeout 10m", ["timeout", "dur:10m"]),
    ]

    @Test(arguments: numbers)
    func numbersAndDurations(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
    }

    @Test func durationValues() throws {
        let cases: [(String, Duration)] = [
            ("250ms", .milliseconds(250)), ("2s", .seconds(2)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
            ("1.5s", .milliseconds(1500)), ("1_000ms", .seconds(1)), ("0s", .zero),
        ]
        for (text, expected) in cases {
            #expect(DurationUnit.parse(text) == expected, "\(text)")
        }
    }

    // MARK: - Strings

    static let strings: [LexCase] = [
        LexCase(#""abc""#, ["\"", "text:abc", "\"end"]),
        LexCase(#""""#, ["\"", "\"end"]),
        LexCase(#""a\nb\tc\"d\\e\$f""#, ["\"", "text:a\nb\tc\"d\\e$f", "\"end"]),
        LexCase(#""\r\0""#, ["\"", "text:\r\0", "\"end"]),
        LexCase(#""\u{1F600} \u{41}\u{e9}""#, ["\"", "text:😀 Aé", "\"end"]),
        LexCase(#""日本 😀""#, ["\"", "text:日本 😀", "\"end"]),
        // Only `${` interpolates; the shell's own `$` forms pass through, `\${` is a literal `${`.
        LexCase(#""$HOME $(pwd) $$ $1 \${HOME} $""#, ["\"", "text:$HOME $(pwd) $$ $1 ${HOME} $", "\"end"]),
        LexCase(#""a ${x} b""#, ["\"", "text:a ", "${", "name:x", "}$", "text: b", "\"end"]),
        LexCase(#""${x}${y}""#, ["\"", "${", "name:x", "}$", "${", "name:y", "}$", "\"end"]),
        LexCase(#""${ a.b + 1 }""#, ["\"", "${", "name:a", ".", "name:b", "+", "int:1", "}$", "\"end"]),
        // Strings nested in interpolations.
        LexCase(#""a ${ "b ${c}" } d""#, [
            "\"", "text:a ", "${", "\"", "text:b ", "${", "name:c", "}$", "\"end", "}$", "text: d", "\"end",
        ]),
        // Maps and their braces inside an interpolation: the interpolation ends at its own `}`.
        LexCase(#""${ {a: 1}["a"] }""#, [
            "\"", "${", "{", "name:a", ":", "int:1", "}", "[", "\"", "text:a", "\"end", "]", "}$", "\"end",
        ]),
        LexCase(#""${ {a: {b: 2}} }!""#, [
            "\"", "${", "{", "name:a", ":", "{", "name:b", ":", "int:2", "}", "}", "}$", "text:!", "\"end",
        ]),
        // A backslash at the end of a line joins the next line.
        LexCase("\"a\\\nb\"", ["\"", "text:ab", "\"end"]),
        LexCase("\"tab\there\"", ["\"", "text:tab\there", "\"end"]),
        LexCase(#""a" "b""#, ["\"", "text:a", "\"end", "\"", "text:b", "\"end"]),
    ]

    @Test(arguments: strings)
    func stringsEscapesAndInterpolation(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
        #expect(LanguageTest.lexerDiagnostics(Array(c.source.utf8)).isEmpty)
    }

    static let rawStrings: [LexCase] = [
        LexCase("'abc'", ["raw:abc"]),
        LexCase("''", ["raw:"]),
        // No escapes but \' ; no interpolation.
        LexCase(#"'a\nb \t \\ \" $HOME'"#, [#"raw:a\nb \t \\ \" $HOME"#]),
        LexCase(#"'it\'s'"#, ["raw:it's"]),
        LexCase(#"'say "hi"'"#, [#"raw:say "hi""#]),
        LexCase("'日本 😀'", ["raw:日本 😀"]),
        LexCase("'a' 'b'", ["raw:a", "raw:b"]),
    ]

    @Test(arguments: rawStrings)
    func rawStringsHaveNoEscapesButQuote(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
        #expect(LanguageTest.lexerDiagnostics(Array(c.source.utf8)).isEmpty)
    }

    // MARK: - Multi-line strings

    static let multiline: [LexCase] = [
        // Common indentation removed; the line break after the opening quotes and before
        // a closing `"""` on its own line are not part of the text.
        LexCase("\"\"\"\n    hello\n      world\n    \"\"\"", ["\"\"\"", "text:hello\n  world", "\"end"]),
        // The closing quotes' own indentation does not count.
        LexCase("\"\"\"\n    a\n  \"\"\"", ["\"\"\"", "text:a", "\"end"]),
        LexCase("\"\"\"\n  a\n      \"\"\"", ["\"\"\"", "text:a", "\"end"]),
        // Blank lines (empty or only spaces) do not count toward the indentation and stay empty.
        LexCase("\"\"\"\n    a\n\n  \n    b\n    \"\"\"", ["\"\"\"", "text:a\n\n\nb", "\"end"]),
        // Tabs are indentation too.
        LexCase("\"\"\"\n\ta\n\t  b\n\t\"\"\"", ["\"\"\"", "text:a\n  b", "\"end"]),
        // Closing quotes at the end of the last line: nothing to drop.
        LexCase("\"\"\"\n  a\n  b\"\"\"", ["\"\"\"", "text:a\nb", "\"end"]),
        LexCase("\"\"\"one line\"\"\"", ["\"\"\"", "text:one line", "\"end"]),
        LexCase("\"\"\"\n\"\"\"", ["\"\"\"", "\"end"]),
        LexCase("\"\"\"\"\"\"", ["\"\"\"", "\"end"]),
        // Quotes inside, and an escaped closing sequence.
        LexCase("\"\"\"\n  say \"hi\" and \"\"twice\"\"\n  \\\"\"\"\n  \"\"\"", ["\"\"\"", "text:say \"hi\" and \"\"twice\"\"\n\"\"\"", "\"end"]),
        // Escapes work; a backslash at a line end joins lines.
        LexCase("\"\"\"\n  a\\tb\n  one \\\n  two\n  \"\"\"", ["\"\"\"", "text:a\tb\none two", "\"end"]),
        // Interpolation at the start of a line: its indentation is removed like any other
        // (the indentation before the first one is a text token that decodes to nothing).
        LexCase("\"\"\"\n    ${x} is\n      ${y}\n    done\n    \"\"\"", [
            "\"\"\"", "text:", "${", "name:x", "}$", "text: is\n  ", "${", "name:y", "}$", "text:\ndone", "\"end",
        ]),
        // Newlines inside an interpolation of a multi-line string are not tokens.
        LexCase("\"\"\"\n  a ${ \"x\" +\n     \"y\" } b\n  \"\"\"", [
            "\"\"\"", "text:a ", "${", "\"", "text:x", "\"end", "+", "\"", "text:y", "\"end", "}$", "text: b", "\"end",
        ]),
        // Windows line breaks become plain line breaks.
        LexCase("\"\"\"\r\n  a\r\n  b\r\n  \"\"\"", ["\"\"\"", "text:a\nb", "\"end"]),
        LexCase("x = \"\"\"\n  x\n  \"\"\" + 1", ["name:x", "=", "\"\"\"", "text:x", "\"end", "+", "int:1"]),
    ]

    @Test(arguments: multiline)
    func multilineStrings(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
        #expect(LanguageTest.lexerDiagnostics(Array(c.source.utf8)).isEmpty)
    }

    // MARK: - Comments, shebang, byte order mark

    static let comments: [LexCase] = [
        LexCase("x # a comment\ny", ["name:x", "nl", "name:y"]),
        LexCase("# only a comment", []),
        LexCase("#!/usr/bin/env scout\nrun \"x\"", ["name:run", "\"", "text:x", "\"end"]),
        LexCase("run \"a # not a comment\" # a comment", ["name:run", "\"", "text:a # not a comment", "\"end"]),
        LexCase("'# raw' #", ["raw:# raw"]),
        LexCase("\u{FEFF}let x", ["let", "name:x"]),
        LexCase("# comment with é and 日本\nx", ["name:x"]),
    ]

    @Test(arguments: comments)
    func commentsShebangAndByteOrderMark(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
    }

    // MARK: - Newlines (language.md §2)

    static let newlines: [LexCase] = [
        LexCase("a\nb", ["name:a", "nl", "name:b"]),
        LexCase("a\r\nb", ["name:a", "nl", "name:b"]),
        // Newlines collapse; none at the start; comment lines in between change nothing.
        LexCase("\n\na\n\n\n# c\n\nb\n", ["name:a", "nl", "name:b", "nl"]),
        // Not inside (...), [...].
        LexCase("f(\n  a,\n  b\n)", ["name:f", "(", "name:a", ",", "name:b", ")"]),
        LexCase("[1,\n2\n]", ["[", "int:1", ",", "int:2", "]"]),
        LexCase("(\n{\n})", ["(", "{", "}", ")"]),
        // After a binary operator, a comma, a colon, a dot.
        LexCase("x +\ny", ["name:x", "+", "name:y"]),
        LexCase("x &&\ny ||\nz ??\nw", ["name:x", "&&", "name:y", "||", "name:z", "??", "name:w"]),
        LexCase("x ==\ny", ["name:x", "==", "name:y"]),
        LexCase("a and\nb or\nnot\nc in\nd", ["name:a", "and", "name:b", "or", "not", "name:c", "in", "name:d"]),
        LexCase("a,\nb", ["name:a", ",", "name:b"]),
        LexCase("a:\nb", ["name:a", ":", "name:b"]),
        LexCase("a.\nb", ["name:a", ".", "name:b"]),
        LexCase("let x =\n1", ["let", "name:x", "=", "int:1"]),
        // Not after `{` or `;`; but inside braces, where a block's statements end.
        LexCase("{\na\nb\n}", ["{", "name:a", "nl", "name:b", "nl", "}"]),
        LexCase("a;\nb", ["name:a", ";", "name:b"]),
        // A `(` closed on its line lets newlines count again.
        LexCase("f(a)\ng()", ["name:f", "(", "name:a", ")", "nl", "name:g", "(", ")"]),
        // Inside a block nested in parentheses (a block is only written at statement level,
        // but the lexer does not know): the parentheses win.
        LexCase("x = [\n{a: 1},\n{b: 2}\n]\ny", ["name:x", "=", "[", "{", "name:a", ":", "int:1", "}", ",", "{", "name:b", ":", "int:2", "}", "]", "nl", "name:y"]),
    ]

    @Test(arguments: newlines)
    func newlineRules(_ c: LexCase) {
        #expect(LanguageTest.tokens(c.source) == c.tokens)
    }

    // MARK: - Positions

    @Test func tokensCarryLineColumnAndLength() {
        let source = "let x = \"é${y}\"\n  run 250ms"
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: source))
        #expect(diagnostics.isEmpty)
        let spans = tokens.map { "\(LanguageTest.describe($0))@\($0.span.line):\($0.span.column)+\($0.span.length)" }
        #expect(spans == [
            "let@1:1+3", "name:x@1:5+1", "=@1:7+1", "\"@1:9+1", "text:é@1:10+2", "${@1:11+2", "name:y@1:13+1",
            "}$@1:14+1", "\"end@1:15+1", "nl@1:16+1", "name:run@2:3+3", "dur:250ms@2:7+5", "eof@2:12+0",
        ])
    }

    @Test func columnsCountScalarsAfterWideTextAndComments() {
        // Columns count Unicode scalars, in strings and in comments alike.
        let (tokens, _) = Lexer.tokenize(SourceFile(name: "t", text: "\"日本\" x # é日\n"))
        let x = tokens.first { $0.kind == .identifier }
        #expect(x?.span.column == 6)
        let newline = tokens.first { $0.kind == .newline }
        #expect(newline?.span.column == 12)
    }

    @Test func templatesKeepBackslashesAndInterpolate() {
        let (tokens, diagnostics) = Lexer.tokenizeTemplate(SourceFile(name: "t", text: #"echo \n ${x} \${y}"#))
        #expect(diagnostics.isEmpty)
        #expect(tokens.dropLast().map(LanguageTest.describe) == ["\"", #"text:echo \n "#, "${", "name:x", "}$", "text: ${y}", "\"end"])
    }
}
