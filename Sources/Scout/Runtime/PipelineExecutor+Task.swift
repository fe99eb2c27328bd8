/// One task through the executor's machinery.
extension PipelineExecutor {
    /// Runs one task in `scope` with every rule of the pipeline: early exit (or cancellation),
    /// `variables`, `stop_if` before, `if` / `skip_if`, the circuit breaker, arguments, retries,
    /// timeout, sub-batch, `store_as`, `stop_if` after, events. Never throws: what goes wrong
    /// is in the result.
    package func execute(_ task: BatchTask, index: Int, id: String? = nil, scope: any VariableScope, depth: Int = 0) async -> TaskResult {
        let id = id ?? taskId("task:", index, task)
        let started = clock.now()
        let settings = snapshot
        // Named in `finish`, as every result is.
        var base = TaskResult(status: .skipped, command: task.command)

        // A stopped pipeline, or a cancelled run (an interrupt), starts nothing new.
        if let reason = context.earlyExitReason ?? (Task.isCancelled ? "cancelled" : nil) {
            base.skipReason = "pipeline stopped: \(reason)"
            return await finish(base, task: task, id: id, index: index, scope: scope, started: started, evaluator: nil)
        }
        var evaluator = Evaluator(scope: scope, functions: settings.configuration.functions, capabilities: settings.configuration.capabilities)
        evaluator.adopt(settings.configuration)
        func failed(_ error: EvaluationError, _ field: String) async -> TaskResult {
            var r = base
            r.status = .error
            if let source = task.source, error.span.line > 0 {
                r.error = error.description
                r.diagnostic = Diagnostic(error.kind, at: error.span, in: source)
            } else {
                r.error = describe(error, field: field, task: task)
            }
            return await finish(r, task: task, id: id, index: index, scope: scope, started: started, evaluator: nil)
        }
        // In a dry run, the clauses that read results of tasks that did not run.
        var assumed: [String] = []
        func decide(_ condition: Expression, _ clause: String) throws(EvaluationError) -> Bool {
            guard settings.configuration.dryRunPlan != nil else { return try evaluator.condition(condition) }
            switch try evaluator.decide(condition) {
            case .yes: return true
            case .no: return false
            case .undecided:
                assumed.append("\(clause) \(conditionText(condition, task))")
                return clause == "if"
            }
        }

        if !task.variables.isEmpty {
            let own = TaskVariableScope(over: scope)
            evaluator.scope = own
            for (name, expression) in task.variables {
                do { own.set(name, try evaluator.evaluate(expression)) } catch { return await failed(error, "variables.\(name)") }
            }
        }
        if let stopIf = task.stopIf {
            do {
                if try decide(stopIf, "stop_if") {
                    let reason = "stop_if \(conditionText(stopIf, task)) was true before \(task.label ?? task.command)"
                    context.setEarlyExit(reason)
                    base.skipReason = reason
                    return await finish(base, task: task, id: id, index: index, scope: scope, started: started, evaluator: nil)
                }
            } catch { return await failed(error, "stop_if") }
        }
        if let condition = task.condition {
            do {
                if try !decide(condition, "if") {
                    base.skipReason = "if \(conditionText(condition, task)) is false"
                    return await finish(base, task: task, id: id, index: index, scope: scope, started: started, evaluator: evaluator)
                }
            } catch { return await failed(error, "if") }
        }
        if let skipIf = task.skipIf {
            do {
                if try decide(skipIf, "skip_if") {
                    base.skipReason = "skip_if \(conditionText(skipIf, task)) is true"
                    return await finish(base, task: task, id: id, index: index, scope: scope, started: started, evaluator: evaluator)
                }
            } catch { return await failed(error, "skip_if") }
        }

        let breaker = settings.configuration.circuitBreakers?.breaker(for: task.command) ?? settings.circuitBreaker
        if let breaker, !breaker.allowRequest() {
            return await circuitOpen(breaker, task: task, id: id, index: index, scope: scope, started: started, base: base)
        }

        var positional: [Value] = []
        var named = ValueMap()
        for argument in task.arguments {
            let shell = settings.configuration.isShellArgument(task.command, argument.label, positional.count)
            do {
                let v = try evaluator.argument(argument.value, shell: shell)
                if let label = argument.label { named[label] = v } else { positional.append(v) }
            } catch {
                return await failed(error, argument.label.map { "args.\($0)" } ?? "argument \(positional.count + 1)")
            }
        }
        named = settings.configuration.autoJSON.inject(into: named, command: task.command, extractSteps: task.extractSteps)

        let first = PipelineExecutor.firstArgument(positional, named)
        // `--resume`: a task the journal has as done keeps that result.
        let journal = settings.configuration.journal
        let entryKey = journal.flatMap { self.journalKey(task, index: index, positional: positional, named: named, journal: $0) }
        if let journal, let entryKey, let previous = journal.previous(entryKey) {
            return await finish(previous, task: task, id: id, index: index, scope: scope, started: started, evaluator: evaluator, first: first)
        }
        // `sources` / `generates`: skipped when nothing it depends on changed since it last succeeded.
        let upToDate: UpToDateCheck?
        do {
            upToDate = try upToDateCheck(task, evaluator: evaluator, positional: positional, named: named, first: first, configuration: settings.configuration)
        } catch { return await failed(error, task.sources.isEmpty ? "generates" : "sources") }
        var sourcesAtStart: [(path: String, hash: String)] = []
        if let upToDate {
            let name = PipelineExecutor.shownName(PipelineExecutor.ownName(task, first: first, secrets: settings.configuration.secrets))
            switch upToDate.decide() {
            case .upToDate(let previous, let reason):
                settings.configuration.dryRunPlan?("would skip: \(name): \(reason)")
                let r = PipelineExecutor.upToDateResult(previous, reason: reason, command: task.command)
                return await finish(r, task: task, id: id, index: index, scope: scope, started: started, evaluator: evaluator, first: first)
            case .run(let reason, let sources):
                sourcesAtStart = sources
                settings.configuration.dryRunPlan?("not up to date: \(name): \(reason)")
            }
        }
        // How the task is shown (`run make lint [f=a.c]`): worked out once, for its events.
        // Whether anyone asked for more than this task's failure.
        let reported = settings.reporter != nil && PipelineExecutor.reportsProgress(of: task, settings.configuration.reportedTasks)
        let shown = reported || settings.configuration.failFast ? PipelineExecutor.shownName(PipelineExecutor.ownName(task, first: first, secrets: settings.configuration.secrets)) : nil
        // A task that runs a command holds one of the run's slots (`--jobs`) until its last
        // attempt ends; a task block or a user command waits for its own tasks without one.
        let holdsSlot = task.body == nil
        if holdsSlot {
            guard await limiter.acquire() else {
                base.skipReason = "pipeline stopped: \(context.earlyExitReason ?? "cancelled")"
                return await finish(base, task: task, id: id, index: index, scope: scope, started: started, evaluator: nil, shown: shown, first: first)
            }
            if let reason = context.earlyExitReason {
                limiter.release()
                base.skipReason = "pipeline stopped: \(reason)"
                return await finish(base, task: task, id: id, index: index, scope: scope, started: started, evaluator: nil, shown: shown, first: first)
            }
        }
        let policy = task.retry ?? settings.retryConfig ?? .none
        if reported {
            var runningMetadata = ValueMap(uniqueKeysWithValues: [("command", .string(task.command)), ("index", .int(index)), ("attempt", .int(1))])
            addNames(to: &runningMetadata, task: task, shown: shown, first: first)
            if let parent = PipelineExecutor.parentTaskId { runningMetadata["parent"] = .string(parent) }
            await emit(ProgressEvent(taskId: id, status: .running, message: summary(task, positional, named), metadata: runningMetadata))
        }
        let enclosingName = PipelineExecutor.enclosingName
        // Only a task that runs a command reaches a runner; a body passes its own on.
        let runnerSpec = holdsSlot ? task.runner ?? PipelineExecutor.enclosingRunner ?? settings.configuration.runner : .local
        let runner = runners.runner(for: runnerSpec)
        var attempt = 1
        var result: TaskResult
        while true {
            let resolved = ResolvedTask(task: task, id: id, index: index, positional: positional, args: named, attempt: attempt,
                                        timeout: task.timeout ?? (task.body == nil ? settings.configuration.defaultTimeout : nil), depth: depth,
                                        output: settings.configuration.output, scope: scope, captureLimit: settings.configuration.maxCapturedOutput,
                                        environment: settings.configuration.environment, workingDirectory: settings.configuration.workingDirectory, secrets: settings.configuration.secrets,
                                        enclosingName: enclosingName, runner: runner, runnerSpec: runnerSpec)
            if assumed.isEmpty {
                result = await attemptOnce(resolved)
            } else {
                result = await PipelineExecutor.$assumptions.withValue(PipelineExecutor.assumptions + assumed) { await attemptOnce(resolved) }
            }
            if let breaker {
                if result.status == .success { breaker.recordSuccess() } else if result.status == .failure { breaker.recordFailure() }
            }
            guard RetryConfig.isRetryable(result), attempt <= policy.maxRetries, !Task.isCancelled else { break }
            if let breaker, !breaker.allowRequest() {
                if holdsSlot { limiter.release() }
                result.attempts = attempt
                return await circuitOpen(breaker, task: task, id: id, index: index, scope: scope, started: started, base: result)
            }
            let delay = policy.delay(forRetry: attempt - 1, jitter: settings.configuration.jitter())
            await emit(ProgressEvent(
                taskId: id, status: .retry,
                message: "\(task.label ?? task.command) failed (attempt \(attempt) of \(policy.maxRetries + 1)), retrying in \(formatSeconds(delay.seconds))",
                metadata: ValueMap([("attempt", .int(attempt)), ("next_attempt", .int(attempt + 1)), ("delay_ms", .int(Int((delay.seconds * 1000).rounded()))),
                                    ("error", result.error.map(Value.string) ?? .null)])))
            do { try await clock.sleep(for: delay) } catch { break }
            attempt += 1
        }
        if holdsSlot { limiter.release() }
        result.attempts = attempt
        result.command = task.command
        result.name = task.label

        if task.extractSteps, result.status == .success {
            result = await runSubBatch(from: result, task: task, id: id, scope: scope, depth: depth)
        }
        if let upToDate, result.status == .success, !result.notRun, settings.configuration.dryRunPlan == nil {
            var kept = result
            kept.durationMs = max(result.durationMs, Int(((clock.now() - started) * 1000).rounded()))
            upToDate.record(kept, sources: sourcesAtStart, secrets: settings.configuration.secrets)
        }
        if let journal, let entryKey {
            self.journal(result, key: entryKey, task: task, first: first, started: started, journal: journal, secrets: settings.configuration.secrets)
        }
        return await finish(result, task: task, id: id, index: index, scope: scope, started: started, evaluator: evaluator, shown: shown, first: first)
    }

