import Scout

/// Converts between the places of the language (byte offsets; 1-based lines and columns
/// counted in Unicode scalars) and the positions of the protocol (0-based lines and
/// characters counted in UTF-16 code units). Lines end at `\n`, as the lexer counts them.
struct PositionEncoding: Sendable {
    /// A position of the protocol.
    struct Position: Sendable, Hashable {
        var line: Int
        var character: Int

        var value: Value { ["line": .int(line), "character": .int(character)] }
    }

    let bytes: [UInt8]
    /// The byte offset where each line starts.
    let lineStarts: [Int]

    init(_ source: SourceFile) {
        bytes = source.bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The 0-based line a byte offset is on.
    func line(ofByte offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The position of a byte offset (clamped to the text).
    func position(ofByte offset: Int) -> Position {
        let offset = max(0, min(offset, bytes.count))
        let line = line(ofByte: offset)
        var units = 0
        var i = lineStarts[line]
        while i < offset {
            let (scalar, length) = PositionEncoding.decode(bytes, at: i)
            units += scalar.utf16.count
            i += length
        }
        return Position(line: line, character: units)
    }

    /// The byte offset of a position: past the end of its line is the line's end, past the
    /// last line is the end of the text; inside a character that takes two UTF-16 units is
    /// the start of that character.
    func byteOffset(of position: Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let end = position.line + 1 < lineStarts.count ? lineStarts[position.line + 1] - 1 : bytes.count
        var i = lineStarts[position.line]
        var units = 0
        while i < end {
            let (scalar, length) = PositionEncoding.decode(bytes, at: i)
            if units + scalar.utf16.count > position.character { break }
            units += scalar.utf16.count
            i += length
        }
        return i
    }

    /// The range of a span, as the protocol's `Range`: from its first byte to just after its last.
    func range(of span: SourceSpan) -> Value {
        ["start": position(ofByte: span.offset).value, "end": position(ofByte: span.offset + span.length).value]
    }

    /// The range of the whole text.
    var wholeRange: Value {
        ["start": Position(line: 0, character: 0).value, "end": position(ofByte: bytes.count).value]
    }

    /// The scalar at `i` and how many bytes it takes; a byte that does not start valid UTF-8
    /// is one U+FFFD.
    static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1
        guard length > 1, i + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(b0) & (0xFF >> (length + 1))
        for k in 1..<length {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
