#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC readings and `Duration` conversions, in nanoseconds.
enum MonotonicTime {
    /// Now, in nanoseconds of CLOCK_MONOTONIC.
    static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec)
    }

    /// A duration in nanoseconds, clamped to 0...Int64.max / 4 (far enough to mean "never").
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let cap = Int64.max / 4
        if seconds >= cap / 1_000_000_000 { return cap }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// `deadline` after `now`, saturating.
    static func deadline(after duration: Duration, from now: Int64) -> Int64 {
        now &+ nanoseconds(duration)
    }
}
