#if canImport(Glibc)
import Glibc
#endif

/// Runs `git` for the git commands: an argv with no shell, through the ``ProcessSupervisor``,
/// in the task's directory, with optional locks off (a query never blocks a concurrent
/// `git commit`) and the C locale (git's messages are the ones recognised here).
enum GitProcess {
    /// What a git child printed and how it exited.
    struct Output: Sendable {
        /// Standard output, complete.
        var stdout: [UInt8]
        /// The exit status.
        var exitCode: Int32
    }

    /// Set on top of scout's own environment for every git child.
    static let environment = ["GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"]

    /// Bytes of output kept: more fails the command rather than parse a truncated answer.
    static let captureLimit = 64 << 20

    /// The `cwd` parameter every git command takes.
    static let cwdParameter = ParameterSpec("cwd", .string, summary: "the directory (in the repository) to ask git about; default: the current one")
    /// The auto-JSON flag the executor passes to git commands; their output is always structured.
    static let jsonParameter = ParameterSpec("json", .bool, summary: "structured output (always on; accepted for the auto-JSON flag)")

    /// Runs `git ARGUMENTS` in `cwd` (the current directory when nil). An exit status outside
    /// `allowedExitCodes` throws: "not a git repository: /path" when git says so, else git's message.
    static func run(_ arguments: [String], cwd: String?, allowedExitCodes: Set<Int32> = [0]) async throws -> Output {
        let spec = ProcessSpec(
            program: .argv(["git"] + arguments), workingDirectory: cwd, environmentOverrides: environment,
            captureLimit: captureLimit)
        let outcome: ProcessOutcome
        do {
            outcome = try await ProcessSupervisor.shared.run(spec)
        } catch .commandNotFound {
            throw GitError.notInstalled
        } catch {
            throw GitError.cannotRun(error.description)
        }
        if outcome.cancelled { throw CancellationError() }
        let command = arguments.first ?? "git"
        guard case .exited(let code) = outcome.status else {
            throw GitError.failed(command: command, message: outcome.status.description)
        }
        guard allowedExitCodes.contains(code) else {
            let stderr = String(decoding: outcome.stderr, as: UTF8.self)
            if stderr.lowercased().contains("not a git repository") { throw GitError.notARepository(absolutePath(cwd)) }
            throw GitError.failed(command: command, message: message(stderr) ?? "exit status \(code)")
        }
        if outcome.stdoutDroppedBytes > 0 {
            throw GitError.failed(command: command, message: "its output is larger than \(captureLimit >> 20) MiB")
        }
        return Output(stdout: outcome.stdout, exitCode: code)
    }

    /// Fails with "not a git repository: /path" unless `cwd` is in a repository (`git diff`
    /// outside one would compare its paths as plain files).
    static func requireRepository(cwd: String?) async throws {
        _ = try await run(["rev-parse", "--git-dir"], cwd: cwd)
    }

    /// Git's message: the first non-empty line of stderr, without its `fatal: `, `error: ` or `warning: `.
    static func message(_ stderr: String) -> String? {
        guard let line = stderr.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        var text = Substring(line)
        for prefix in ["fatal: ", "error: ", "warning: "] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        return String(text).trimmingSpaces()
    }

    /// `path` made absolute against the current directory (the current directory itself when nil).
    static func absolutePath(_ path: String?) -> String {
        if let path, path.hasPrefix("/") { return path }
        return WorkingDirectory.resolve(path ?? ".", from: WorkingDirectory.current())
    }

    /// The NUL-terminated fields of `-z` output, as text (bytes that are not UTF-8 replaced).
    static func fields(_ bytes: [UInt8]) -> [String] {
        var out = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if out.last == "" { out.removeLast() }
        return out
    }

    /// `--` and the pathspecs of a `paths` argument: what follows is never taken for a revision.
    static func pathspecs(_ value: Value?) -> [String] {
        ["--"] + (value?.listValue?.compactMap(\.stringValue) ?? [])
    }
}
