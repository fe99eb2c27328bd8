import CScoutSystem
import Dispatch
import Glibc

/// Watches the terminal's signal pipe while an input runs (the terminal is in its own mode
/// then, so Ctrl-C is a SIGINT): an interrupt cancels the input; SIGTERM and SIGHUP cancel it
/// and end the session.
final class InterruptWatcher: Sendable {
    private let signalDescriptor: Int32
    private let wake: (read: Int32, write: Int32)
    private let finished = DispatchSemaphore(value: 0)
    /// The termination signal that arrived, if one did.
    let termination = SharedValue<Int32?>(nil)

    /// Starts watching `signalDescriptor`; `interrupt` is called (on another thread) with
    /// each SIGINT, SIGTERM and SIGHUP.
    init(signalDescriptor: Int32, interrupt: @escaping @Sendable (Int32) -> Void) {
        self.signalDescriptor = signalDescriptor
        var fds: [Int32] = [-1, -1]
        _ = cscout_pipe_cloexec(&fds)
        wake = (fds[0], fds[1])
        let wakeDescriptor = fds[0]
        let termination = self.termination
        let finished = self.finished
        DispatchQueue.global().async {
            var buffer = [UInt8](repeating: 0, count: 64)
            loop: while true {
                var pfds = [
                    pollfd(fd: signalDescriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
                ]
                guard poll(&pfds, 2, -1) >= 0 || errno == EINTR else { break }
                if pfds[1].revents != 0 { break }
                guard pfds[0].revents != 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { read(signalDescriptor, $0.baseAddress, $0.count) }
                guard n > 0 else { continue }
                for byte in buffer[0..<n] {
                    let signal = Int32(byte)
                    if signal == SIGTERM || signal == SIGHUP {
                        termination.update { $0 = $0 ?? signal }
                        interrupt(signal)
                    } else if signal == SIGINT {
                        interrupt(signal)
                    }
                }
                continue loop
            }
            finished.signal()
        }
    }

    /// Stops watching; returns once the watcher no longer reads the pipe.
    func stop() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        finished.wait()
        close(wake.read)
        close(wake.write)
    }
}
