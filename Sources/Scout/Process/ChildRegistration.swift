/// A spawned child handed from the calling task to the supervisor thread.
struct ChildRegistration: Sendable {
    /// The supervisor's id for this child (never reused).
    var id: UInt64
    /// The child's pid and the parent's ends of its pipes.
    var child: LaunchedChild
    /// Terminate the child's group this long after spawn.
    var timeout: Duration?
    /// SIGTERM to SIGKILL delay.
    var killGrace: Duration
    /// How long to wait for end-of-file once the child has exited.
    var drainGrace: Duration
    /// Bytes kept per stream.
    var captureLimit: Int
    /// Called with each chunk of output on the supervisor thread.
    var onOutput: ProcessOutputHandler?
    /// Resumed with the outcome once the child is reaped.
    var continuation: CheckedContinuation<ProcessOutcome, Never>
}
