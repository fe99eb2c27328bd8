@testable import ScoutCLI
import Testing

/// Bytes from the terminal in, keys out: escape sequences of several terminals, control
/// characters, UTF-8 and bracketed pastes, whole or split across reads.
@Suite(.serialized) struct KeyDecoderTests {
    static func keys(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(Array(text.utf8))
    }

    static let sequences: [(String, [Key])] = [
        ("ab", [.text("a"), .text("b")]),
        ("\r", [.enter]),
        ("\n", [.enter]),
        ("\t", [.tab]),
        ("\u{7F}", [.backspace]),
        ("\u{08}", [.backspace]),
        ("\u{01}\u{05}\u{0B}\u{15}\u{17}\u{12}\u{03}\u{04}\u{0C}\u{1A}",
         [.control("a"), .control("e"), .control("k"), .control("u"), .control("w"), .control("r"), .control("c"),
          .control("d"), .control("l"), .control("z")]),
        ("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D", [.up, .down, .right, .left]),
        ("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD", [.up, .down, .right, .left]),
        ("\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}OF", [.home, .end, .home, .end]),
        ("\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~", [.home, .end, .home, .end]),
        ("\u{1B}[3~", [.delete]),
        ("\u{1B}[1;5C\u{1B}[1;5D\u{1B}[1;3C\u{1B}[1;3D", [.wordRight, .wordLeft, .wordRight, .wordLeft]),
        ("\u{1B}Oc\u{1B}Od", [.wordRight, .wordLeft]),
        ("\u{1B}b\u{1B}f", [.wordLeft, .wordRight]),
        ("\u{1B}\u{7F}\u{1B}d", [.deleteWordBackward, .deleteWordForward]),
        ("\u{1B}\r", [.insertNewline]),
        ("\u{1B}[5~\u{1B}[Z\u{1B}x", [.unknown, .unknown, .unknown]),
        ("é日🎉", [.text("é"), .text("日"), .text("🎉")]),
        ("\u{1B}[200~a\r\nb\u{1B}[201~c", [.paste("a\r\nb"), .text("c")]),
    ]

    @Test(arguments: sequences)
    func decodes(_ input: String, _ expected: [Key]) {
        #expect(KeyDecoderTests.keys(input) == expected)
    }

    @Test func anEscapeSequenceSplitAcrossReadsWaitsForItsEnd() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.isWaitingForSequence)
        #expect(decoder.feed(Array("[1;".utf8)) == [])
        #expect(decoder.feed(Array("5C".utf8)) == [.wordRight])
        #expect(!decoder.isWaitingForSequence)
    }

    @Test func aLoneEscapeIsAKeyAfterAPause() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.flush() == [.escape])
        #expect(decoder.flush() == [])
        #expect(decoder.feed(Array("\u{1B}[".utf8)) == [])
        #expect(decoder.flush() == [.unknown])
        #expect(decoder.feed(Array("x".utf8)) == [.text("x")])
    }

    @Test func utf8SplitAcrossReadsMakesOneCharacter() {
        let emoji = Array("🎉".utf8)
        for cut in 1..<emoji.count {
            var decoder = KeyDecoder()
            #expect(decoder.feed(emoji[..<cut]) == [])
            #expect(decoder.feed(emoji[cut...]) == [.text("🎉")])
        }
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x61, 0xE6, 0x97]) == [.text("a")])
        #expect(decoder.feed([0xA5, 0x62]) == [.text("日"), .text("b")])
    }

    @Test func invalidBytesAreSkipped() {
        #expect(KeyDecoderTests.keys("a") + KeyDecoderTests.keys("b") == [.text("a"), .text("b")])
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xFF, 0x61, 0xC3, 0x28]) == [.unknown, .text("a"), .unknown, .text("(")])
    }

    @Test func aPasteSplitAnywhereIsOneKey() {
        let bytes = Array("x\u{1B}[200~let a = 1\nprint a\u{1B}[201~y".utf8)
        for cut in 1..<bytes.count {
            var decoder = KeyDecoder()
            let keys = decoder.feed(bytes[..<cut]) + decoder.feed(bytes[cut...])
            #expect(keys == [.text("x"), .paste("let a = 1\nprint a"), .text("y")], "cut at \(cut)")
        }
    }
}
