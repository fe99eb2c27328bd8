import Glibc
import Scout

/// Facts about the terminal scout writes to.
enum Terminal {
    /// True when `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Whether to colour stderr: `--color`/`--no-color` win, then `NO_COLOR`, then whether it is a terminal.
    static func useColor(_ option: Bool?, fd: Int32 = 2) -> Bool {
        if let option { return option }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return isTerminal(fd)
    }

    /// Writes to stderr.
    static func error(_ text: String) {
        FileDescriptorWriter.writeAll(2, text)
    }
}
