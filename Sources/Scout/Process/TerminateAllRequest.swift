/// A `terminateAll` call waiting for the supervisor thread to pick it up.
struct TerminateAllRequest: Sendable {
    /// SIGTERM to SIGKILL delay.
    var grace: Duration
    /// Resumed once every child that was running at the call has been reaped.
    var continuation: CheckedContinuation<Void, Never>
}
