import Testing
@testable import Scout

@Suite struct DiagnosticRendererTests {
    /// The rendered diagnostics of parsing `text` (lexer and parser), without colour.
    func render(_ text: String, name: String = "ci.scout") -> String {
        let diagnostics = Parser.parse(SourceFile(name: name, text: text)).diagnostics
        return DiagnosticRenderer().render(diagnostics)
    }

    func render(bytes: [UInt8]) -> String {
        DiagnosticRenderer().render(Parser.parse(SourceFile(name: "ci.scout", bytes: bytes)).diagnostics)
    }

    @Test func oneErrorWithHelp() {
        #expect(render("run \"npm test") == """
            ci.scout:1:5: error: unterminated string
              |
            1 | run "npm test
              |     ^
              = help: add a closing '"' on the same line, or use \"\"\" for a multi-line string

            """)
    }

    @Test func caretsCoverTheSpanWidth() {
        #expect(render("let x = 1\nx = 2") == """
            ci.scout:2:1: error: 'x = ...' is not a statement
              |
            2 | x = 2
              | ^^^
              = help: to set a variable, write 'let x = ...'

            """)
        #expect(render("let n = 99999999999999999999") == """
            ci.scout:1:9: error: integer '99999999999999999999' is too large
              |
            1 | let n = 99999999999999999999
              |         ^^^^^^^^^^^^^^^^^^^^
              = help: the largest integer is 9223372036854775807; add '.0' for a float

            """)
    }

    @Test func withoutHelp() {
        #expect(render("let x = )") == """
            ci.scout:1:9: error: expected an expression, found ')'
              |
            1 | let x = )
              |         ^

