/// A child started by ``ProcessSupervisor/start(_:onOutput:)`` that runs on its own, beside
/// the program, until it exits or ``stop()`` ends it (a service: a test server, a database).
///
/// The supervisor treats it as any other child: its output is read as it comes, `signalAll`
/// and `terminateAll` (Ctrl-C) reach its process group, and when it ends whatever is left
/// of its group is killed.
package final class BackgroundProcess: Sendable {
    /// The child's pid, also its process group id.
    package let pid: Int32
    private let waiting: Task<ProcessOutcome, Never>
    private let ended: SanitizerVisibleMutex<ProcessOutcome?>
    private let requestStop: @Sendable () -> Void

    init(pid: Int32, waiting: Task<ProcessOutcome, Never>, ended: SanitizerVisibleMutex<ProcessOutcome?>, requestStop: @escaping @Sendable () -> Void) {
        self.pid = pid
        self.waiting = waiting
        self.ended = ended
        self.requestStop = requestStop
    }

    /// The outcome once the child has ended (on its own or stopped), else nil.
    package var outcomeIfEnded: ProcessOutcome? { ended.withLock { $0 } }

    /// Waits for the child to end by itself and returns what happened.
    package func outcome() async -> ProcessOutcome { await waiting.value }

    /// Ends the child: SIGTERM to its process group, SIGKILL after the spec's `killGrace`;
    /// returns once it is reaped. A child that already ended is not signalled again; its
    /// outcome says `cancelled` only when this call ended it.
    package func stop() async -> ProcessOutcome {
        if let done = outcomeIfEnded { return done }
        requestStop()
        return await waiting.value
    }
}
