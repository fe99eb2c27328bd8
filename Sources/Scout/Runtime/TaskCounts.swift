/// How a run's tasks ended, as a run's summary and its `batch:complete` event count them: a
/// task that did not run in a dry run as skipped, and a task ended by fail-fast as cancelled
/// rather than failed. (A script's run counts only the tasks ``TaskCounting`` counts.)
public struct TaskCounts: Sendable, Equatable {
    /// Tasks that succeeded.
    public var succeeded = 0
    /// Tasks that failed or could not run (not counting the cancelled ones).
    public var failed = 0
    /// Tasks that were skipped.
    public var skipped = 0
    /// Tasks that did not run because the run was a dry run.
    public var notRun = 0
    /// Tasks ended because another task failed under fail-fast.
    public var cancelled = 0
    /// Every counted task.
    public var total = 0

    /// No tasks.
    public init() {}

    /// The counts of `results`.
    public init(_ results: [TaskResult]) {
        for r in results { add(r) }
    }

    /// Counts one more result.
    package mutating func add(_ r: TaskResult) {
        total += 1
        if r.cancelled {
            cancelled += 1
        } else if r.failed {
            failed += 1
        } else if r.skipped {
            skipped += 1
        } else if r.notRun {
            notRun += 1
        } else if r.ok {
            succeeded += 1
        }
    }

    /// Adds the counts of other results.
    package mutating func add(_ other: TaskCounts) {
        succeeded += other.succeeded
        failed += other.failed
        skipped += other.skipped
        notRun += other.notRun
        cancelled += other.cancelled
        total += other.total
    }
}
