import Scout
#if canImport(Glibc)
import Glibc
#endif

/// A single-node Slurm cluster of this machine for the Slurm runner's tests, started from
/// scratch with every file under one temporary directory: a munge key and `munged` (as the
/// munge user), `slurmctld -D` and `slurmd -D` as children of the test process.
///
/// Every Slurm command meant for it needs ``environment`` (`SLURM_CONF`): nothing is set in
/// the test process's own environment. ``stop()`` ends what ``start()`` started, by pid:
/// its jobs, the steps' `slurmstepd` processes (found by the `SLURM_CONF` they inherit),
/// then the daemons. The daemons are supervised children, so the supervisor's watchdog
/// kills them too if the test process dies first.
package final class SlurmCluster: Sendable {
    /// The cluster of the running suite (set by ``SlurmClusterScope``).
    @TaskLocal package static var current: SlurmCluster?

    /// What a skipped test says.
    package static let installNote = "install slurmctld slurmd slurm-client munge (apt-get install slurmctld slurmd slurm-client munge; the tests run them as root) to run the Slurm runner tests"

    /// The programs the cluster and the runner need.
    package static let programs = ["slurmctld", "slurmd", "srun", "sbatch", "squeue", "scancel", "sinfo", "munged", "setpriv"]

    /// Starts and stops the daemons and runs the cluster's commands, apart from
    /// `ProcessSupervisor.shared`, whose children some tests count.
    package static let supervisor = ProcessSupervisor()

    /// True when `SCOUT_REQUIRE_TOOLS=1`: a missing Slurm is a failure, not a skip.
    package static var required: Bool {
        getenv("SCOUT_REQUIRE_TOOLS").map { String(cString: $0) == "1" } ?? false
    }

    /// True when the programs are installed, the munge user exists and this is root.
    package static var isAvailable: Bool {
        getuid() == 0 && getpwnam("munge") != nil && programs.allSatisfy { path(of: $0) != nil }
    }

    /// Whether the suite's tests run: Slurm is there, or it is required (they then fail).
    package static var shouldRun: Bool { required || isAvailable }

    /// The directory holding every file of the cluster.
    package let directory: String
    /// The `slurm.conf` path.
    package let configPath: String
    /// munged, slurmctld, slurmd, in the order they were started.
    private let daemons: [BackgroundProcess]

    private init(directory: String, configPath: String, daemons: [BackgroundProcess]) {
        self.directory = directory
        self.configPath = configPath
        self.daemons = daemons
    }

    /// What every Slurm command meant for this cluster needs.
    package var environment: [String: String] { ["SLURM_CONF": configPath] }

    /// `name` found on `PATH` or in the system directories, or nil.
    package static func path(of name: String) -> String? {
        let searchPath = (getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        return ExecutableLocator.locate(name, searchPath: searchPath, workingDirectory: nil)
    }

    /// Starts a cluster and waits (up to a minute) until its node is idle.
    package static func start() async throws -> SlurmCluster {
        guard isAvailable else { throw SlurmClusterError(description: installNote) }
        let directory = try makeDirectory()
        var started: [BackgroundProcess] = []
        do {
            let munge = try startMunge(in: directory)
            started.append(munge.daemon)
            try await waitFor("munged's socket", within: .seconds(30)) { access(munge.socket, F_OK) == 0 }
            let config = SlurmClusterConfig(
                directory: directory, mungeSocket: munge.socket, host: shortHostName(),
                nodeLine: try await nodeLine(), controllerPort: freePort(), nodePort: freePort())
            try write(config.text, to: config.path)
            let environment = ["SLURM_CONF": config.path]
            for daemon in ["slurmctld", "slurmd"] {
                let spec = ProcessSpec(
                    program: .argv([path(of: daemon)!, "-D", "-f", config.path]), environmentOverrides: environment,
                    killGrace: .seconds(5), captureLimit: 1 << 16)
                started.append(try supervisor.start(spec))
            }
            let cluster = SlurmCluster(directory: directory, configPath: config.path, daemons: started)
            try await waitFor("the node to be idle", within: .seconds(60)) {
                let state = try? await cluster.command(["sinfo", "--noheader", "--format=%t"])
                return state?.trimmingSpaces() == "idle"
            }
            return cluster
        } catch {
            for daemon in started.reversed() { _ = await daemon.stop() }
            throw SlurmClusterError(description: "the test cluster did not start (\(error)); its logs are in \(directory)")
        }
    }

    /// Ends the cluster: cancels its jobs, kills what is left of their steps, stops the
    /// daemons and removes the directory. Stops only what ``start()`` started. Returns the
    /// processes of the cluster still alive ten seconds later (none, when all went well).
    @discardableResult
    package func stop() async -> [Int32] {
        if let ids = try? await command(["squeue", "--noheader", "--format=%i"]).split(separator: "\n"), !ids.isEmpty {
            _ = try? await command(["scancel"] + ids.map(String.init))
        }
        _ = try? await Self.waitFor("the jobs to end", within: .seconds(20)) {
            (try? await self.command(["squeue", "--noheader", "--format=%i"]).isEmpty) ?? true
        }
        for daemon in daemons.reversed() { _ = await daemon.stop() }
        for pid in stepProcesses() { kill(pid, SIGKILL) }
        let gone = await LiveProcesses.noneLeft(matching: directory)
        let left = gone ? stepProcesses() : LiveProcesses.matching(directory) + stepProcesses()
        _ = try? await Self.supervisor.run(ProcessSpec(program: .argv(["rm", "-rf", directory])))
        return left
    }

    /// Live processes started for this cluster's steps (`slurmstepd` and the tasks): those
    /// whose environment holds this cluster's `SLURM_CONF`.
    package func stepProcesses() -> [Int32] {
        let needle = Array("SLURM_CONF=\(configPath)".utf8)
        return LocalFile.names(inDirectory: "/proc").compactMap { name -> Int32? in
            guard let pid = Int32(name), pid != getpid(), let environ = try? LocalFile.read("/proc/\(pid)/environ") else { return nil }
            let found = environ.split(separator: 0).contains { $0.elementsEqual(needle) }
            guard found, let stat = try? LocalFile.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
            return stat[stat.index(after: close)...].drop(while: { $0 == " " }).first == "Z" ? nil : pid
        }
    }

    /// Runs one of Slurm's commands against this cluster and returns its standard output;
    /// a failure throws with its standard error.
    @discardableResult
    package func command(_ argv: [String]) async throws -> String {
        let spec = ProcessSpec(program: .argv(argv), environmentOverrides: environment, timeout: .seconds(60))
        let outcome = try await Self.supervisor.run(spec)
        guard outcome.status == .exited(0) else {
            throw SlurmClusterError(description: "\(argv.joined(separator: " ")): \(outcome.status): " + String(decoding: outcome.stderr, as: UTF8.self))
        }
        return String(decoding: outcome.stdout, as: UTF8.self)
    }

    /// The cluster's jobs (queued, running or completing) whose names start with `prefix`,
    /// as `ID NAME STATE` lines.
    package func jobs(named prefix: String) async throws -> [String] {
        try await command(["squeue", "--noheader", "--format=%i %j %T"]).split(separator: "\n").map(String.init).filter {
            $0.split(separator: " ").dropFirst().first?.hasPrefix(prefix) ?? false
        }
    }

    /// Waits (up to `limit`) until the cluster lists no job whose name starts with `prefix`.
    package func noJobs(named prefix: String, within limit: Duration = .seconds(60)) async -> Bool {
        (try? await Self.waitFor("jobs \(prefix)* to end", within: limit) {
            (try? await self.jobs(named: prefix).isEmpty) ?? false
        }) != nil
    }

    /// Polls `condition` every 100 ms until it holds; throws after `limit`.
    package static func waitFor(_ what: String, within limit: Duration, _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while await !condition() {
            guard ContinuousClock.now < deadline else { throw SlurmClusterError(description: "timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    // MARK: Setting up

    /// A fresh directory that the munge user can reach, with the cluster's subdirectories.
    private static func makeDirectory() throws -> String {
        var template = Array("/tmp/scout-slurm-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw SlurmClusterError(description: "mkdtemp failed")
        }
        let directory = String(cString: made)
        chmod(directory, 0o755)
        for sub in ["state", "spool", "log", "munge", "munge-run"] { mkdir(directory + "/" + sub, 0o755) }
        return directory
    }

    /// Writes a munge key and starts `munged -F` as the munge user; its socket's path.
    private static func startMunge(in directory: String) throws -> (daemon: BackgroundProcess, socket: String) {
        guard let user = getpwnam("munge") else { throw SlurmClusterError(description: "no munge user") }
        let (uid, gid) = (user.pointee.pw_uid, user.pointee.pw_gid)
        let keyDirectory = directory + "/munge"
        let socketDirectory = directory + "/munge-run"
        var generator = SystemRandomNumberGenerator()
        let key = (0..<1024).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try write(key, to: keyDirectory + "/munge.key", mode: 0o400)
        for path in [keyDirectory, keyDirectory + "/munge.key", socketDirectory] { chown(path, uid, gid) }
        chmod(keyDirectory, 0o700)
        let socket = socketDirectory + "/munge.socket.2"
        let spec = ProcessSpec(
            program: .argv([
                path(of: "setpriv")!, "--reuid=\(uid)", "--regid=\(gid)", "--init-groups", path(of: "munged")!, "-F",
                "--socket=" + socket, "--key-file=" + keyDirectory + "/munge.key",
                "--pid-file=" + socketDirectory + "/munged.pid", "--log-file=" + keyDirectory + "/munged.log",
                "--seed-file=" + keyDirectory + "/munged.seed",
            ]),
            killGrace: .seconds(5), captureLimit: 1 << 16)
        return (try supervisor.start(spec), socket)
    }

    /// The first line of `slurmd -C`: this machine as a node line.
    private static func nodeLine() async throws -> String {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv([path(of: "slurmd")!, "-C"]), timeout: .seconds(60)))
        let first = String(decoding: outcome.stdout, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard outcome.status == .exited(0), first.hasPrefix("NodeName=") else {
            throw SlurmClusterError(description: "slurmd -C: " + String(decoding: outcome.stderr, as: UTF8.self))
        }
        return first
    }

    /// This machine's host name up to its first dot (`hostname -s`).
    private static func shortHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let name = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(name.split(separator: ".").first ?? "localhost")
    }

    /// A TCP port of 127.0.0.1 that was free a moment ago.
    private static func freePort() -> Int {
        guard let bound = LoopbackPort.bound(listening: false) else { return 0 }
        close(bound.fd)
        return bound.port
    }

    private static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path, mode: 0o644)
    }

    private static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SlurmClusterError(description: "cannot write \(path)") }
        defer { close(fd) }
        guard FileDescriptorWriter.writeAll(fd, bytes[...]) else { throw SlurmClusterError(description: "cannot write \(path)") }
    }
}
