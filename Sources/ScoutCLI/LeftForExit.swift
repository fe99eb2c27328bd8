import Scout

/// Values the command keeps until the process exits instead of freeing them: freeing a
/// large syntax tree just before exit cost a fifth of `scout check` on a 100,000-line
/// script, and the operating system reclaims the memory at once anyway. They stay reachable
/// from here, so a leak checker does not take them for leaks.
enum LeftForExit {
    private static let kept = SanitizerVisibleMutex<[any Sendable]>([])

    /// Keeps `value` alive for the rest of the process.
    static func keep<T: Sendable>(_ value: T) {
        kept.withLock { $0.append(value) }
    }
}
