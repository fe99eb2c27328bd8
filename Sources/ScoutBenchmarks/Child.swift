import Glibc
import Scout

/// Runs child processes for the benchmark, blocking (the benchmark does nothing else).
enum Child {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Runs argv to completion, stdout to `stdout` (a path) or inherited, stderr to
    /// /dev/null, with `environment` ("NAME=value" entries) or this process's.
    ///
    /// The peak memory is wait4's `ru_maxrss`, which is only the child's own when this process
    /// is small: posix_spawn shares this process's memory until the child execs, and Linux
    /// then counts this process's resident set as the child's peak. ``measured(_:stdout:)``
    /// runs the child from a fresh small process instead.
    @discardableResult
    static func run(_ argv: [String], stdout: String? = nil, environment: [String]? = nil) -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let start = now()
        let pid = spawn(argv, actions: &actions, environment: environment)
        return wait(pid, since: start)
    }

    /// Runs argv to completion and returns what it wrote to stdout, with its measurement.
    static func capture(_ argv: [String]) -> (output: String, measurement: Measurement) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { fail("cannot make a pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let start = now()
        let pid = spawn(argv, actions: &actions, environment: nil)
        close(fds[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        close(fds[0])
        let measurement = wait(pid, since: start)
        return (String(decoding: bytes, as: UTF8.self), measurement)
    }

    private static func spawn(_ argv: [String], actions: inout posix_spawn_file_actions_t, environment: [String]?) -> pid_t {
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        let cEnv = environment.map { $0.map { strdup($0) } + [nil] }
        defer { for e in cEnv ?? [] { free(e) } }
        let result = cEnv.map { posix_spawnp(&pid, argv[0], &actions, nil, cArgs, $0) } ?? posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
        guard result == 0 else { fail("cannot run \(argv[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    private static func wait(_ pid: pid_t, since start: Double) -> Measurement {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = now() - start
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Measurement(seconds: seconds, peakKiB: Int(usage.ru_maxrss), status: code)
    }

    static func fail(_ message: String) -> Never {
        print("scout-bench: \(message)")
        exit(2)
    }

    /// The full path of a program on PATH. Version-manager shims (pyenv's are shell scripts
    /// that start Python first) are skipped for the program they stand for, so that a peer
    /// is timed, not its launcher.
    static func which(_ name: String) -> String? {
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
        var shimmed = false
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            guard access(candidate, X_OK) == 0 else { continue }
            if dir.hasSuffix("/shims") {
                shimmed = true
                continue
            }
            return candidate
        }
        guard shimmed, let versions = getenv("PYENV_ROOT").map({ String(cString: $0) + "/versions" }) else { return nil }
        for version in LocalFile.names(inDirectory: versions) {
            let candidate = "\(versions)/\(version)/bin/\(name)"
            if !version.hasPrefix("."), access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
