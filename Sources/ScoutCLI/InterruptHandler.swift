import CScoutSystem
import Dispatch
import Glibc
import Scout

/// Ctrl-C and SIGTERM during a run: the first one calls `onFirst` (stop launching, end the
/// running tasks, report); a later one kills every task's process group and exits at once.
/// Signals arriving together count as one (see `InterruptTally`).
final class InterruptHandler: Sendable {
    private let tally = SanitizerVisibleMutex(InterruptTally())
    private let clock: any ScoutClock
    private let onFirst: @Sendable (Int32) -> Void
    private let beforeExit: @Sendable () -> Void
    /// The pipe the signal handlers write to, and the one that wakes the reader to stop.
    private let pipes = SanitizerVisibleMutex<(signals: [Int32], wake: [Int32])?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(clock: any ScoutClock = SystemClock(), onFirst: @escaping @Sendable (Int32) -> Void, beforeExit: @escaping @Sendable () -> Void = {}) {
        self.clock = clock
        self.onFirst = onFirst
        self.beforeExit = beforeExit
    }

    /// Starts handling SIGINT and SIGTERM. The handlers are in place when this returns: a
    /// signal that arrives at any later moment is handled, never dropped. (A dispatch signal
    /// source registers itself later, on another thread, and a signal that arrived meanwhile
    /// was lost.)
    func install() {
        var signals: [Int32] = [-1, -1]
        var wake: [Int32] = [-1, -1]
        guard cscout_pipe_cloexec(&signals) == 0 else { return }
        guard cscout_pipe_cloexec(&wake) == 0 else {
            close(signals[0])
            close(signals[1])
            return
        }
        // A handler never blocks on a full pipe; a reader that is behind has enough to do.
        _ = fcntl(signals[1], F_SETFL, fcntl(signals[1], F_GETFL) | O_NONBLOCK)
        pipes.withLock { $0 = (signals, wake) }
        let (readDescriptor, wakeDescriptor) = (signals[0], wake[0])
        let finished = self.finished
        DispatchQueue.global().async { [self] in
            var buffer = [UInt8](repeating: 0, count: 16)
            while true {
                var fds = [
                    pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
                ]
                guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { break }
                if fds[1].revents != 0 { break }
                guard fds[0].revents != 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, $0.count) }
                guard n > 0 else { continue }
                for byte in buffer[0..<n] { handle(Int32(byte)) }
            }
            finished.signal()
        }
        if cscout_interrupt_pipe_install(signals[1]) != 0 {
            cscout_interrupt_pipe_remove()
        }
    }

    /// Stops handling them (the default actions return).
    func uninstall() {
        cscout_interrupt_pipe_remove()
        guard let (signals, wake) = pipes.withLock({ pipes in defer { pipes = nil }; return pipes }) else { return }
        var byte: UInt8 = 1
        _ = write(wake[1], &byte, 1)
        finished.wait()
        for fd in signals + wake { close(fd) }
    }

    private func handle(_ sig: Int32) {
        let now = clock.now()
        switch tally.withLock({ $0.receive(at: now) }) {
        case .interrupt:
            onFirst(sig)
            let handled = clock.now()
            tally.withLock { $0.handled(at: handled) }
        case .same:
            break
        case .escalate:
            ProcessSupervisor.shared.signalAll(SIGKILL)
            beforeExit()
            FileDescriptorWriter.writeAll(2, "\nscout: killed the running tasks\n")
            _exit(128 + sig)
        }
    }
}
