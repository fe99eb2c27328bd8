#if canImport(Glibc)
import Glibc
#endif

/// Why a child process could not be started. A non-zero exit is not an error: it is
/// reported in `ProcessOutcome.status`.
package enum ProcessError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `argv[0]` has no slash and was not found in the child's `PATH`.
    case commandNotFound(String)
    /// The working directory does not exist or is not a directory.
    case workingDirectoryNotFound(String)
    /// `posix_spawn` (or a step before it) failed with this errno.
    case spawnFailed(program: String, errno: Int32)
    /// `.argv([])`: there is nothing to run.
    case emptyArgv

    /// A one-line message for a person, like a shell's.
    package var description: String {
        switch self {
        case .commandNotFound(let name):
            return "command not found: \(name)"
        case .workingDirectoryNotFound(let path):
            return "working directory not found: \(path)"
        case .spawnFailed(let program, let code):
            return "cannot run \(program): \(String(cString: strerror(code)))"
        case .emptyArgv:
            return "empty command: no program to run"
        }
    }
}
