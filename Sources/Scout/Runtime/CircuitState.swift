/// The three states of a circuit breaker.
public enum CircuitState: String, Sendable, Hashable, CaseIterable {
    /// Tasks run; consecutive failures are counted.
    case closed = "CLOSED"
    /// No task starts until the timeout has passed.
    case open = "OPEN"
    /// Trial tasks run: enough successes close the circuit, a failure opens it again.
    case halfOpen = "HALF_OPEN"
}
