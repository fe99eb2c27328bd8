/// Stops a pipeline from hammering something that keeps failing.
///
/// CLOSED counts consecutive failures; at `failureThreshold` it opens. While OPEN no task
/// starts. After its `timeout` it turns HALF_OPEN and lets tasks through:
/// `successThreshold` successes close it, one failure opens it again.
///
/// ```swift
/// let breaker = CircuitBreaker(config: CircuitBreakerConfig(failureThreshold: 5, successThreshold: 2, timeout: .seconds(30)))
/// ```
public final class CircuitBreaker: Sendable {
    struct State: Sendable {
        var state = CircuitState.closed
        var consecutiveFailures = 0
        var halfOpenSuccesses = 0
        var totalFailures = 0
        var totalSuccesses = 0
        var rejected = 0
        var timesOpened = 0
        var openedAt: Double?
    }

    /// The thresholds and timeout.
    public let config: CircuitBreakerConfig
    private let clock: any ScoutClock
    private let state = SanitizerVisibleMutex(State())

    /// A closed breaker.
    public init(config: CircuitBreakerConfig = CircuitBreakerConfig(), clock: any ScoutClock = SystemClock()) {
        self.config = config
        self.clock = clock
    }

    /// The current state (an open breaker whose timeout has passed reports HALF_OPEN).
    public var currentState: CircuitState {
        let now = clock.now()
        return state.withLock { s in
            refresh(&s, now: now)
            return s.state
        }
    }

    /// Whether a task may start now. Counts a refusal in the report.
    public func allowRequest() -> Bool {
        let now = clock.now()
        return state.withLock { s in
            refresh(&s, now: now)
            if s.state == .open {
                s.rejected += 1
                return false
            }
            return true
        }
    }

    /// Records a successful task.
    public func recordSuccess() {
        let now = clock.now()
        state.withLock { s in
            refresh(&s, now: now)
            s.totalSuccesses += 1
            switch s.state {
            case .closed:
                s.consecutiveFailures = 0
            case .halfOpen:
                s.halfOpenSuccesses += 1
                if s.halfOpenSuccesses >= config.successThreshold {
                    s.state = .closed
                    s.consecutiveFailures = 0
                    s.halfOpenSuccesses = 0
                    s.openedAt = nil
                }
            case .open:
                break
            }
        }
    }

    /// Records a failed task.
    public func recordFailure() {
        let now = clock.now()
        state.withLock { s in
            refresh(&s, now: now)
            s.totalFailures += 1
            switch s.state {
            case .closed:
                s.consecutiveFailures += 1
                if s.consecutiveFailures >= config.failureThreshold { open(&s, now: now) }
            case .halfOpen:
                open(&s, now: now)
            case .open:
                s.openedAt = now
            }
        }
    }

    /// Closes the breaker and clears its counts.
    public func reset() {
        state.withLock { $0 = State() }
    }

    /// The state and counts.
    public func report() -> CircuitBreakerReport {
        let now = clock.now()
        return state.withLock { s in
            refresh(&s, now: now)
            return CircuitBreakerReport(
                state: s.state, consecutiveFailures: s.consecutiveFailures, halfOpenSuccesses: s.halfOpenSuccesses,
                totalFailures: s.totalFailures, totalSuccesses: s.totalSuccesses, rejected: s.rejected,
                timesOpened: s.timesOpened,
                untilHalfOpen: s.state == .open ? .nanoseconds(Int64(min(max(0, (s.openedAt ?? now) + config.timeout.seconds - now), 9.2e9) * 1e9)) : nil)
        }
    }

    private func open(_ s: inout State, now: Double) {
        s.state = .open
        s.openedAt = now
        s.halfOpenSuccesses = 0
        s.timesOpened += 1
    }

    private func refresh(_ s: inout State, now: Double) {
        if s.state == .open, let openedAt = s.openedAt, now - openedAt >= config.timeout.seconds {
            s.state = .halfOpen
            s.halfOpenSuccesses = 0
        }
    }
}

/// A circuit breaker's state and counts.
public struct CircuitBreakerReport: Sendable, Equatable {
    /// CLOSED, OPEN or HALF_OPEN.
    public var state: CircuitState
    /// Failures in a row while closed.
    public var consecutiveFailures: Int
    /// Successes so far while half-open.
    public var halfOpenSuccesses: Int
    /// Every failure recorded.
    public var totalFailures: Int
    /// Every success recorded.
    public var totalSuccesses: Int
    /// Tasks refused while open.
    public var rejected: Int
    /// How many times it opened.
    public var timesOpened: Int
    /// While open: how long until it lets a trial through.
    public var untilHalfOpen: Duration?

    /// The report as a map.
    public func toValue() -> Value {
        var m: ValueMap = ValueMap([
            ("state", .string(state.rawValue)), ("consecutive_failures", .int(consecutiveFailures)),
            ("half_open_successes", .int(halfOpenSuccesses)), ("total_failures", .int(totalFailures)),
            ("total_successes", .int(totalSuccesses)), ("rejected", .int(rejected)), ("times_opened", .int(timesOpened)),
        ])
        m["seconds_until_half_open"] = untilHalfOpen.map { .double($0.seconds) } ?? .null
        return .map(m)
    }
}
