/// When and how long to wait before trying a failed task again.
///
/// The delay before retry k (k = 0, 1, …) is `min(maxDelay, baseDelay * 2^k)`, spread by
/// `jitterFactor`: a random part of up to ± `jitterFactor` of the delay.
///
/// ```swift
/// let retry = RetryConfig(maxRetries: 3, baseDelay: .seconds(1), maxDelay: .seconds(30), jitterFactor: 0.1)
/// retry.delay(forRetry: 2, jitter: 0)   // 4 seconds
/// ```
public struct RetryConfig: Sendable, Hashable {
    /// Retries after the first attempt (so at most `maxRetries + 1` attempts), between 0 and
    /// ``maxRetriesLimit``: a larger number (or a negative one) is clamped.
    public var maxRetries: Int {
        get { retries }
        set { retries = min(max(0, newValue), RetryConfig.maxRetriesLimit) }
    }
    private var retries = 0
    /// The most retries a task may have: a million (more would be kept waiting for years).
    public static let maxRetriesLimit = 1_000_000
    /// The first delay (negative ones count as zero).
    public var baseDelay: Duration {
        didSet { baseDelay = max(.zero, baseDelay) }
    }
    /// The longest delay (negative ones count as zero).
    public var maxDelay: Duration {
        didSet { maxDelay = max(.zero, maxDelay) }
    }
    /// The fraction of the delay that is randomised (0 = none, 0.1 = ±10%).
    public var jitterFactor: Double

    /// A retry policy; the defaults are the guide's.
    public init(maxRetries: Int = 3, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30), jitterFactor: Double = 0.1) {
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(.zero, maxDelay)
        self.jitterFactor = min(max(0, jitterFactor), 1)
        self.maxRetries = maxRetries
    }

    /// No retries.
    public static let none = RetryConfig(maxRetries: 0)

    /// The delay before retry `k` (0-based); `jitter` is a random number in -1...1. At most
    /// 292 years (what a `Duration` of nanoseconds holds).
    public func delay(forRetry k: Int, jitter: Double) -> Duration {
        let exponential = baseDelay.seconds * pow2(k)
        let capped = min(maxDelay.seconds, exponential)
        let spread = capped * jitterFactor * min(max(jitter, -1), 1)
        return .nanoseconds(Int64(min(max(0, capped + spread), 9.2e9) * 1e9))
    }

    private func pow2(_ k: Int) -> Double {
        k >= 1023 ? .infinity : Double(sign: .plus, exponent: k, significand: 1)
    }

    /// Whether a result is worth another attempt: failures (a non-zero exit, a timeout) are;
    /// errors (the task could not start), successes and skips are not.
    package static func isRetryable(_ result: TaskResult) -> Bool {
        result.status == .failure
    }

    /// The policy as a map with the guide's field names.
    public func toValue() -> Value {
        ["max_retries": .int(maxRetries), "base_delay": .double(baseDelay.seconds), "max_delay": .double(maxDelay.seconds), "jitter_factor": .double(jitterFactor)]
    }
}
