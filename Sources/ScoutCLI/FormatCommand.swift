import Glibc
import Scout

/// `scout fmt FILE...` rewrites scripts in the canonical layout (``Formatter``), each only
/// when it changes, keeping its mode; `scout fmt --check FILE...` changes nothing and lists
/// the files that would change, with the first lines that would; `scout fmt -` formats
/// standard input to standard output.
///
/// Exit status: 0 when every file is formatted (or, with `--check`, already was); 1 when
/// `--check` found a file that would change; 2 when a file has a syntax error (shown as
/// `scout check` shows it; the file is left as it is) or cannot be read or written.
struct FormatCommand {
    /// `--check`: report, change nothing.
    var check: Bool
    /// `--color` / `--no-color`.
    var color: Bool?

    func run(_ paths: [String]) -> Int32 {
        var status = ExitStatus.success
        for path in paths {
            status = max(status, format(path))
        }
        return status
    }

    /// Formats one file (`-`: standard input); its exit status.
    func format(_ path: String) -> Int32 {
        let name = path == "-" ? "<stdin>" : path
        let bytes: [UInt8]
        do {
            bytes = path == "-" ? try Self.readStandardInput() : try LocalFile.read(path)
        } catch {
            return ScoutTool.usageError(CLIError("cannot read \(error.description)"), color: color)
        }
        let source = SourceFile(name: name, bytes: bytes)
        let formatted: String
        do {
            formatted = try Formatter.format(source)
        } catch {
            Terminal.error(DiagnosticRenderer(color: Terminal.useColor(color)).render(error.diagnostics))
            return ExitStatus.usage
        }
        let output = Array(formatted.utf8)
        if check {
            if output == bytes { return ExitStatus.success }
            let diff = FormatDiff.render(name: name, old: String(decoding: bytes, as: UTF8.self), new: formatted)
            FileDescriptorWriter.writeAll(1, "would reformat \(name)\n" + diff)
            return ExitStatus.taskFailed
        }
        if path == "-" {
            FileDescriptorWriter.writeAll(1, output[...])
            return ExitStatus.success
        }
        if output == bytes { return ExitStatus.success }
        if let problem = Self.replace(path, with: output) {
            return ScoutTool.usageError(CLIError("cannot write \(path): \(problem)"), color: color)
        }
        return ExitStatus.success
    }

    static func readStandardInput() throws(LocalFile.ReadError) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .other("standard input", errno: errno)
            }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
        }
    }

    /// Replaces the contents of the file at `path` (the file a symbolic link points to),
    /// keeping its mode: a new file written beside it and renamed over it, or, where the
    /// directory is not writable, the file itself rewritten. Returns what went wrong, if anything.
    static func replace(_ path: String, with bytes: [UInt8]) -> String? {
        var target = path
        if let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        var info = stat()
        guard stat(target, &info) == 0 else { return String(cString: strerror(errno)) }
        let mode = info.st_mode & 0o7777
        let directory = target.lastIndex(of: "/").map { String(target[...$0]) } ?? "./"
        var template = Array((directory + ".scout-fmt-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return rewrite(target, with: bytes) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let written = FileDescriptorWriter.writeAll(fd, bytes[...])
        let problem = errno
        let kept = fchmod(fd, mode) == 0
        if close(fd) != 0 || !written || !kept || rename(temporary, target) != 0 {
            let message = String(cString: strerror(written ? errno : problem))
            unlink(temporary)
            return message
        }
        return nil
    }

    /// Writes `bytes` over the file itself (its mode stays as it is).
    static func rewrite(_ path: String, with bytes: [UInt8]) -> String? {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        let written = FileDescriptorWriter.writeAll(fd, bytes[...])
        let problem = errno
        if close(fd) != 0 || !written { return String(cString: strerror(written ? errno : problem)) }
        return nil
    }
}
