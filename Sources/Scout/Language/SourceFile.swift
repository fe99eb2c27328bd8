/// A source text and the name it is reported under (a path, `<expr>`, `<repl>`, ...).
public final class SourceFile: Sendable {
    /// The name diagnostics show: a path as the user gave it, or a placeholder such as `-e`.
    public let name: String
    /// The raw bytes of the text; they need not be valid UTF-8.
    public let bytes: [UInt8]

    /// A source from bytes.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// A source from a string.
    public convenience init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// The text of the 1-based line `line`, without its line break; invalid UTF-8 is replaced.
    public func lineText(_ line: Int) -> String {
        var current = 1
        var start = 0
        var i = 0
        while i < bytes.count, current < line {
            if bytes[i] == UInt8(ascii: "\n") {
                current += 1
                start = i + 1
            }
            i += 1
        }
        guard current == line else { return "" }
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text covered by a span (invalid UTF-8 replaced).
    public func text(of span: SourceSpan) -> String {
        let lo = min(span.offset, bytes.count)
        let hi = min(span.offset + span.length, bytes.count)
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}
