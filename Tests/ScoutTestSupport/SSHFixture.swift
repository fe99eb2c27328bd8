import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Two real OpenSSH servers on 127.0.0.1 for the SSH runner's tests, with an ssh config
/// naming them `node1` and `node2` (and `node3`, `node4`: ports nothing listens on).
///
/// Everything lives in a fresh directory: host and client keys made with `ssh-keygen`, each
/// server's `sshd_config`, the client's config. The servers are children of the fixture's
/// supervisor, started with `/usr/sbin/sshd -D`; ``stop()`` ends them by pid together with
/// every process they forked (sshd gives each connection its own session, out of the
/// server's process group) and every process whose command line holds ``token``, which the
/// tests put in each command they run. Use ``with(_:)``: it stops the fixture however the
/// test ends.
package final class SSHFixture: Sendable {
    /// The directory holding keys, configs and pid files.
    package let directory: String
    /// The ssh client config (`ssh -F`).
    package let configFile: String
    /// A string unique to this fixture, for the command lines of the tests' commands.
    package let token: String
    /// The port of each host alias.
    package let ports: [String: Int]
    private let supervisor: ProcessSupervisor
    private let servers: SanitizerVisibleMutex<[String: BackgroundProcess]>

    /// What to install when the programs are missing.
    package static let installNote = "sshd or ssh is not installed: install openssh-server and openssh-client to run the ssh runner tests (CI sets SCOUT_REQUIRE_TOOLS=1 to require them)"

    /// True when `SCOUT_REQUIRE_TOOLS=1`: missing programs fail the tests instead of skipping them.
    package static var required: Bool {
        getenv("SCOUT_REQUIRE_TOOLS").map { String(cString: $0) == "1" } ?? false
    }

    /// True when `/usr/sbin/sshd`, `ssh` and `ssh-keygen` are there.
    package static var toolsInstalled: Bool {
        access("/usr/sbin/sshd", X_OK) == 0 && inPath("ssh") && inPath("ssh-keygen")
    }

    /// Whether the tests run: the tools are there, or they are required (and then fail).
    package static var enabled: Bool { toolsInstalled || required }

    private init(directory: String, token: String, ports: [String: Int], supervisor: ProcessSupervisor, servers: [String: BackgroundProcess]) {
        self.directory = directory
        self.configFile = directory + "/ssh_config"
        self.token = token
        self.ports = ports
        self.supervisor = supervisor
        self.servers = SanitizerVisibleMutex(servers)
    }

    /// Pool settings for `hosts`, with the fixture's config.
    package func settings(_ hosts: [String], perHost: Int = 4, maxHostFailures: Int = 3) -> SSHSettings {
        SSHSettings(hosts: hosts, perHost: perHost, configFile: configFile, options: [], maxHostFailures: maxHostFailures)
    }

    /// Starts the servers, runs `body`, and stops them whatever happens. Throws (instead of
    /// running `body`) when the programs are missing.
    package static func with(_ body: (SSHFixture) async throws -> Void) async throws {
        guard toolsInstalled else {
            throw FixtureError("sshd, ssh or ssh-keygen is missing (SCOUT_REQUIRE_TOOLS=1 requires them): install openssh-server and openssh-client")
        }
        let supervisor = ProcessSupervisor()
        var template = Array("/tmp/scout-ssh-fixture-XXXXXX".utf8CString)
        let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        let servers = SanitizerVisibleMutex<[String: BackgroundProcess]>([:])
        let token = "scout-ssh-fixture-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let fixture = try await start(directory: directory, token: token, supervisor: supervisor, servers: servers)
            do {
                try await body(fixture)
            } catch {
                await fixture.stop()
                throw error
            }
            await fixture.stop()
        } catch {
            for server in servers.withLock({ Array($0.values) }) { await Self.stop(server) }
            removeTree(directory)
            throw error
        }
    }

    private static func start(directory: String, token: String, supervisor: ProcessSupervisor, servers: SanitizerVisibleMutex<[String: BackgroundProcess]>) async throws -> SSHFixture {
        try await run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", directory + "/host_key"], supervisor)
        try await run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "client", "-f", directory + "/client_key"], supervisor)
        try write(LocalFile.read(directory + "/client_key.pub"), to: directory + "/authorized_keys")
        mkdir("/run/sshd", 0o755)

        var ports: [String: Int] = [:]
        for alias in ["node1", "node2"] {
            let (server, port) = try await startServer(alias, directory: directory, supervisor: supervisor)
            servers.withLock { $0[alias] = server }
            ports[alias] = port
        }
        for alias in ["node3", "node4"] {
            guard let closed = LoopbackPort.bound(listening: false) else { throw FixtureError("no free port") }
            close(closed.fd)
            ports[alias] = closed.port
        }
        let config = ports.keys.sorted().map { hostBlock($0, port: ports[$0]!, directory: directory) }.joined()
        write(Array(config.utf8), to: directory + "/ssh_config")
        let fixture = SSHFixture(directory: directory, token: token, ports: ports, supervisor: supervisor, servers: servers.withLock { $0 })
        for alias in ["node1", "node2"] { try await fixture.waitForLogin(alias) }
        return fixture
    }

    /// The client config's entry for `alias`.
    private static func hostBlock(_ alias: String, port: Int, directory: String) -> String {
        let user = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"
        return """
            Host \(alias)
              HostName 127.0.0.1
              Port \(port)
              User \(user)
              IdentityFile \(directory)/client_key
              IdentitiesOnly yes
              StrictHostKeyChecking no
              UserKnownHostsFile /dev/null
              LogLevel ERROR

            """
    }

    /// Starts one more server, its `sshd_config` ending with `extraConfig`, and adds `alias`
    /// for it to the client config; returns its port.
    package func addServer(_ alias: String, extraConfig: String) async throws -> Int {
        let (server, port) = try await Self.startServer(alias, directory: directory, supervisor: supervisor, extraConfig: extraConfig)
        servers.withLock { $0[alias] = server }
        let fd = open(configFile, O_WRONLY | O_APPEND | O_CLOEXEC)
        FileDescriptorWriter.writeAll(fd, Array(Self.hostBlock(alias, port: port, directory: directory).utf8)[...])
        close(fd)
        return port
    }

    /// Starts `sshd -D` for `alias` on a free port (another one if that port was taken meanwhile).
    private static func startServer(_ alias: String, directory: String, supervisor: ProcessSupervisor, extraConfig: String = "") async throws -> (BackgroundProcess, Int) {
        var lastError = ""
        for _ in 0..<5 {
            guard let free = LoopbackPort.bound(listening: false) else { throw FixtureError("no free port") }
            close(free.fd)
            let config = """
                Port \(free.port)
                ListenAddress 127.0.0.1
                HostKey \(directory)/host_key
                AuthorizedKeysFile \(directory)/authorized_keys
                UsePAM no
                StrictModes no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                KexAlgorithms curve25519-sha256
                SetEnv SHLVL=1
                PidFile \(directory)/\(alias).pid
                \(extraConfig)

                """
            let path = "\(directory)/sshd_config_\(alias)"
            write(Array(config.utf8), to: path)
            let server = try supervisor.start(ProcessSpec(program: .argv(["/usr/sbin/sshd", "-D", "-e", "-f", path]), killGrace: .seconds(1)))
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                if let ended = server.outcomeIfEnded {
                    lastError = String(decoding: ended.stderr, as: UTF8.self)
                    break
                }
                if await TCPProbe.accepts(host: "127.0.0.1", port: free.port) { return (server, free.port) }
                try await Task.sleep(for: .milliseconds(20))
            }
            await stop(server)
        }
        throw FixtureError("sshd for \(alias) did not start: \(lastError)")
    }

    /// Waits until `ssh ALIAS true` logs in.
    private func waitForLogin(_ alias: String) async throws {
        let spec = ProcessSpec(program: .argv(["ssh", "-F", configFile, "-o", "BatchMode=yes", "-T", "-n", alias, "true"]), timeout: .seconds(20))
        let deadline = ContinuousClock.now + .seconds(60)
        var last = ""
        while ContinuousClock.now < deadline {
            let outcome = try await supervisor.run(spec)
            if outcome.status == .exited(0) { return }
            last = String(decoding: outcome.stderr, as: UTF8.self)
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError("cannot log in to \(alias): \(last)")
    }

    /// Stops the server of `alias` and everything it forked: the host is down.
    package func stopServer(_ alias: String) async {
        guard let server = servers.withLock({ $0.removeValue(forKey: alias) }) else { return }
        await Self.stop(server)
    }

    /// Stops every server and what they forked, kills whatever still carries ``token``, and
    /// removes the directory.
    package func stop() async {
        for server in servers.withLock({ s in defer { s = [:] }; return Array(s.values) }) { await Self.stop(server) }
        for pid in LiveProcesses.matching(token) { kill(pid, SIGKILL) }
        _ = await LiveProcesses.noneLeft(matching: token)
        Self.removeTree(directory)
    }

    /// Freezes a server and its descendants (so none forks meanwhile), kills them all by pid,
    /// and waits for the server to be reaped.
    private static func stop(_ server: BackgroundProcess) async {
        guard server.outcomeIfEnded == nil else { return }
        kill(server.pid, SIGSTOP)
        var frozen: Set<Int32> = []
        while true {
            let found = Set(descendants(of: server.pid)).subtracting(frozen)
            if found.isEmpty { break }
            for pid in found { kill(pid, SIGSTOP) }
            frozen.formUnion(found)
        }
        for pid in frozen { kill(pid, SIGKILL) }
        kill(server.pid, SIGKILL)
        _ = await server.stop()
    }

    /// Every live descendant of `root`, read from /proc.
    package static func descendants(of root: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for name in LocalFile.names(inDirectory: "/proc") {
            guard let pid = Int32(name), let stat = try? LocalFile.read("/proc/\(pid)/stat"),
                  let close = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = stat[(close + 2)...].split(separator: UInt8(ascii: " "))
            guard fields.count > 1, fields[0].first != UInt8(ascii: "Z"),
                  let parent = Int32(String(decoding: fields[1], as: UTF8.self)) else { continue }
            parents[pid] = parent
        }
        var result: [Int32] = []
        var frontier = [root]
        while let next = frontier.popLast() {
            let children = parents.filter { $0.value == next }.map(\.key)
            result += children
            frontier += children
        }
        return result
    }

    private static func run(_ argv: [String], _ supervisor: ProcessSupervisor) async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(argv), timeout: .seconds(60)))
        guard outcome.status == .exited(0) else {
            throw FixtureError("\(argv.joined(separator: " ")): \(String(decoding: outcome.stderr, as: UTF8.self))")
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        FileDescriptorWriter.writeAll(fd, bytes[...])
        close(fd)
    }

    private static func removeTree(_ path: String) {
        for name in LocalFile.names(inDirectory: path) { unlink(path + "/" + name) }
        rmdir(path)
    }

    private static func inPath(_ program: String) -> Bool {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    /// Why the fixture could not be set up.
    package struct FixtureError: Error, CustomStringConvertible {
        package var description: String
        init(_ description: String) { self.description = description }
    }
}
