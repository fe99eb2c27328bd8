import Dispatch
import Glibc

/// Watches the terminal's signal pipe while an input runs (the terminal is in its own mode
/// then, so Ctrl-C is a SIGINT): an interrupt cancels the input; SIGTERM and SIGHUP cancel it
/// and end the session.
final class InterruptWatcher: Sendable {
    private let source: ReadSource
    private let finished = DispatchSemaphore(value: 0)
    /// The termination signal that arrived, if one did.
    let termination = SharedValue<Int32?>(nil)

    /// Starts watching `signalDescriptor` (non-blocking); `interrupt` is called (on another
    /// thread) with each SIGINT, SIGTERM and SIGHUP. A dispatch source reads it, so no thread
    /// waits on it (a thread blocked there would be one fewer for the statement being run).
    init(signalDescriptor: Int32, interrupt: @escaping @Sendable (Int32) -> Void) {
        let termination = self.termination
        let reader = DispatchSource.makeReadSource(fileDescriptor: signalDescriptor, queue: .global())
        reader.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 64)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(signalDescriptor, $0.baseAddress, $0.count) }
                guard n > 0 else { break }
                for byte in buffer[0..<n] {
                    let signal = Int32(byte)
                    if signal == SIGTERM || signal == SIGHUP {
                        termination.update { $0 = $0 ?? signal }
                        interrupt(signal)
                    } else if signal == SIGINT {
                        interrupt(signal)
                    }
                }
            }
        }
        let finished = self.finished
        reader.setCancelHandler { finished.signal() }
        source = ReadSource(source: reader)
        reader.resume()
    }

    /// Stops watching; returns once the watcher no longer reads the pipe.
    func stop() {
        source.source.cancel()
        finished.wait()
    }
}
