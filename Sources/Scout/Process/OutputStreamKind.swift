/// Which output stream of a child a chunk of bytes came from.
public enum OutputStreamKind: Sendable, Equatable {
    /// Standard output.
    case stdout
    /// Standard error.
    case stderr
}
