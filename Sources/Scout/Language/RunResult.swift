/// What a run of a script produced.
public struct RunResult: Sendable {
    /// The results of the tasks the script ran at its top level (a task block counts once), in order.
    public var results: [TaskResult]
    /// Runtime errors that ended the run (an undefined variable in a `let`, a limit).
    public var errors: [Diagnostic]
    /// Why the pipeline stopped early, if it did.
    public var stopReason: String?
    /// How long the run took, in milliseconds.
    public var durationMs: Int

    /// True when a task failed or the run ended with an error.
    public var failed: Bool { !errors.isEmpty || results.contains(where: \.failed) }
}