    /// Adds a task's names to its event's metadata: `name` (its block or `store as` name),
    /// `label` (how it is shown: `run make lint`, `compile [f=a.c]`) and `iteration` (`f=a.c`).
    /// `shown` when it was worked out already, else from the task's first argument (`first`).
    func addNames(to metadata: inout ValueMap, task: BatchTask, shown: String?, first: Value? = nil) {
        if let name = task.label { metadata["name"] = .string(name) }
        metadata["label"] = .string(shown ?? PipelineExecutor.shownName(PipelineExecutor.ownName(task, first: first, secrets: snapshot.configuration.secrets)))
        if let iteration = PipelineExecutor.iteration { metadata["iteration"] = .string(iteration) }
    }

    /// One attempt, with the task's timeout: when it runs out, the attempt is cancelled (which
    /// ends its processes) and the result is a failure marked `timed_out`.
    func attemptOnce(_ resolved: ResolvedTask) async -> TaskResult {
        guard let timeout = resolved.timeout else { return await invoke(resolved) }
        let clock = self.clock
        return await withTaskGroup(of: TaskResult?.self) { group in
            group.addTask { await self.invoke(resolved) }
            group.addTask {
                try? await clock.sleep(for: timeout)
                return nil
            }
            let first = await group.next()!
            if let finished = first {
                group.cancelAll()
                return finished
            }
            let cancelledFromOutside = Task.isCancelled
            group.cancelAll()
            var late: TaskResult = .failure("cancelled")
            while let next = await group.next() {
                if let r = next { late = r }
            }
            if cancelledFromOutside { return late }
            late.status = .failure
            late.timedOut = true
            late.error = "timed out after \(Value.formatDuration(timeout))"
            return late
        }
    }

