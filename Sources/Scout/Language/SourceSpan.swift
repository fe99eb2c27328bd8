/// A place in a source: the byte offset and length, and the 1-based line and column
/// (columns count Unicode scalars) where it starts.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// Byte offset of the first byte.
    public var offset: Int
    /// Length in bytes.
    public var length: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    /// A span at the given place.
    public init(offset: Int, length: Int, line: Int, column: Int) {
        self.offset = offset
        self.length = length
        self.line = line
        self.column = column
    }

    /// A span for text that has no source (values built by a host).
    public static let none = SourceSpan(offset: 0, length: 0, line: 0, column: 0)

    /// The span from the start of `self` to the end of `other` (on `self`'s line and column).
    public func through(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(offset: offset, length: max(length, other.offset + other.length - offset), line: line, column: column)
    }

    public var description: String { "\(line):\(column)" }
}
