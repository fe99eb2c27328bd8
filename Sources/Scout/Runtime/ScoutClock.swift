/// The time source of the executor, the retry policy and the circuit breaker. Tests inject a
/// ``ManualClock`` so that nothing really sleeps.
public protocol ScoutClock: Sendable {
    /// Monotonic seconds since an arbitrary origin.
    func now() -> Double
    /// Waits `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock`.
public struct SystemClock: ScoutClock {
    /// The real clock.
    public init() {}

    public func now() -> Double {
        Double(MonotonicTime.now() &- SystemClock.origin) / 1e9
    }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }

    private static let origin = MonotonicTime.now()
}

/// A clock for tests: `sleep` returns at once, advancing the clock by the time asked, and
/// records every sleep.
package final class ManualClock: ScoutClock {
    private let state = SanitizerVisibleMutex((now: 0.0, sleeps: [Double]()))

    /// A clock at time 0.
    package init() {}

    package func now() -> Double { state.withLock { $0.now } }

    package func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let seconds = duration.seconds
        state.withLock { s in
            s.sleeps.append(seconds)
            s.now += max(0, seconds)
        }
    }

    /// Moves the clock forward.
    package func advance(by seconds: Double) {
        state.withLock { $0.now += seconds }
    }

    /// Every sleep asked for, in order.
    package var sleeps: [Double] { state.withLock { $0.sleeps } }
}
