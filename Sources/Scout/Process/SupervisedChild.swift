/// The supervisor thread's record of one child: its descriptors, captures and deadlines.
/// Only the supervisor thread touches it.
final class SupervisedChild {
    /// The supervisor's id for the child.
    let id: UInt64
    /// The child's pid, also its process group id.
    let pid: Int32
    /// CLOCK_MONOTONIC nanoseconds at spawn.
    let spawnTime: Int64
    /// The pidfd, or -1 once the child has been seen to exit.
    var pidfd: Int32
    /// The stdout read end, or -1 after end-of-file.
    var stdoutFD: Int32
    /// The stderr read end, or -1 after end-of-file.
    var stderrFD: Int32
    /// The stdin write end, or -1 once all bytes are written (or the child stopped reading).
    var stdinFD: Int32
    /// The bytes for stdin.
    let stdinBytes: [UInt8]
    /// The write end of a held stdin pipe, closed when the child has exited, or -1.
    var heldStdinFD: Int32
    /// How many of `stdinBytes` have been written.
    var stdinOffset = 0
    /// Captured stdout.
    var stdout: BoundedOutputBuffer
    /// Captured stderr.
    var stderr: BoundedOutputBuffer
    /// Called with each chunk.
    let onOutput: ProcessOutputHandler?
    /// Resumed with the outcome.
    let continuation: CheckedContinuation<ProcessOutcome, Never>
    /// SIGTERM to SIGKILL delay for timeout and cancellation, in nanoseconds.
    let killGraceNanoseconds: Int64
    /// How long to wait for end-of-file after exit, in nanoseconds.
    let drainGraceNanoseconds: Int64

    /// When the timeout strikes (nil: none, or no longer relevant).
    var timeoutDeadline: Int64?
    /// When SIGKILL follows the SIGTERM already sent.
    var killDeadline: Int64?
    /// When to stop waiting for end-of-file after the child exited.
    var drainDeadline: Int64?
    /// When the child was seen to exit (its pidfd became readable); nil while it runs.
    var exitTime: Int64?
    /// SIGTERM has been sent to the group.
    var terminating = false
    /// The timeout struck.
    var timedOut = false
    /// The awaiting task was cancelled, or `terminateAll` was called.
    var cancelled = false

    /// Takes over a registration's descriptors.
    init(_ registration: ChildRegistration) {
        let child = registration.child
        id = registration.id
        pid = child.pid
        spawnTime = child.spawnTime
        pidfd = child.pidfd
        stdoutFD = child.stdoutFD
        stderrFD = child.stderrFD
        stdinFD = child.stdinFD
        stdinBytes = child.stdinBytes
        heldStdinFD = child.heldStdinFD
        stdout = BoundedOutputBuffer(limit: registration.captureLimit)
        stderr = BoundedOutputBuffer(limit: registration.captureLimit)
        onOutput = registration.onOutput
        continuation = registration.continuation
        killGraceNanoseconds = MonotonicTime.nanoseconds(registration.killGrace)
        drainGraceNanoseconds = MonotonicTime.nanoseconds(registration.drainGrace)
        if let timeout = registration.timeout {
            timeoutDeadline = MonotonicTime.deadline(after: timeout, from: child.spawnTime)
        }
    }

    /// The earliest deadline that still matters, if any.
    var nextDeadline: Int64? {
        if exitTime != nil { return drainDeadline }
        switch (timeoutDeadline, killDeadline) {
        case let (t?, k?): return min(t, k)
        case let (t?, nil): return t
        case let (nil, k?): return k
        case (nil, nil): return nil
        }
    }

    /// The child has exited and both output pipes are closed.
    var isDone: Bool {
        exitTime != nil && stdoutFD < 0 && stderrFD < 0
    }
}
