import Scout
import Testing

/// Masking secrets: every form a secret can take in what scout writes becomes `***`.
@Suite struct SecretMaskTests {
    @Test func aSecretIsMaskedAsWrittenQuotedEscapedAndByLine() throws {
        let mask = SecretMask()
        #expect(mask.isEmpty)
        #expect(mask.mask("nothing to hide") == "nothing to hide")
        try mask.add("it's \"a\" secret\nsecond line")
        #expect(!mask.isEmpty)
        #expect(mask.mask("x it's \"a\" secret\nsecond line y") == "x *** y")
        #expect(mask.mask("sh -c 'it'\\''s \"a\" secret\nsecond line'") == "sh -c ***")
        #expect(mask.mask(#"{"v": "it's \"a\" secret\nsecond line"}"#) == #"{"v": "***"}"#)
        #expect(mask.mask("only the second line here") == "only the *** here")
    }

    @Test func theLongestFormWinsAndBytesWork() throws {
        let mask = SecretMask()
        try mask.add("token")
        try mask.add("token-with-more")
        #expect(mask.mask("a token-with-more b token c") == "a *** b *** c")
        #expect(mask.mask(Array("xtokenx".utf8)) == Array("x***x".utf8))
        #expect(mask.longestForm == "token-with-more".utf8.count)
    }

    @Test func streamingKeepsBackOnlyWhatMayStartASecret() throws {
        let mask = SecretMask()
        #expect(mask.maskStream(Array("abc".utf8)) == (Array("abc".utf8), []))
        try mask.add("secret-1")
        // Whole secrets are masked; the last 7 bytes (one less than the secret) may start
        // one, and wait for the next piece.
        let (done, rest) = mask.maskStream(Array("a secret-1 b secre".utf8))
        #expect(String(decoding: done, as: UTF8.self) == "a *** ")
        #expect(String(decoding: rest, as: UTF8.self) == "b secre")
        let (next, left) = mask.maskStream(rest + Array("t-1 and more text".utf8))
        #expect(String(decoding: next, as: UTF8.self) == "b *** and mo")
        #expect(String(decoding: left, as: UTF8.self) == "re text")
    }

    @Test func shortValuesAreRefused() {
        let mask = SecretMask()
        #expect(throws: SecretMask.TooShort.self) { try mask.add("abc") }
        #expect(mask.isEmpty)
    }

    @Test func valuesAreMaskedInsideListsAndMaps() throws {
        let mask = SecretMask()
        try mask.add("hunter2")
        let v: Value = .map(ValueMap([("pw", .string("hunter2")), ("list", .list([.string("a hunter2 b"), .int(1)]))]))
        #expect(mask.mask(v).jsonText() == #"{"pw":"***","list":["a *** b",1]}"#)
    }

    @Test func theSecretFunctionMarksAValueAndEventsAreMasked() async throws {
        var configuration = InterpreterConfiguration(capabilities: Capabilities([]))
        let reporter = ProgressReporter()
        configuration.reporter = reporter
        configuration.executor.output = DiscardedOutput()
        let interpreter = Interpreter(configuration: configuration)
        let result = try await interpreter.run(SourceFile(name: "s.scout", text: """
            let token = secret("sk-live-1234")
            print "token is ${token}" store as shown
            """))
        #expect(!result.failed)
        #expect(interpreter.context.getVar("shown.output") == .string("token is sk-live-1234"))
        let text = reporter.history.map { $0.jsonLine() }.joined(separator: "\n")
        #expect(text.contains("token is ***"))
        #expect(!text.contains("sk-live-1234"))
    }
}
