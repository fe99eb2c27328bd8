import CScoutStartup
import Glibc
import Scout

/// Writes progress events as NDJSON (one JSON object per line) to stderr, a file, or a file
/// descriptor the caller opened (`--events-fd 3` with `3>events.ndjson`). A write
/// that fails (a full disk) is reported once on stderr; later events are dropped and the
/// run ends with status 1.
final class EventLog: Sendable {
    private let fd: Int32
    private let name: String
    private let failed = SanitizerVisibleMutex(false)
    let screen: TerminalScreen

    /// A log to stderr.
    init(screen: TerminalScreen) {
        self.fd = 2
        self.name = "stderr"
        self.screen = screen
    }

    /// A log to the file at `path` (created or truncated).
    init(path: String, screen: TerminalScreen) throws(CLIError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CLIError("cannot open the events file \(path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.name = path
        self.screen = screen
    }

    /// A log to the descriptor `fd`, which the caller opened for writing and which tasks do
    /// not inherit.
    init(descriptor fd: Int32, screen: TerminalScreen) throws(CLIError) {
        let hint = "open it where scout starts: scout --events-fd \(fd) ci.scout \(fd)>events.ndjson"
        guard fd < CSCOUT_INHERITED_LIMIT else {
            throw CLIError("--events-fd \(fd): use a descriptor below \(CSCOUT_INHERITED_LIMIT)", hint: hint)
        }
        let flags = fcntl(fd, F_GETFL)
        guard cscout_descriptor_was_inherited(fd) == 1, flags >= 0 else { throw CLIError("--events-fd \(fd): file descriptor \(fd) is not open", hint: hint) }
        guard flags & O_ACCMODE != O_RDONLY else { throw CLIError("--events-fd \(fd): file descriptor \(fd) is open only for reading", hint: hint) }
        _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        self.fd = fd
        self.name = "file descriptor \(fd)"
        self.screen = screen
    }

    /// True when some event could not be written.
    var hasFailed: Bool { failed.withLock { $0 } }

    func handle(_ event: ProgressEvent) {
        let json = event.jsonLine()
        let error = failed.withLock { hasFailed -> Int32 in
            if hasFailed { return 0 }
            if fd == 2 {
                screen.line(json)
                return 0
            }
            let line = json + "\n"
            let start = lseek(fd, 0, SEEK_CUR)
            if !FileDescriptorWriter.writeAll(fd, line) {
                let error = errno
                hasFailed = true
                // A line cut short by a full disk is taken back: the file keeps whole lines.
                if start >= 0, ftruncate(fd, start) == 0 { _ = lseek(fd, start, SEEK_SET) }
                return error
            }
            return 0
        }
        if error != 0 {
            screen.line("scout: error: cannot write events to \(name): \(String(cString: strerror(error))); later events are lost")
        }
    }

    /// Flushes the file to disk and closes it; false when that failed.
    @discardableResult
    func close() -> Bool {
        guard fd != 2 else { return true }
        let synced = fsync(fd) == 0 || errno == EINVAL
        let closed = Glibc.close(fd) == 0
        if !(synced && closed), !hasFailed {
            failed.withLock { $0 = true }
            screen.line("scout: error: cannot write events to \(name): \(String(cString: strerror(errno)))")
        }
        return synced && closed
    }
}