    func invoke(_ resolved: ResolvedTask) async -> TaskResult {
        if let body = resolved.task.body {
            let name = resolved.task.label ?? resolved.enclosingName ?? resolved.ownName
            guard let runner = resolved.task.runner else {
                return await PipelineExecutor.$enclosingName.withValue(name) { await body(resolved) }
            }
            return await PipelineExecutor.$enclosingName.withValue(name) {
                await PipelineExecutor.$enclosingRunner.withValue(runner) { await body(resolved) }
            }
        }
        do {
            return try await taskRunner(resolved, resolved.index)
        } catch is CancellationError {
            return .failure("cancelled")
        } catch {
            return .failure(String(describing: error))
        }
    }

    func circuitOpen(_ breaker: CircuitBreaker, task: BatchTask, id: String, index: Int, scope: any VariableScope, started: Double, base: TaskResult) async -> TaskResult {
        let report = breaker.report()
        let wait = report.untilHalfOpen.map { ", retry allowed in \(formatSeconds($0.seconds))" } ?? ""
        let message = "circuit breaker is open after \(report.consecutiveFailures) consecutive failures\(wait)"
        await emit(ProgressEvent(taskId: id, status: .circuitOpen, message: "\(task.label ?? task.command) not started: \(message)",
                                 metadata: report.toValue().mapValue ?? ValueMap()))
        context.setEarlyExit("circuit breaker open (\(task.command))")
        var r = base
        r.status = .error
        r.error = message
        // CIRCUIT_OPEN is the task's event, as in the seed: no FAILURE follows it.
        return await finish(r, task: task, id: id, index: index, scope: scope, started: started, evaluator: nil, report: false)
    }

