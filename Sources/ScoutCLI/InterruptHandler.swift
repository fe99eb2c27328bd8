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
    /// The dispatch sources; kept alive while the handler is installed.
    private let sources = SanitizerVisibleMutex([SignalSource]())

    init(clock: any ScoutClock = SystemClock(), onFirst: @escaping @Sendable (Int32) -> Void, beforeExit: @escaping @Sendable () -> Void = {}) {
        self.clock = clock
        self.onFirst = onFirst
        self.beforeExit = beforeExit
    }

    /// Starts handling SIGINT and SIGTERM.
    func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in handle(sig) }
            source.resume()
            sources.withLock { $0.append(SignalSource(source: source)) }
        }
    }

    /// Stops handling them (the default actions return).
    func uninstall() {
        for s in sources.withLock({ $0 }) { s.source.cancel() }
        sources.withLock { $0.removeAll() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
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

/// A dispatch signal source. Dispatch sources may be resumed and cancelled from any thread
/// (libdispatch synchronises them), which is all this program does with them.
struct SignalSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
}
