/// The run's journal: the key of a task, and its entry when it finishes.
extension PipelineExecutor {
    /// The journal key of a task (see ``TaskJournal``), or nil when the task is not journalled:
    /// the bookkeeping that run counts leave out (an unnamed `print` or `sleep`) runs again.
    func journalKey(_ task: BatchTask, index: Int, positional: [Value], named: ValueMap, journal: TaskJournal) -> String? {
        guard task.body != nil || TaskCounting.counts(command: task.command, name: task.label, failed: false) else { return nil }
        var hash = ContentHash()
        hash.add(task.command)
        hash.add(positional.count)
        for v in positional { hash.add(v.jsonText()) }
        for (k, v) in named {
            hash.add(k)
            hash.add(v.jsonText())
        }
        var base: String
        if let span = task.span {
            base = task.source.map { String($0.name.split(separator: "/").last ?? "") } ?? ""
            base += ":" + String(span.line) + ":" + String(span.column)
        } else {
            base = "#" + String(index)
        }
        base += "|"
        base += PipelineExecutor.iteration ?? ""
        base += "|"
        base += hash.hex
        return journal.key(base)
    }

    /// Writes a finished task to the journal: not a task cancelled by an interrupt or by
    /// fail-fast (it did not finish), nor one that did not run (a dry run).
    func journal(_ result: TaskResult, key: String, task: BatchTask, first: Value?, started: Double, journal: TaskJournal, secrets: SecretMask) {
        guard result.status != .skipped, !result.notRun, !result.resumed, !Task.isCancelled, !context.isHalted || !result.failed else { return }
        var r = result
        r.durationMs = max(result.durationMs, Int(((clock.now() - started) * 1000).rounded()))
        r.name = task.label
        let label = PipelineExecutor.shownName(PipelineExecutor.ownName(task, first: first, secrets: secrets))
        journal.record(JournalEntry(key: key, label: label, result: r, secrets: secrets))
    }
}