    /// Stores, records and (unless `report` is false) reports a result, then checks `stop_if`
    /// again and fail-fast.
    func finish(_ result: TaskResult, task: BatchTask, id: String, index: Int, scope: any VariableScope, started: Double,
                evaluator: Evaluator?, report: Bool = true, shown: String? = nil, first: Value? = nil) async -> TaskResult {
        let settings = snapshot
        var r = result
        r.command = task.command
        r.name = task.label
        r.durationMs = max(r.durationMs, Int(((clock.now() - started) * 1000).rounded()))
        // Ended because a task beside it failed under fail-fast: cancelled, not a failure of its own.
        if r.failed, Task.isCancelled, context.isHalted {
            r.cancelled = true
            r.error = "cancelled: \(context.earlyExitReason ?? "fail-fast")"
        }
        // The result as a value only for a name that keeps it.
        if task.name != nil || task.storeAs != nil {
            let value = r.toValue()
            if let name = task.name { scope.assign(name, value) }
            if let storeAs = task.storeAs { store(value, as: storeAs, in: scope) }
        }
        context.recordResult(r, id: id)
        let label = task.label ?? task.command

        let unasked = !r.failed && !PipelineExecutor.reportsProgress(of: task, settings.configuration.reportedTasks)
        if report, settings.reporter != nil, !unasked {
            var metadata = ValueMap(uniqueKeysWithValues: [("command", .string(task.command)), ("index", .int(index)), ("duration_ms", .int(r.durationMs)), ("attempts", .int(r.attempts))])
            addNames(to: &metadata, task: task, shown: shown, first: first)
            if r.cancelled { metadata["cancelled"] = .bool(true) }
            if let parent = PipelineExecutor.parentTaskId { metadata["parent"] = .string(parent) }
            if let code = r.exitCode { metadata["exit_code"] = .int(code) }
            if let error = r.error { metadata["error"] = .string(error) }
            if let d = r.diagnostic { metadata["location"] = .string("\(d.source?.name ?? "<input>"):\(d.span.line):\(d.span.column)") }
            if r.timedOut { metadata["timed_out"] = .bool(true) }
            switch r.status {
            case _ where r.resumed:
                metadata["reason"] = .string(r.ok ? "succeeded in the journal" : "failed in the journal")
                metadata["resumed"] = .bool(true)
                metadata["resumed_status"] = .string(r.status.rawValue)
                await emit(ProgressEvent(taskId: id, status: .skipped, message: "\(label) not run again: it \(r.ok ? "succeeded" : "failed") in the journal", metadata: metadata))
            case .success where r.notRun:
                metadata["reason"] = .string("dry run")
                metadata["dry_run"] = .bool(true)
                await emit(ProgressEvent(taskId: id, status: .skipped, message: "\(label) not run: dry run", metadata: metadata))
            case .success:
                await emit(ProgressEvent(taskId: id, status: .success, message: "\(label) succeeded in \(formatSeconds(Double(r.durationMs) / 1000))", metadata: metadata))
            case .failure, .error:
                await emit(ProgressEvent(taskId: id, status: .failure, message: "\(label) failed: \(r.error ?? r.status.rawValue)", metadata: metadata))
            case .skipped:
                if let reason = r.skipReason { metadata["reason"] = .string(reason) }
                await emit(ProgressEvent(taskId: id, status: .skipped, message: "\(label) skipped: \(r.skipReason ?? "condition")", metadata: metadata))
            }
        }
        settings.configuration.output.finish(taskId: id)

        if let stopIf = task.stopIf, let evaluator, r.status != .skipped {
            let stops = settings.configuration.dryRunPlan == nil ? (try? evaluator.condition(stopIf)) == true : (try? evaluator.decide(stopIf)) == .yes
            if stops {
                context.setEarlyExit("stop_if \(conditionText(stopIf, task)) was true after \(label)")
            }
        }
        if r.failed, !r.cancelled, settings.configuration.failFast {
            context.halt("\(shown ?? PipelineExecutor.shownName(PipelineExecutor.ownName(task, first: first, secrets: settings.configuration.secrets))) failed (fail-fast)")
        }
        return r
    }

