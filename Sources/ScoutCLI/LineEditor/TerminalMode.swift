import CScoutSystem
import Glibc
import Scout

/// The terminal an interactive session runs on: its size, raw mode while a line is edited,
/// a quiet mode between inputs, and the signals that concern it. The mode found at the start is put back on every way
/// out: ``restore()``, exit, Ctrl-Z (and raw mode again after `fg`), SIGTERM, SIGHUP and the
/// crash signals (see `terminal_shims.h`). Signals arrive as bytes on ``signalDescriptor``,
/// so the editor can wait for keys and signals at once.
final class TerminalMode {
    /// The terminal's input.
    let input: Int32
    /// Where the editor draws.
    let output: Int32
    /// The read end of the pipe the signal handlers write to, non-blocking.
    let signalDescriptor: Int32
    private let signalWriteDescriptor: Int32
    private var handlersInstalled = false

    /// The terminal on `input` (drawing on `output`), or nil when `input` is not a terminal.
    init?(input: Int32 = 0, output: Int32 = 1) {
        guard isatty(input) == 1, isatty(output) == 1, cscout_terminal_save(input, output) == 0 else { return nil }
        var fds: [Int32] = [-1, -1]
        guard cscout_pipe_cloexec(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        self.input = input
        self.output = output
        self.signalDescriptor = fds[0]
        self.signalWriteDescriptor = fds[1]
    }

    deinit {
        restore()
        removeSignalHandlers()
        close(signalDescriptor)
        close(signalWriteDescriptor)
    }

    /// Routes SIGWINCH, SIGCONT, SIGINT, SIGTERM and SIGHUP to ``signalDescriptor`` and makes
    /// Ctrl-Z and the crash signals restore the terminal.
    func installSignalHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = cscout_terminal_install_handlers(signalWriteDescriptor) == 0
    }

    /// Puts back the signal handlers found at the start.
    func removeSignalHandlers() {
        guard handlersInstalled else { return }
        cscout_terminal_remove_handlers()
        handlersInstalled = false
    }

    /// Raw mode: keys arrive one by one, unechoed, Ctrl-C and Ctrl-Z as bytes.
    func enterRaw() {
        _ = cscout_terminal_enter_raw()
    }

    /// Between inputs, while a statement runs: keys typed ahead are neither echoed nor edited
    /// by the terminal, so they reach the next input as typed; Ctrl-C and Ctrl-Z still signal.
    func enterWaiting() {
        _ = cscout_terminal_enter_waiting()
    }

    /// The mode found at the start.
    func restore() {
        _ = cscout_terminal_restore()
    }

    /// True while raw mode is on.
    var isRaw: Bool { cscout_terminal_is_raw() != 0 }

    /// Rows and columns (24 by 80 when the terminal does not say).
    var size: (rows: Int, columns: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard cscout_terminal_size(output, &rows, &columns) == 0, columns > 0 else { return (24, 80) }
        return (Int(max(rows, 1)), Int(columns))
    }

    /// The width of the terminal on `fd`, if it is one that says.
    static func columns(of fd: Int32) -> Int? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard cscout_terminal_size(fd, &rows, &columns) == 0, columns > 0 else { return nil }
        return Int(columns)
    }

    /// The signals that arrived since the last call, in order.
    func takeSignals() -> [Int32] {
        var signals: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(signalDescriptor, $0.baseAddress, $0.count) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                break
            }
            signals += buffer[0..<n].map { Int32($0) }
        }
        return signals
    }

    /// Stops the process as Ctrl-Z does: the terminal is restored first, and raw mode comes
    /// back (with a SIGCONT on ``signalDescriptor``) once it is continued.
    func suspend() {
        cscout_terminal_suspend()
    }

    /// Writes text to the terminal.
    func write(_ text: String) {
        guard !text.isEmpty else { return }
        FileDescriptorWriter.writeAll(output, text)
    }
}
