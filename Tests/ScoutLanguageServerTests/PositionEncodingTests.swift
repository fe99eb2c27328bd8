import Scout
import Testing
@testable import ScoutLanguageServer

/// `PositionEncoding`: byte offsets to UTF-16 positions and back, with wide and astral characters.
@Suite struct PositionEncodingTests {
    @Test func wideAndAstralCharactersCountAsUTF16() {
        let encoding = PositionEncoding(SourceFile(name: "t", text: "ab\n\"é中😀\" x\n"))
        let x = Array("ab\n\"é中😀\" ".utf8).count
        #expect(encoding.position(ofByte: x) == .init(line: 1, character: 7))
        #expect(encoding.byteOffset(of: .init(line: 1, character: 7)) == x)
        #expect(encoding.position(ofByte: 3) == .init(line: 1, character: 0))
        // Inside the surrogate pair: the start of the character.
        let emoji = Array("ab\n\"é中".utf8).count
        #expect(encoding.byteOffset(of: .init(line: 1, character: 3)) == emoji)
        #expect(encoding.byteOffset(of: .init(line: 1, character: 4)) == emoji)
        #expect(encoding.byteOffset(of: .init(line: 1, character: 5)) == emoji + 4)
    }

    @Test func placesPastTheEndAreClamped() {
        let encoding = PositionEncoding(SourceFile(name: "t", text: "ab\ncd"))
        #expect(encoding.byteOffset(of: .init(line: 0, character: 99)) == 2)
        #expect(encoding.byteOffset(of: .init(line: 9, character: 0)) == 5)
        #expect(encoding.position(ofByte: 99) == .init(line: 1, character: 2))
    }

    @Test func invalidUTF8IsOneCharacterPerByte() {
        let encoding = PositionEncoding(SourceFile(name: "t", bytes: [0x61, 0xFF, 0xC3, 0x62]))
        #expect(encoding.position(ofByte: 4) == .init(line: 0, character: 4))
    }
}
