/// Why a runner could not run a task at all: its process could not be started, or the
/// engine refused it (every SSH host unreachable, a Slurm job rejected).
package enum RunnerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The local process (the command itself, `ssh` or `srun`) could not be started.
    case process(ProcessError)
    /// The engine refused or failed the task; the message says why, for a person.
    case engine(String)

    package var description: String {
        switch self {
        case .process(let error): return error.description
        case .engine(let message): return message
        }
    }
}
