/// Values the command keeps until the process exits instead of freeing them: freeing a
/// large syntax tree just before exit cost a fifth of `scout check` on a 100,000-line
/// script, and the operating system reclaims the memory at once anyway.
enum LeftForExit {
    private final class Box<T>: Sendable where T: Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// Keeps `value` alive for the rest of the process.
    static func keep<T: Sendable>(_ value: T) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
