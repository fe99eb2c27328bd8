/// The exit statuses of `scout`.
enum ExitStatus {
    /// Every task succeeded (or was skipped).
    static let success: Int32 = 0
    /// A task failed.
    static let taskFailed: Int32 = 1
    /// Usage, syntax or task-list errors: nothing ran.
    static let usage: Int32 = 2
    /// Interrupted (Ctrl-C, SIGTERM).
    static let interrupted: Int32 = 130
}
