/// What happened to a child process: how it ended, what it wrote, and why it stopped.
package struct ProcessOutcome: Sendable {
    /// The child's process id (also its process group id).
    package var pid: Int32
    /// How the child ended.
    package var status: TerminationStatus
    /// The last `captureLimit` bytes of standard output.
    package var stdout: [UInt8]
    /// The last `captureLimit` bytes of standard error.
    package var stderr: [UInt8]
    /// How many earlier bytes of standard output were dropped (0: `stdout` is complete).
    package var stdoutDroppedBytes: Int
    /// How many earlier bytes of standard error were dropped (0: `stderr` is complete).
    package var stderrDroppedBytes: Int
    /// The child ran past its timeout and was terminated.
    package var timedOut: Bool
    /// The child was terminated because the awaiting task was cancelled or
    /// `ProcessSupervisor.terminateAll` was called while it ran.
    package var cancelled: Bool
    /// From spawn to the moment the supervisor saw the child exit.
    package var duration: Duration

    /// Creates an outcome (the supervisor makes these; tests and callers may too).
    package init(
        pid: Int32, status: TerminationStatus, stdout: [UInt8], stderr: [UInt8],
        stdoutDroppedBytes: Int = 0, stderrDroppedBytes: Int = 0,
        timedOut: Bool = false, cancelled: Bool = false, duration: Duration = .zero
    ) {
        self.pid = pid
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutDroppedBytes = stdoutDroppedBytes
        self.stderrDroppedBytes = stderrDroppedBytes
        self.timedOut = timedOut
        self.cancelled = cancelled
        self.duration = duration
    }

    /// True when the child exited with status 0 on its own (no timeout, no cancellation).
    package var succeeded: Bool {
        status == .exited(0) && !timedOut && !cancelled
    }
}
