#if canImport(Glibc)
import Glibc
#endif

/// The master connections of an SSH pool, which every task's `ssh` shares (no new login per
/// task).
///
/// Each master is started here on first use, as a child of the supervisor
/// (`ssh -M -N -o ControlPersist=no`), never one that a task's ssh would fork into the
/// background: the supervisor kills what is left of a task's process group, and a persisting
/// master would outlive the run. It is ready once `ssh -O check` succeeds. One master serves
/// at most ``sessionsPerMaster`` task slots of a host, below sshd's default `MaxSessions`
/// even while each of those tasks also has a connection ending its remote process group.
/// The control sockets live in a private directory; ``shutdown()`` stops every master and
/// removes it.
final class SSHControlMasters: Sendable {
    /// Task slots of one host per master connection.
    static let sessionsPerMaster = 4
    /// How long a master may take to connect and log in.
    static let startLimit: Duration = .seconds(30)

    /// Which master: a host's index in the pool and the master's number on that host.
    struct Key: Hashable, Sendable {
        var host: Int
        var number: Int
    }

    /// What a task gets: the control socket to use, or why the host cannot be reached.
    enum Connection: Sendable, Equatable {
        case ready(controlPath: String)
        case hostDown(String)
    }

    private enum Started: Sendable {
        case up(BackgroundProcess, String)
        case down(String)
        case failed(ProcessError)
    }

    private enum Entry: Sendable {
        case starting(Int, Task<Started, Never>)
        case up(BackgroundProcess, String)
    }

    private enum Lookup {
        case ready(String)
        case starting(Int, Task<Started, Never>)
    }

    private struct State {
        var directory: String?
        var entries: [Key: Entry] = [:]
        var generation = 0
    }

    private let settings: SSHSettings
    private let supervisor: ProcessSupervisor
    private let state = SanitizerVisibleMutex(State())

    init(settings: SSHSettings, supervisor: ProcessSupervisor) {
        self.settings = settings
        self.supervisor = supervisor
    }

    /// The master for task slot `slot` of host `host` (named `name`), started if it is not
    /// running. Throws when `ssh` cannot be started at all.
    func connection(host: Int, name: String, slot: Int) async throws(RunnerError) -> Connection {
        let key = Key(host: host, number: slot / Self.sessionsPerMaster)
        let (settings, supervisor) = (self.settings, self.supervisor)
        let found: Lookup = try state.withLock { s throws(RunnerError) in
            switch s.entries[key] {
            case .up(let process, let path)? where process.outcomeIfEnded == nil:
                return .ready(path)
            case .starting(let generation, let task)?:
                return .starting(generation, task)
            default:
                let directory = try Self.directory(&s)
                s.generation += 1
                let path = "\(directory)/\(key.host).\(key.number).\(s.generation)"
                let task = Task { await Self.start(settings: settings, supervisor: supervisor, host: name, controlPath: path) }
                s.entries[key] = .starting(s.generation, task)
                return .starting(s.generation, task)
            }
        }
        let (generation, task): (Int, Task<Started, Never>)
        switch found {
        case .ready(let path): return .ready(controlPath: path)
        case .starting(let g, let t): (generation, task) = (g, t)
        }
        let started = await task.value
        state.withLock { s in
            guard case .starting(let current, _)? = s.entries[key], current == generation else { return }
            if case .up(let process, let path) = started { s.entries[key] = .up(process, path) } else { s.entries[key] = nil }
        }
        switch started {
        case .up(_, let path): return .ready(controlPath: path)
        case .down(let message): return .hostDown(message)
        case .failed(let error): throw .process(error)
        }
    }

    /// The pids of the masters running now.
    func runningPids() -> [Int32] {
        state.withLock { s in
            s.entries.values.compactMap { entry in
                if case .up(let process, _) = entry, process.outcomeIfEnded == nil { return process.pid }
                return nil
            }
        }
    }

    /// Stops every master and removes the socket directory. Safe to call again; a later
    /// task starts new ones.
    func shutdown() async {
        let (entries, directory) = state.withLock { s in
            defer {
                s.entries = [:]
                s.directory = nil
            }
            return (Array(s.entries.values), s.directory)
        }
        for entry in entries {
            switch entry {
            case .up(let process, _):
                _ = await process.stop()
            case .starting(_, let task):
                if case .up(let process, _) = await task.value { _ = await process.stop() }
            }
        }
        if let directory {
            for name in LocalFile.names(inDirectory: directory) { unlink(directory + "/" + name) }
            rmdir(directory)
        }
    }

    /// The socket directory, made (private, short path) on first use.
    private static func directory(_ s: inout State) throws(RunnerError) -> String {
        if let directory = s.directory { return directory }
        var template = Array("/tmp/scout-ssh-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .engine("cannot make a directory for ssh control sockets in /tmp: \(String(cString: strerror(errno)))")
        }
        let directory = String(cString: made)
        chmod(directory, 0o700)
        s.directory = directory
        return directory
    }

    /// Starts a master and waits until it accepts sessions, it ends, or the time is up.
    private static func start(settings: SSHSettings, supervisor: ProcessSupervisor, host: String, controlPath: String) async -> Started {
        let process: BackgroundProcess
        do {
            process = try supervisor.start(ProcessSpec(program: .argv(SSHCommandLine.master(settings, host: host, controlPath: controlPath))))
        } catch {
            return .failed(error)
        }
        let check = ProcessSpec(program: .argv(SSHCommandLine.check(settings, host: host, controlPath: controlPath)), timeout: .seconds(10))
        let deadline = ContinuousClock.now + startLimit
        var pause: Duration = .milliseconds(5)
        while true {
            if let ended = process.outcomeIfEnded {
                let line = SSHOutputFilter.lastLine(ended.stderr)
                return .down(line.isEmpty ? "ssh ended with \(ended.status)" : line)
            }
            if isSocket(controlPath), let outcome = try? await supervisor.run(check), outcome.status == .exited(0) {
                return .up(process, controlPath)
            }
            if ContinuousClock.now >= deadline {
                _ = await process.stop()
                return .down("no connection after \(startLimit)")
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(100))
        }
    }

    private static func isSocket(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
    }
}
