import Glibc

/// The exit statuses of `scout`.
enum ExitStatus {
    /// Every task succeeded (or was skipped).
    static let success: Int32 = 0
    /// A task failed.
    static let taskFailed: Int32 = 1
    /// Usage, syntax or task-list errors: nothing ran.
    static let usage: Int32 = 2
    /// Interrupted by Ctrl-C (SIGINT); SIGTERM gives 143, a closed stdout 141 (128 + the signal).
    static let interrupted: Int32 = 128 + SIGINT

    /// Every status `scout` ends with and what it means: `scout help exit-status` and the
    /// README's table show these lines.
    static let meanings: [(status: Int32, meaning: String)] = [
        (success, "no task failed (skipped tasks and `stop` are not failures)"),
        (taskFailed, "a task failed, `fail` ended the run, or an error did"),
        (usage, "usage, syntax or check errors: nothing ran"),
        (128 + SIGINT, "interrupted by Ctrl-C (SIGINT): running tasks were stopped"),
        (128 + SIGPIPE, "stdout was closed early (`scout ci.scout | head -1`), as for SIGPIPE"),
        (128 + SIGTERM, "stopped by SIGTERM (`timeout`, `kill`, a cancelled CI job)"),
    ]
}
