import Testing
@testable import Scout

/// `Lexer.tokenize(_:keepingComments:)`: the comments beside the tokens, and the tokens and
/// diagnostics the same as without them.
@Suite struct LexerCommentTests {
    /// The comments of `text` as `line:column+length text`.
    static func comments(_ text: String) -> [String] {
        Lexer.tokenize(SourceFile(name: "t", text: text), keepingComments: true).comments.map {
            "\($0.span.line):\($0.span.column)+\($0.span.length) \($0.text)"
        }
    }

    @Test func commentsComeWithTheirPlace() {
        #expect(Self.comments("x # a\n  # b\ny") == ["1:3+3 # a", "2:3+3 # b"])
        #expect(Self.comments("# only") == ["1:1+6 # only"])
        #expect(Self.comments("#\n") == ["1:1+1 #"])
        #expect(Self.comments("") == [])
    }

    @Test func theShebangIsAComment() {
        #expect(Self.comments("#!/usr/bin/env scout\nrun \"x\"") == ["1:1+20 #!/usr/bin/env scout"])
        #expect(Self.comments("\u{FEFF}#!/usr/bin/env scout\n") == ["1:1+20 #!/usr/bin/env scout"])
    }

    @Test func textAsWrittenColumnsInScalars() {
        #expect(Self.comments("x # c\r\ny") == ["1:3+4 # c\r"])
        #expect(Self.comments("\"日本\" # é\nx") == ["1:6+4 # é"])
    }

    @Test func aHashInAStringIsNoComment() {
        #expect(Self.comments("run \"a # not\" # yes") == ["1:15+5 # yes"])
        #expect(Self.comments("print '# raw' #") == ["1:15+1 #"])
        // A comment inside the interpolation of a multi-line string belongs to the string.
        #expect(Self.comments("print \"\"\"\n  ${x # inner\n  }\n  \"\"\" # outer") == ["4:7+7 # outer"])
    }

    @Test func withoutAskingThereAreNone() {
        #expect(Lexer.tokenize(SourceFile(name: "t", text: "x # a"), keepingComments: false).comments.isEmpty)
    }

    @Test(arguments: LexerTests.comments + LexerTests.newlines + LexerTests.multiline + LexerTests.strings)
    func tokensAndDiagnosticsAreTheSame(_ c: LexCase) {
        let source = SourceFile(name: "t", text: c.source)
        let plain = Lexer.tokenize(source)
        let kept = Lexer.tokenize(source, keepingComments: true)
        #expect(plain.tokens == kept.tokens)
        #expect(plain.diagnostics == kept.diagnostics)
    }

    @Test(arguments: LexerErrorTests.cases)
    func diagnosticsAreTheSame(_ c: LexErrorCase) {
        let source = SourceFile(name: "t", bytes: c.bytes)
        let plain = Lexer.tokenize(source)
        let kept = Lexer.tokenize(source, keepingComments: true)
        #expect(plain.tokens == kept.tokens)
        #expect(plain.diagnostics == kept.diagnostics)
    }
}