            """)
    }

    @Test func tabsAreExpanded() {
        #expect(render("\tlet y = )") == """
            ci.scout:1:10: error: expected an expression, found ')'
              |
            1 |     let y = )
              |             ^

            """)
        #expect(render("let\ty =\t)") == """
            ci.scout:1:9: error: expected an expression, found ')'
              |
            1 | let    y =    )
              |               ^

            """)
    }

    @Test func wideCharactersAndEmojiTakeTwoColumns() {
        #expect(render("print \"日本語\" + )") == """
            ci.scout:1:15: error: expected an expression, found ')'
              |
            1 | print "日本語" + )
              |                  ^

            """)
        #expect(render("print \"😀🚀\" @") == """
            ci.scout:1:12: error: unexpected character '@'
              |
            1 | print "😀🚀" @
              |              ^

            """)
        // A span of wide characters gets two carets for each.
        #expect(render("x 日本") == """
            ci.scout:1:3: error: unexpected characters '日本'
              |
            1 | x 日本
              |   ^^^^

            """)
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect(render("print \"e\u{301}\" @") == """
            ci.scout:1:12: error: unexpected character '@'
              |
            1 | print "e\u{301}" @
              |           ^

            """)
    }

    @Test func theGutterFitsTheLineNumber() {
        let text = String(repeating: "print 1\n", count: 11) + "let = 2"
        #expect(render(text) == """
            ci.scout:12:5: error: expected a name, found '='
               |
            12 | let = 2
               |     ^

            """)
    }

    @Test func anErrorAtTheEndOfTheFileGetsOneCaret() {
        #expect(render("let x =") == """
            ci.scout:1:8: error: expected an expression, found end of file
              |
            1 | let x =
              |        ^

            """)
        // At the end of a file the caret stands just after the last token, not on the empty line after it.
        #expect(render("let x = (\n") == """
            ci.scout:1:10: error: expected an expression, found end of file
              |
            1 | let x = (
              |          ^

            """)
    }

    @Test func windowsLineBreaksAreNotShown() {
        #expect(render("let x = 1\r\nlet = 2\r\n") == """
            ci.scout:2:5: error: expected a name, found '='
              |
            2 | let = 2
              |     ^

            """)
    }

    @Test func aSpanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
        let d = Diagnostic(.runtime("boom"), at: SourceSpan(offset: 4, length: 12, line: 1, column: 5), in: SourceFile(name: "ci.scout", text: "run \"a\" +\n  \"b\"\n"))
        #expect(DiagnosticRenderer().render(d) == """
            ci.scout:1:5: error: boom
              |
            1 | run "a" +
              |     ^^^^^

            """)
    }

    @Test func controlCharactersInTheLineAreShownAsSymbols() {
        // An escape sequence in a script must not reach the terminal through an excerpt.
        #expect(render("x \u{1B}[K @") == """
            ci.scout:1:3: error: unexpected character '\\u{1B}'
              |
            1 | x \u{241B}[K @
              |   ^

            ci.scout:1:7: error: unexpected character '@'
              |
            1 | x \u{241B}[K @
              |       ^

            2 errors

            """)
    }

    @Test func invalidUTF8IsShownAsReplacementCharacters() {
        #expect(render(bytes: [0x78, 0x20, 0xFF, 0xFE, 0x20, 0x40]) == """
            ci.scout:1:3: error: invalid UTF-8 byte 0xFF
              |
            1 | x \u{FFFD}\u{FFFD} @
              |   ^^

            ci.scout:1:6: error: unexpected character '@'
              |
            1 | x \u{FFFD}\u{FFFD} @
              |      ^

            2 errors

            """)
        // Stray continuation bytes: the caret still stands under what follows them.
        #expect(render(bytes: [0x80, 0x80, 0x20, 0x40]) == """
            ci.scout:1:1: error: invalid UTF-8 byte 0x80
              |
            1 | \u{FFFD}\u{FFFD} @
              | ^^

            ci.scout:1:2: error: unexpected character '@'
              |
            1 | \u{FFFD}\u{FFFD} @
              |    ^

            2 errors

            """)
    }

    @Test func longLinesAreCutAroundTheSpan() {
        let text = "let x = \"" + String(repeating: "a", count: 300) + "\" + )"
        let rendered = render(text)
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "ci.scout:1:314: error: expected an expression, found ')'")
        // 60 columns before the span, after "...".
        #expect(lines[2] == "1 | ..." + String(repeating: "a", count: 56) + "\" + )")
        #expect(lines[3] == "  | " + String(repeating: " ", count: 3 + 60) + "^")
    }

    @Test func severalDiagnosticsAndTheCountLine() {
        #expect(render("let = 1\nx = 2\nparalel {\n}") == """
            ci.scout:1:5: error: expected a name, found '='
              |
            1 | let = 1
              |     ^

            ci.scout:2:1: error: 'x = ...' is not a statement
              |
            2 | x = 2
              | ^^^
              = help: to set a variable, write 'let x = ...'

            ci.scout:3:1: error: unknown statement 'paralel'
              |
            3 | paralel {
              | ^^^^^^^
              = help: did you mean 'parallel'?

            3 errors

            """)
    }

    @Test func warningsAndErrorsAreCountedApart() {
        let source = SourceFile(name: "ci.scout", text: "if y { print 1 }\nlet x = z\n")
        let diagnostics = Interpreter().check(source)
        #expect(DiagnosticRenderer().render(diagnostics) == """
            ci.scout:1:4: warning: 'y' is never defined
              |
            1 | if y { print 1 }
              |    ^

            ci.scout:2:9: error: 'z' is never defined
              |
            2 | let x = z
              |         ^

            1 error, 1 warning

            """)
        let warnings = Interpreter().check(SourceFile(name: "w.scout", text: "if a { print 1 }\nif b { print 2 }"))
        #expect(DiagnosticRenderer().render(warnings).hasSuffix("\n\n2 warnings\n"))
    }

    @Test func aDiagnosticWithoutAPlace() {
        let d = Diagnostic(.unknownPolicyLike, at: .none, in: nil)
        #expect(DiagnosticRenderer().render(d) == "<input>: error: needs an unknown task 'x'\n  = help: did you mean 'y'?\n")
    }

    @Test func colourWrapsTheParts() {
        let d = Parser.parse(SourceFile(name: "c.scout", text: "let = 1")).diagnostics
        let out = DiagnosticRenderer(color: true).render(d)
        #expect(out.contains("\u{1B}[1;31merror\u{1B}[0m"))
        #expect(out.contains("\u{1B}[1mc.scout:1:5:\u{1B}[0m"))
        #expect(out.contains("\u{1B}[1;31m    ^\u{1B}[0m"))
    }
}

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("ß", 1), ("Ω", 1), ("\u{200B}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0),
        ("日", 2), ("本語", 4), ("가", 2), ("\u{1100}\u{1161}", 2), ("Ａ", 2), ("、", 2), ("\u{3000}", 2),
        ("😀", 2), ("🚀", 2), ("🤖", 2), ("🥳", 2), ("✅", 2), ("⭐", 2), ("⌚", 2), ("🀄", 2),
        ("→", 1), ("★", 1), ("©", 1), ("\u{1F1EB}\u{1F1F7}", 2), ("𠀋", 2),
    ])
    func widths(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }
}

extension DiagnosticKind {
    /// A kind with a suggestion, for the test of a diagnostic without a place.
    static let unknownPolicyLike = DiagnosticKind.unknownNeed("x", suggestion: "y")
}
