/// Where a task's process runs: here (``LocalRunner``), on a pool of SSH hosts
/// (``SSHRunner``) or on a Slurm cluster (``SlurmRunner``). `run` (the command) hands its
/// ``ProcessSpec`` to the runner its task was given; in-process commands and `print` never
/// reach one.
///
/// A runner keeps the guarantees of a local process: the outcome's status is the command's
/// own (a failure of the engine itself is a thrown ``RunnerError`` or, once retries are
/// spent, a failed outcome that says so), stdout and stderr stay apart and stream through
/// `onOutput`, `spec.timeout` and the cancellation of the awaiting task end the command
/// wherever it runs, and nothing is left running afterwards.
package protocol ProcessRunner: Sendable {
    /// Runs `spec` to completion. `label` names the task (a Slurm job's name).
    func run(_ spec: ProcessSpec, label: String, onOutput: ProcessOutputHandler?) async throws(RunnerError) -> ProcessOutcome

    /// Ends what the runner keeps between tasks (SSH control connections, Slurm jobs
    /// still queued): called once when a run ends, and safe to call again.
    func shutdown() async
}
