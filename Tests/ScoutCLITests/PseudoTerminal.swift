import CScoutSystem
import Glibc
import Scout

/// The built `scout` on a pseudo-terminal of its own, as a person at a terminal runs it: the
/// test writes keys to the master side and reads what appears on a ``VirtualScreen``. Every
/// wait has a deadline, so a REPL that hangs fails its test instead of hanging it; waits
/// sleep between reads rather than block, so other tests keep the cooperative threads.
final class PseudoTerminal {
    /// A wait that ran out of time, with the screen as it was.
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String { "timed out waiting for \(waitingFor); the screen:\n\(screen)" }
    }

    let master: Int32
    let pid: pid_t
    /// What the terminal shows.
    private(set) var screen: VirtualScreen
    /// Every byte the program wrote.
    private(set) var output: [UInt8] = []
    /// The raw wait status once the program has ended.
    private(set) var waitStatus: Int32?
    /// The terminal's mode before the program started (read after the program starts, it
    /// may already be the program's raw mode).
    let initialMode: termios

    /// Starts `scout ARGS` in `directory` on a new terminal of `rows` by `columns`, with a
    /// plain environment: `HOME` and `XDG_STATE_HOME` under `directory`, `TERM=xterm`.
    init(_ arguments: [String] = ["repl"], directory: String, rows: Int = 24, columns: Int = 80, environment: [String: String] = [:]) throws {
        var fd: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        guard cscout_pty_open(&fd, &name, name.count) == 0 else { throw ProcessError.spawnFailed(program: "pty", errno: errno) }
        master = fd
        _ = cscout_pty_set_size(fd, Int32(rows), Int32(columns))
        var initial = termios()
        tcgetattr(fd, &initial)
        initialMode = initial
        screen = VirtualScreen(rows: rows, columns: columns)
        var env = [
            "PATH": String(cString: getenv("PATH")), "HOME": directory, "XDG_STATE_HOME": directory + "/state",
            "TERM": "xterm", "LANG": "C.UTF-8",
        ]
        for (k, v) in environment { env[k] = v }
        let argv = [ScoutBinary.path] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        let rc = PseudoTerminal.withCStrings(argv) { argvPointer in
            PseudoTerminal.withCStrings(envp) { envpPointer in
                cscout_spawn_on_terminal(&child, ScoutBinary.path, argvPointer, envpPointer, name, directory)
            }
        }
        guard rc == 0 else {
            close(fd)
            throw ProcessError.spawnFailed(program: ScoutBinary.path, errno: rc)
        }
        pid = child
    }

    deinit {
        if waitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Types `text` (control characters and escape sequences included).
    func send(_ text: String) {
        FileDescriptorWriter.writeAll(master, text)
    }

    /// The terminal's mode (the master sees the slave's).
    var mode: termios {
        var t = termios()
        tcgetattr(master, &t)
        return t
    }

    /// Changes the terminal's size; the program gets a SIGWINCH.
    func resize(rows: Int, columns: Int) {
        screen.resize(rows: rows, columns: columns)
        _ = cscout_pty_set_size(master, Int32(rows), Int32(columns))
    }

    /// Reads what the program writes until the screen satisfies `condition`.
    @discardableResult
    func waitFor(_ what: String, timeout: Duration = .seconds(30), _ condition: (VirtualScreen) -> Bool) async throws -> VirtualScreen {
        let deadline = ContinuousClock.now + timeout
        while !condition(screen) {
            guard ContinuousClock.now < deadline else { throw Timeout(waitingFor: what, screen: screen.transcript) }
            if !readAvailable() { try await Task.sleep(for: .milliseconds(5)) }
        }
        return screen
    }

    /// Waits until some line on the screen (or scrolled away) contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(30)) async throws -> VirtualScreen {
        try await waitFor("'\(text)'", timeout: timeout) { $0.transcript.contains(text) }
    }

    /// Waits for the `count`th prompt, empty, with the cursor after it.
    func waitForPrompt(count: Int, timeout: Duration = .seconds(30)) async throws {
        try await waitFor("prompt #\(count)", timeout: timeout) { screen in
            let prompts = screen.transcript.split(separator: "\n").filter { $0.hasPrefix("scout>") }.count
            return prompts >= count && screen.cursorLine == "scout>" && screen.column == 7
        }
    }

    /// Reads what is there without waiting; false when nothing was.
    private func readAvailable() -> Bool {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 0) > 0, pfd.revents & Int16(POLLIN) != 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        output.append(contentsOf: buffer[0..<count])
        screen.feed(buffer[0..<count])
        return true
    }

    /// Waits for the program to end, reading what it still writes; its exit status (128 +
    /// the signal when a signal ended it).
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                waitStatus = status
                while readAvailable() {}
                return cscout_wifexited(status) != 0 ? cscout_wexitstatus(status) : 128 + cscout_wtermsig(status)
            }
            guard ContinuousClock.now < deadline else { throw Timeout(waitingFor: "the program to end", screen: screen.transcript) }
            if !readAvailable() { try await Task.sleep(for: .milliseconds(5)) }
        }
    }
}

extension String {
    /// How many times `part` occurs.
    func occurrences(of part: String) -> Int {
        ranges(of: part).count
    }
}
