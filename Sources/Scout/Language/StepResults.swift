/// The results of the tasks some statements ran, in the form the statements around them
/// need: counted and summed as they come, with the few results a block's own result is made
/// of, and the results themselves kept in order only up to a limit. A loop of a million
/// tasks therefore holds no million results.
struct StepResults: Sendable {
    /// The results kept, in order: the first ``limit``.
    private(set) var kept: [TaskResult] = []
    /// How many results are kept.
    private(set) var limit: Int
    /// How many results there were.
    private(set) var count = 0
    /// The first result (while it is the only one, a block's result takes its fields).
    private(set) var first: TaskResult?
    /// The first result that failed.
    private(set) var firstFailure: TaskResult?
    /// The last result of a task that was not skipped.
    private(set) var lastRan: TaskResult?
    /// The skip reason of the last result.
    private(set) var lastSkipReason: String?
    /// The sum of the results' durations.
    private(set) var durationMs = 0
    /// Some task did not run (a dry run).
    private(set) var anyNotRun = false
    /// Every result was a skip.
    private(set) var allSkipped = true
    /// The counts of the results a run's summary is about (``TaskCounting``).
    private(set) var counts = TaskCounts()

    /// No results yet; at most `limit` will be kept.
    init(limit: Int) {
        self.limit = limit
    }

    /// The results of units that ran apart (``UnitResults``): the counts and sums of
    /// `totals`, with the results that depend on order given.
    init(limit: Int, kept: [TaskResult], totals: StepResults, first: TaskResult?, firstFailure: TaskResult?,
         lastRan: TaskResult?, lastSkipReason: String?) {
        self = totals
        self.limit = limit
        self.kept = kept
        self.first = first
        self.firstFailure = firstFailure
        self.lastRan = lastRan
        self.lastSkipReason = lastSkipReason
    }

    /// True when a result failed.
    var anyFailed: Bool { firstFailure != nil }

    /// Adds the next result.
    mutating func append(_ r: TaskResult) {
        count += 1
        if kept.count < limit { kept.append(r) }
        if first == nil { first = r }
        if firstFailure == nil, r.failed { firstFailure = r }
        if !r.skipped { lastRan = r }
        lastSkipReason = r.skipReason
        durationMs = durationMs.addingReportingOverflow(r.durationMs).partialValue
        if r.notRun { anyNotRun = true }
        if !r.skipped { allSkipped = false }
        if TaskCounting.counts(r) { counts.add(r) }
    }

    /// Adds the results of the statements that followed.
    mutating func append(contentsOf other: StepResults) {
        guard other.count > 0 else { return }
        if count == 0, other.count == 1, let only = other.first {
            append(only)
            return
        }
        for r in other.kept where kept.count < limit { kept.append(r) }
        if first == nil { first = other.first }
        if firstFailure == nil { firstFailure = other.firstFailure }
        if let ran = other.lastRan { lastRan = ran }
        lastSkipReason = other.lastSkipReason
        count += other.count
        durationMs = durationMs.addingReportingOverflow(other.durationMs).partialValue
        anyNotRun = anyNotRun || other.anyNotRun
        allSkipped = allSkipped && other.allSkipped
        counts.add(other.counts)
    }

    /// One result standing for these: failed when one failed, else the last that ran (the
    /// only one, when there is one).
    func aggregate(command: String, name: String?) -> TaskResult {
        if count == 1, let first { return first }
        var r = TaskResult(status: .success, command: command, name: name)
        if let failed = firstFailure {
            r.status = .failure
            r.error = "\(failed.name ?? failed.command) failed: \(failed.error ?? failed.status.rawValue)"
        }
        if let last = lastRan {
            r.output = last.output
            r.exitCode = last.exitCode
            r.stdout = last.stdout
            r.stderr = last.stderr
        } else if count > 0, allSkipped {
            r.status = .skipped
            r.skipReason = lastSkipReason
        }
        r.durationMs = durationMs
        if anyNotRun { r.notRun = true }
        return r
    }

    /// A block's result: with no steps run it succeeded; a single step's result keeps only
    /// its output fields, so the block's status is its own.
    func blockResult(command: String, name: String?) -> TaskResult {
        var r: TaskResult
        if count == 0 {
            r = TaskResult(status: .success)
        } else if count == 1, let step = first {
            r = TaskResult(status: step.status == .error ? .failure : step.status, output: step.output, error: step.error,
                           exitCode: step.exitCode, stdout: step.stdout, stderr: step.stderr)
            r.skipReason = step.skipReason
            if step.failed { r.error = "\(step.name ?? step.command) failed: \(step.error ?? "")" }
        } else {
            r = aggregate(command: command, name: name)
        }
        if r.status == .error { r.status = .failure }
        if anyNotRun { r.notRun = true }
        return r
    }
}
