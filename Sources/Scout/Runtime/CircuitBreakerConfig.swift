/// When a circuit breaker opens and closes again.
public struct CircuitBreakerConfig: Sendable, Hashable {
    /// Consecutive failures that open the circuit.
    public var failureThreshold: Int
    /// Successes in the half-open state that close it again.
    public var successThreshold: Int
    /// Seconds the circuit stays open before it lets a trial through (half-open).
    public var timeoutSeconds: Double

    /// A configuration; the defaults are the guide's.
    public init(failureThreshold: Int = 5, successThreshold: Int = 2, timeoutSeconds: Double = 30.0) {
        self.failureThreshold = max(1, failureThreshold)
        self.successThreshold = max(1, successThreshold)
        self.timeoutSeconds = max(0, timeoutSeconds)
    }

    /// The configuration as a map with the guide's field names.
    public func toValue() -> Value {
        ["failure_threshold": .int(failureThreshold), "success_threshold": .int(successThreshold), "timeout_seconds": .double(timeoutSeconds)]
    }
}
