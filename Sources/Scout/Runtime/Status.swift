/// The status of a progress event.
public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    /// A task (or the batch) started.
    case running
    /// A task succeeded.
    case success
    /// A task failed or could not run.
    case failure
    /// A task was skipped by a condition or because the pipeline stopped.
    case skipped
    /// A task failed and will be tried again.
    case retry
    /// A task was not started because its circuit breaker is open.
    case circuitOpen = "circuit_open"
    /// The batch finished.
    case complete
}
