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
    /// The source that reads the pipe the signal handlers write to, while installed.
    private let source = SanitizerVisibleMutex<ReadSource?>(nil)
    /// Signalled once the source is cancelled and its pipe closed.
    private let closed = DispatchSemaphore(value: 0)

    init(clock: any ScoutClock = SystemClock(), onFirst: @escaping @Sendable (Int32) -> Void, beforeExit: @escaping @Sendable () -> Void = {}) {
        self.clock = clock
        self.onFirst = onFirst
        self.beforeExit = beforeExit
    }

    /// Starts handling SIGINT and SIGTERM. The handlers are in place when this returns and
    /// write each signal to a pipe, which a dispatch source reads: a signal that arrives at
    /// any later moment waits there until it is handled. (A dispatch signal source instead
    /// registers itself later, on another thread, and a signal that arrived meanwhile was lost.)
    func install() {
        var fds: [Int32] = [-1, -1]
        guard cscout_pipe_cloexec(&fds) == 0 else { return }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        guard cscout_interrupt_pipe_install(writeEnd) == 0 else {
            cscout_interrupt_pipe_remove()
            close(readEnd)
            close(writeEnd)
            return
        }
        let reader = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        reader.setEventHandler { [self] in
            var buffer = [UInt8](repeating: 0, count: 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                guard n > 0 else { break }
                for byte in buffer[0..<n] { handle(Int32(byte)) }
            }
        }
        let closed = self.closed
        reader.setCancelHandler {
            close(readEnd)
            close(writeEnd)
            closed.signal()
        }
        source.withLock { $0 = ReadSource(source: reader) }
        reader.resume()
    }

    /// Stops handling them (the default actions return); returns once a signal being
    /// handled has been.
    func uninstall() {
        cscout_interrupt_pipe_remove()
        guard let reader = source.withLock({ current in defer { current = nil }; return current }) else { return }
        reader.source.cancel()
        closed.wait()
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
