import Glibc
import Scout

/// Runs child processes for the benchmark, blocking (the benchmark does nothing else).
enum Child {
    /// Runs argv to completion, stdout to `stdout` (a path) or inherited; returns its rusage.
    @discardableResult
    static func run(_ argv: [String], stdout: String? = nil) -> rusage {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        let result = posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
        guard result == 0 else {
            print("scout-bench: cannot run \(argv[0]): \(String(cString: strerror(result)))")
            exit(2)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return usage
    }

    /// The peak resident memory of a run, in KiB.
    static func peakMemoryKiB(_ argv: [String], stdout: String? = nil) -> Int {
        Int(run(argv, stdout: stdout).ru_maxrss)
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