    func store(_ value: Value, as name: String, in scope: any VariableScope) {
        if scope === context, let path = ValuePath(parsing: name), path.segments.count > 1 {
            try? context.setVar(path, value)
        } else {
            scope.assign(name, value)
        }
    }

    // MARK: - Sub-batches

    func runSubBatch(from parent: TaskResult, task: BatchTask, id: String, scope: any VariableScope, depth: Int) async -> TaskResult {
        var r = parent
        let limit = snapshot.configuration.maxSubBatchDepth
        guard depth < limit else {
            r.status = .error
            r.error = "sub-batch depth limit (\(limit)) reached: a sub-batch step extracts steps again"
            return r
        }
        let steps: [StepExtractor.Step]
        do { steps = try StepExtractor.steps(from: parent.output) } catch {
            r.status = .error
            r.error = "cannot read the steps: \(error)"
            return r
        }
        let tasks = steps.map { step -> BatchTask in
            switch step {
            case .task(let t): return t
            case .done(let text):
                var t = BatchTask(command: "step")
                t.body = { _ in .skipped("already done: \(text)") }
                return t
            case .invalid(let text, let reason):
                var t = BatchTask(command: "step")
                t.body = { _ in .error("\(reason): \(text)") }
                return t
            }
        }
        let results = await runList(tasks, mode: task.subbatchMode ?? .sequential, scope: scope, depth: depth + 1, idPrefix: id + "/")
        let failures = results.filter(\.failed).count
        let successes = results.filter(\.ok).count
        r.subBatch = .map(ValueMap([
            ("sub_batch_results", .list(results.map { $0.toValue() })),
            ("summary", .map(ValueMap([("total", .int(results.count)), ("successes", .int(successes)), ("failures", .int(failures))]))),
        ]))
        if failures > 0 {
            r.status = .failure
            r.error = "\(failures) of \(results.count) sub-batch step\(results.count == 1 ? "" : "s") failed"
        }
        return r
    }

    /// Whether `task` sends events beyond its failure, at the level asked for.
    static func reportsProgress(of task: BatchTask, _ level: ExecutorConfiguration.ReportedTasks) -> Bool {
        switch level {
        case .all: return true
        case .counted: return TaskCounting.counts(command: task.command, name: task.label, failed: false)
        case .failures: return task.body != nil
        }
    }

    // MARK: - Words

    func describe(_ error: EvaluationError, field: String, task: BatchTask) -> String {
        var text = error.kind.message
        if let help = error.kind.help { text += " (\(help))" }
        var place = "in \(field) of \(task.label ?? task.command)"
        if let source = task.source, error.span.line > 0 { place = "at \(source.name):\(error.span.line):\(error.span.column) " + place }
        return "\(text) \(place)"
    }

    func conditionText(_ e: Expression, _ task: BatchTask) -> String {
        if let source = task.source, e.span.length > 0 { return source.text(of: e.span) }
        return ExpressionPrinter.source(e)
    }

    func summary(_ task: BatchTask, _ positional: [Value], _ named: ValueMap) -> String {
        var parts = [task.label ?? task.command]
        if task.label != nil, task.body == nil { parts.append(task.command) }
        for v in positional { parts.append(v.description) }
        let flags = named.isEmpty ? [] : Array(snapshot.configuration.autoJSON.flags.values)
        for (k, v) in named where !(flags.contains(k) && v == .bool(true)) {
            parts.append("\(k): \(v.jsonText())")
        }
        let line = parts.joined(separator: " ")
        // Counting characters is slow: a line of at most 120 bytes has at most 120 of them.
        return line.utf8.count > 120 && line.count > 120 ? String(line.prefix(117)) + "..." : line
    }
}

/// `1.5s`, `250ms`.
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
    let tenths = (seconds * 10).rounded() / 10
    return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
}
