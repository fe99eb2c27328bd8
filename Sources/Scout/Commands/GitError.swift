/// Why a git command could not give its answer. Its description is the task's error message.
enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory is not inside a git repository.
    case notARepository(String)
    /// No `git` on PATH.
    case notInstalled
    /// Git could not be started, or the working directory is missing.
    case cannotRun(String)
    /// Git ran and failed: the subcommand and git's own message.
    case failed(command: String, message: String)

    var description: String {
        switch self {
        case .notARepository(let path): return "not a git repository: \(path)"
        case .notInstalled: return "git is not installed (no git on PATH)"
        case .cannotRun(let message): return message
        case .failed(let command, let message): return "git \(command) failed: \(message)"
        }
    }
}
