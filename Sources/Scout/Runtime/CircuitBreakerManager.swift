/// One circuit breaker per key (per command name): a failing `deploy` does not stop `lint`.
public final class CircuitBreakerManager: Sendable {
    /// The configuration every breaker gets.
    public let config: CircuitBreakerConfig
    private let clock: any ScoutClock
    private let breakers = SanitizerVisibleMutex([String: CircuitBreaker]())

    /// A manager creating breakers with `config`.
    public init(config: CircuitBreakerConfig = CircuitBreakerConfig(), clock: any ScoutClock = SystemClock()) {
        self.config = config
        self.clock = clock
    }

    /// The breaker for `key`, created closed on first use.
    public func breaker(for key: String) -> CircuitBreaker {
        breakers.withLock { b in
            if let existing = b[key] { return existing }
            let created = CircuitBreaker(config: config, clock: clock)
            b[key] = created
            return created
        }
    }

    /// The report of every breaker, by key.
    public func reports() -> [String: CircuitBreakerReport] {
        let all = breakers.withLock { $0 }
        return all.mapValues { $0.report() }
    }

    /// Closes every breaker.
    public func resetAll() {
        for b in breakers.withLock({ Array($0.values) }) { b.reset() }
    }
}
