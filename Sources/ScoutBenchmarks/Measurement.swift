/// One run of a child: its wall time, its peak resident memory, and how it ended.
struct Measurement {
    var seconds: Double
    /// The peak resident set of the process measured (or of a descendant it reaped, if
    /// larger), in KiB.
    var peakKiB: Int
    /// The exit status, or 128 + the signal that ended it.
    var status: Int32
    /// Seconds the child measured itself and printed (the Python peer's `executor.run`).
    var reported: Double? = nil
}
