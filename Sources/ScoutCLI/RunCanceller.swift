import Scout

/// Lets something outside a run end it early (`--watch --restart`, when a watched file
/// changes): the run stops launching tasks, its running tasks are cancelled (their processes
/// ended), and it returns with its summary.
final class RunCanceller: Sendable {
    private let action = SanitizerVisibleMutex<(@Sendable (String) -> Void)?>(nil)
    private let pending = SanitizerVisibleMutex<String?>(nil)

    /// Set by the run while it runs; a cancellation that came before it is applied at once.
    func register(_ body: (@Sendable (String) -> Void)?) {
        action.withLock { $0 = body }
        if let body, let reason = pending.withLock({ r -> String? in defer { r = nil }; return r }) { body(reason) }
    }

    /// Ends the run in progress, saying why.
    func cancel(_ reason: String) {
        if let body = action.withLock({ $0 }) { body(reason) } else { pending.withLock { $0 = reason } }
    }

    /// Forgets a cancellation that no run took.
    func reset() { pending.withLock { $0 = nil } }
}
