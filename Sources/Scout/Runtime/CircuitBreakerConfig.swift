/// When a circuit breaker opens and closes again.
public struct CircuitBreakerConfig: Sendable, Hashable {
    /// Consecutive failures that open the circuit.
    public var failureThreshold: Int
    /// Successes in the half-open state that close it again.
    public var successThreshold: Int
    /// How long the circuit stays open before it lets a trial through (half-open): the
    /// guide's `timeout_seconds`.
    public var timeout: Duration

    /// A configuration; the defaults are the guide's.
    public init(failureThreshold: Int = 5, successThreshold: Int = 2, timeout: Duration = .seconds(30)) {
        self.failureThreshold = max(1, failureThreshold)
        self.successThreshold = max(1, successThreshold)
        self.timeout = max(.zero, timeout)
    }

    /// The configuration as a map with the guide's field names.
    public func toValue() -> Value {
        ["failure_threshold": .int(failureThreshold), "success_threshold": .int(successThreshold), "timeout_seconds": .double(timeout.seconds)]
    }
}
