import Dispatch
import Glibc
import Scout

/// Ctrl-C and SIGTERM during a run: the first one calls `onFirst` (stop launching, end the
/// running tasks, report); a second one kills every task's process group and exits at once.
final class InterruptHandler: Sendable {
    private let count = SanitizerVisibleMutex(0)
    private let onFirst: @Sendable (Int32) -> Void
    private let beforeExit: @Sendable () -> Void
    /// The dispatch sources; kept alive while the handler is installed.
    private let sources = SanitizerVisibleMutex([SignalSource]())

    init(onFirst: @escaping @Sendable (Int32) -> Void, beforeExit: @escaping @Sendable () -> Void = {}) {
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
        let n = count.withLock { c -> Int in
            c += 1
            return c
        }
        if n == 1 {
            onFirst(sig)
        } else {
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
