/// A `terminateAll` call the supervisor thread is carrying out (owned by that thread).
struct TerminationWaiter {
    /// Children still to be reaped; some may not be registered with the loop yet.
    var remaining: Set<UInt64>
    /// SIGTERM to SIGKILL delay, in nanoseconds.
    var graceNanoseconds: Int64
    /// Resumed when `remaining` is empty.
    var continuation: CheckedContinuation<Void, Never>
}
