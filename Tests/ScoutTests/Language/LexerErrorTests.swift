import Testing
@testable import Scout

/// One lexer error case: source bytes and the diagnostics they give, each pinned as
/// `line:column+width message`.
struct LexErrorCase: Sendable, CustomTestStringConvertible {
    let bytes: [UInt8]
    let diagnostics: [String]

    init(_ source: String, _ diagnostics: [String]) {
        self.bytes = Array(source.utf8)
        self.diagnostics = diagnostics
    }

    init(bytes: [UInt8], _ diagnostics: [String]) {
        self.bytes = bytes
        self.diagnostics = diagnostics
    }

    var testDescription: String { String(decoding: bytes, as: UTF8.self).debugDescription }
}

@Suite struct LexerErrorTests {
    static let cases: [LexErrorCase] = [
        // Invalid UTF-8: a run of bad bytes is one diagnostic; columns count scalars before it.
        LexErrorCase(bytes: [0x78, 0x20, 0xFF, 0xFE, 0x20, 0x79], ["1:3+2 invalid UTF-8 byte 0xFF"]),
        LexErrorCase(bytes: Array("\"é\" ".utf8) + [0xC3], ["1:5+1 invalid UTF-8 byte 0xC3"]),
        LexErrorCase(bytes: [0xE2, 0x82, 0x20], ["1:1+2 invalid UTF-8 byte 0xE2"]),
        LexErrorCase(bytes: Array("print \"a".utf8) + [0xFF] + Array("b\"".utf8), ["1:9+1 invalid UTF-8 byte 0xFF"]),
        LexErrorCase(bytes: Array("print 'a".utf8) + [0xC0, 0x80] + Array("'".utf8), ["1:9+2 invalid UTF-8 byte 0xC0"]),
        LexErrorCase(bytes: Array("print \"".utf8) + [0xF8, 0x88, 0x80, 0x80, 0x80] + Array("\"".utf8), ["1:8+5 invalid UTF-8 byte 0xF8"]),
        // An overlong encoding and a surrogate are not UTF-8 either.
        LexErrorCase(bytes: [0xED, 0xA0, 0x80], ["1:1+3 invalid UTF-8 byte 0xED"]),
        // Unexpected characters: a run is one diagnostic.
        LexErrorCase("x @ y", ["1:3+1 unexpected character '@'"]),
        LexErrorCase("a & b | c ? d", ["1:3+1 unexpected character '&'", "1:7+1 unexpected character '|'", "1:11+1 unexpected character '?'"]),
        LexErrorCase("run $HOME", ["1:5+1 unexpected character '$'"]),
        LexErrorCase("x ^~` y", ["1:3+3 unexpected characters '^~`'"]),
        LexErrorCase("let é = 1", ["1:5+2 unexpected character 'é'"]),
        LexErrorCase("日本 x", ["1:1+6 unexpected characters '日本'"]),
        // Control characters are shown escaped, never written to the terminal as they are.
        LexErrorCase("x \u{1B}[31m", ["1:3+1 unexpected character '\\u{1B}'"]),
        LexErrorCase("x \u{0}", ["1:3+1 unexpected character '\\u{0}'"]),
        // Unterminated strings point at the opening quote.
        LexErrorCase("run \"npm test", ["1:5+1 unterminated string"]),
        LexErrorCase("run \"npm test\nprint 1", ["1:5+1 unterminated string"]),
        LexErrorCase("x\n  'abc", ["2:3+1 unterminated raw string"]),
        LexErrorCase("'abc\n'", ["1:1+1 unterminated raw string", "2:1+1 unterminated raw string"]),
        LexErrorCase("let s = \"\"\"\n  abc\n", ["1:9+3 unterminated multi-line string"]),
        LexErrorCase("let s = \"\"\"abc\"\"", ["1:9+3 unterminated multi-line string"]),
        // Unterminated interpolations point at `${`; a string left open inside it is the same mistake.
        LexErrorCase("print \"a ${x\"", ["1:10+2 unterminated interpolation: '${' has no closing '}'"]),
        LexErrorCase("print \"a ${x", ["1:10+2 unterminated interpolation: '${' has no closing '}'"]),
        LexErrorCase("print \"${ f(1, \"", ["1:8+2 unterminated interpolation: '${' has no closing '}'"]),
        LexErrorCase("print \"${x\"\nprint 2", ["1:8+2 unterminated interpolation: '${' has no closing '}'"]),
        LexErrorCase("s = \"\"\"\n  ${x\n\"\"\"", ["2:3+2 unterminated interpolation: '${' has no closing '}'"]),
        // Unknown escapes: the backslash and the whole character after it.
        LexErrorCase(#"print "\q""#, [#"1:8+2 unknown escape sequence '\q'"#]),
        LexErrorCase(#"print "ab \é""#, [#"1:11+3 unknown escape sequence '\é'"#]),
        LexErrorCase("print \"\"\"\n  a \\x\n  \"\"\"", [#"2:5+2 unknown escape sequence '\x'"#]),
        LexErrorCase(#"print "\'""#, [#"1:8+2 unknown escape sequence '\''"#]),
        // Bad \u{...}: the whole escape.
        LexErrorCase(#"print "\u{}""#, [#"1:8+4 invalid unicode escape: write \u{XXXX} with 1 to 8 hex digits of a Unicode scalar"#]),
        LexErrorCase(#"print "\u{110000}""#, [#"1:8+10 invalid unicode escape: write \u{XXXX} with 1 to 8 hex digits of a Unicode scalar"#]),
        LexErrorCase(#"print "\u{D800}""#, [#"1:8+8 invalid unicode escape: write \u{XXXX} with 1 to 8 hex digits of a Unicode scalar"#]),
        LexErrorCase(#"print "\u{123456789}""#, [#"1:8+13 invalid unicode escape: write \u{XXXX} with 1 to 8 hex digits of a Unicode scalar"#]),
        LexErrorCase(#"print "\u{12x}""#, [#"1:8+5 invalid unicode escape: write \u{XXXX} with 1 to 8 hex digits of a Unicode scalar"#]),
        LexErrorCase(#"print "\u41""#, [#"1:8+2 invalid unicode escape: write \u{XXXX} with 1 to 8 hex digits of a Unicode scalar"#]),
        // `${` inside a raw string.
        LexErrorCase("print 'a ${b}'", ["1:10+2 '${' in a raw string is not interpolated"]),
        LexErrorCase("print '${a} ${b}'", ["1:8+2 '${' in a raw string is not interpolated", "1:13+2 '${' in a raw string is not interpolated"]),
        // Unknown duration units: the unit.
        LexErrorCase("sleep 10xs", ["1:9+2 unknown duration unit 'xs'"]),
        LexErrorCase("sleep 2sec", ["1:8+3 unknown duration unit 'sec'"]),
        LexErrorCase("sleep 1.5d", ["1:10+1 unknown duration unit 'd'"]),
        LexErrorCase("let x = 3e10", ["1:10+3 unknown duration unit 'e10'"]),
        // Integer overflow: the whole number.
        LexErrorCase("let x = 9223372036854775808", ["1:9+19 integer '9223372036854775808' is too large"]),
        LexErrorCase("let x = 99_999_999_999_999_999_999", ["1:9+26 integer '99999999999999999999' is too large"]),
        // Several errors in one run, in source order.
        LexErrorCase("x @\nprint \"\\q\"\nsleep 1y", [
            "1:3+1 unexpected character '@'", #"2:8+2 unknown escape sequence '\q'"#, "3:8+1 unknown duration unit 'y'",
        ]),
    ]

    @Test(arguments: cases)
    func diagnosticsArePinned(_ c: LexErrorCase) {
        #expect(LanguageTest.lexerDiagnostics(c.bytes).map(LanguageTest.pin) == c.diagnostics)
    }

    @Test func theLastTokenIsAlwaysEndOfFile() {
        for c in Self.cases {
            let (tokens, _) = Lexer.tokenize(SourceFile(name: "t", bytes: c.bytes))
            #expect(tokens.last?.kind == .endOfFile)
            #expect(tokens.filter { $0.kind == .endOfFile }.count == 1)
        }
    }

    @Test func unterminatedStringsStillCloseTheirTokens() {
        // Every string start has its end, so the parser never runs off a string.
        for c in Self.cases {
            let (tokens, _) = Lexer.tokenize(SourceFile(name: "t", bytes: c.bytes))
            var depth = 0
            for t in tokens {
                if t.kind == .stringStart { depth += 1 }
                if t.kind == .stringEnd { depth -= 1 }
                #expect(depth >= 0)
            }
            #expect(depth == 0, "\(c.testDescription)")
        }
    }

    @Test func integerOverflowHasHelp() throws {
        let d = try #require(LanguageTest.lexerDiagnostics(Array("9223372036854775808".utf8)).first)
        #expect(d.kind.help == "the largest integer is 9223372036854775807; add '.0' for a float")
    }

    @Test func theLargestIntegerIsFine() {
        #expect(LanguageTest.lexerDiagnostics(Array("9223372036854775807 9223372036854775808.0".utf8)).isEmpty)
    }

    @Test func longRunsAreShownShort() throws {
        let d = try #require(LanguageTest.lexerDiagnostics(Array(String(repeating: "@", count: 1000).utf8)).first)
        #expect(d.span.length == 1000)
        #expect(d.message == "unexpected characters '" + String(repeating: "@", count: 40) + "...'")
    }

    @Test func theLexerKeepsSoManyDiagnosticsAndCountsTheRest() {
        let diagnostics = LanguageTest.lexerDiagnostics(Array(String(repeating: "@ ", count: 10_000).utf8))
        #expect(diagnostics.count == Lexer.maxDiagnostics + 1)
        #expect(diagnostics.last.map(LanguageTest.pin) == "0:0+0 \(10_000 - Lexer.maxDiagnostics) more errors not shown")
    }
}
