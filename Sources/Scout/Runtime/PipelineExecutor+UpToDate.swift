/// Up-to-date checks: a task with `sources` or `generates` that succeeded before with the
/// same command, arguments and source contents, and whose outputs all exist, is skipped.
extension PipelineExecutor {
    /// The check of `task`, or nil when it declares neither clause or the run keeps no records.
    func upToDateCheck(_ task: BatchTask, evaluator: Evaluator, positional: [Value], named: ValueMap, first: Value?,
                       configuration: ExecutorConfiguration) throws(EvaluationError) -> UpToDateCheck? {
        guard !task.sources.isEmpty || !task.generates.isEmpty, let store = configuration.upToDate else { return nil }
        func patterns(_ expressions: [Expression], _ clause: String) throws(EvaluationError) -> [String] {
            var out: [String] = []
            for e in expressions {
                let v = try evaluator.evaluate(e)
                let items: [Value]
                if case .list(let list) = v { items = list } else { items = [v] }
                for item in items {
                    guard case .string(let s) = item, !s.isEmpty else {
                        throw EvaluationError.runtime("\(clause) needs paths or globs as strings, not \(item.jsonText())", e.span)
                    }
                    out.append(s)
                }
            }
            return out
        }
        let sources = try patterns(task.sources, "sources")
        let generates = try patterns(task.generates, "generates")
        var arguments = ContentHash()
        arguments.add(task.command)
        for v in positional { arguments.add(v.jsonText()) }
        for (k, v) in named {
            arguments.add(k)
            arguments.add(v.jsonText())
        }
        arguments.add(generates.count)
        for g in generates { arguments.add(g) }
        // The script by its file name: the same wherever it is called from.
        var key = task.source.map { String($0.name.split(separator: "/").last ?? "") } ?? ""
        key += "\n"
        key += PipelineExecutor.ownName(task, first: first, secrets: configuration.secrets)
        key += "\n"
        key += PipelineExecutor.iteration ?? ""
        return UpToDateCheck(store: store, key: key, arguments: arguments.hex, sources: sources, generates: generates,
                             workingDirectory: configuration.workingDirectory)
    }

    /// The result of a task skipped as up to date: the last run's exit code and output, with
    /// status `skipped` and `up_to_date` true.
    static func upToDateResult(_ previous: UpToDateRecord, reason: String, command: String) -> TaskResult {
        var r = TaskResult(status: .skipped, output: previous.output, exitCode: previous.exitCode, stdout: previous.stdout,
                           stderr: previous.stderr, command: command)
        r.skipReason = reason
        r.upToDate = true
        return r
    }
}
