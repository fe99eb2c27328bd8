/// A place in a source: the byte offset and length, and the 1-based line and column
/// (columns count Unicode scalars) where it starts.
///
/// The four numbers are stored in 32 bits each (sources are limited to 2 GiB): every token
/// and syntax node carries a span, and half the size is half the memory of a large script.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    private var storedOffset: Int32
    private var storedLength: Int32
    private var storedLine: Int32
    private var storedColumn: Int32

    /// Byte offset of the first byte.
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = SourceSpan.clamp(newValue) }
    }
    /// Length in bytes.
    public var length: Int {
        get { Int(storedLength) }
        set { storedLength = SourceSpan.clamp(newValue) }
    }
    /// 1-based line.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = SourceSpan.clamp(newValue) }
    }
    /// 1-based column, counted in Unicode scalars.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = SourceSpan.clamp(newValue) }
    }

    /// A span at the given place.
    public init(offset: Int, length: Int, line: Int, column: Int) {
        storedOffset = SourceSpan.clamp(offset)
        storedLength = SourceSpan.clamp(length)
        storedLine = SourceSpan.clamp(line)
        storedColumn = SourceSpan.clamp(column)
    }

    private static func clamp(_ n: Int) -> Int32 {
        Int32(clamping: n)
    }

    /// A span for text that has no source (values built by a host).
    public static let none = SourceSpan(offset: 0, length: 0, line: 0, column: 0)

    /// The span from the start of `self` to the end of `other` (on `self`'s line and column).
    package func through(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(offset: offset, length: max(length, other.offset + other.length - offset), line: line, column: column)
    }

    public var description: String { "\(line):\(column)" }
}
