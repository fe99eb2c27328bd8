/// How a task ended.
public enum TaskStatus: String, Sendable, Hashable, CaseIterable {
    /// It ran and succeeded.
    case success
    /// It ran and failed: a non-zero exit, a timeout, or a command that reported failure.
    case failure
    /// It did not run: a condition was false, or the pipeline had stopped.
    case skipped
    /// It could not run: unknown command, bad arguments, a circuit breaker that was open.
    case error
}
