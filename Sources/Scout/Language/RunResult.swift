/// What a run of a script produced.
public struct RunResult: Sendable {
    /// The results of the tasks the script ran at its top level (a task block counts once), in
    /// order: the first ``InterpreterConfiguration/keptResults`` of them.
    public var results: [TaskResult]
    /// How every task the script ran at its top level ended (all of them, however many
    /// results were kept).
    public var counts: TaskCounts
    /// Runtime errors that ended the run (an undefined variable in a `let`, a limit).
    public var errors: [Diagnostic]
    /// Why the pipeline stopped early, if it did.
    public var stopReason: String?
    /// The reason a `fail` statement gave, when one ended the run.
    public var failure: String?
    /// How long the run took, in milliseconds.
    public var durationMs: Int

    /// A run's result.
    package init(results: [TaskResult], counts: TaskCounts? = nil, errors: [Diagnostic], stopReason: String?, failure: String? = nil,
                durationMs: Int) {
        self.results = results
        self.counts = counts ?? TaskCounts(results.filter(TaskCounting.counts))
        self.errors = errors
        self.stopReason = stopReason
        self.failure = failure
        self.durationMs = durationMs
    }

    /// True when a task failed, a `fail` statement ran, or the run ended with an error.
    public var failed: Bool { failure != nil || !errors.isEmpty || counts.failed + counts.cancelled > 0 || results.contains(where: \.failed) }
}
