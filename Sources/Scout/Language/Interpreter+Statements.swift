/// Walking statements.
extension Interpreter {
    /// Runs statements in order until the pipeline stops; returns the results of the tasks
    /// they ran (a task block's own result, not its steps').
    /// Services started by these statements are stopped when they are done, however they end.
    func execute(_ statements: [Statement], in frame: Frame) async -> StepResults {
        // A body of one statement (most loop bodies): its results are the block's.
        if statements.count == 1, !Interpreter.startsService(statements[0]) {
            if context.checkEarlyExit() || Task.isCancelled || outOfTime(frame.source) { return StepResults(limit: keptResults) }
            return await execute(statements[0], in: frame)
        }
        var results = StepResults(limit: keptResults)
        var services: ServiceGroup?
        for statement in statements {
            if context.checkEarlyExit() || Task.isCancelled || outOfTime(frame.source) { break }
            if Interpreter.startsService(statement) {
                let group = services ?? ServiceGroup()
                services = group
                let started = await ServiceGroup.$current.withValue(group) { await execute(statement, in: frame) }
                results.append(contentsOf: started)
                // What follows a service needs it: a service that did not start ends its block.
                if started.anyFailed { break }
            } else {
                results.append(contentsOf: await execute(statement, in: frame))
            }
        }
        await services?.stopAll()
        return results
    }

    /// True for a `service` task line: its service lives until the end of its block.
    static func startsService(_ statement: Statement) -> Bool {
        if case .task(let line) = statement.kind { return line.command.text == "service" }
        return false
    }

    func execute(_ statement: Statement, in frame: Frame) async -> StepResults {
        var none: StepResults { StepResults(limit: keptResults) }
        func one(_ r: TaskResult?) -> StepResults {
            var results = none
            if let r { results.append(r) }
            return results
        }
        switch statement.kind {
        case .let(let name, let value):
            do { frame.scope.assign(name.text, try evaluator(frame.scope).evaluate(value)) } catch { fail(error, in: frame.source) }
            return none
        case .task(let line):
            return one(await runTaskLine(line, statement.span, in: frame))
        case .taskBlock(let block):
            return one(await runTaskBlock(block, statement.span, in: frame))
        case .parallel(let max, let body):
            guard let limit = concurrencyLimit(max, in: frame) else { return none }
            return await runParallel(body, limit: limit, in: frame)
        case .sequential(let body):
            return await execute(body, in: frame)
        case .for(let loop):
            return await runFor(loop, in: frame)
        case .if(let condition, let then, let otherwise):
            switch decide(condition, in: frame) {
            case .yes?: return await execute(then, in: frame)
            case .no?:
                guard let otherwise else { return none }
                return await execute(otherwise, in: frame)
            case .undecided?:
                // A dry run cannot know: both plans, each marked with its condition.
                let text = frame.source.text(of: condition.span)
                var results = await assuming("if \(text)") { await self.execute(then, in: frame) }
                if let otherwise { results.append(contentsOf: await assuming("unless \(text)") { await self.execute(otherwise, in: frame) }) }
                return results
            case nil: return none
            }
        case .stop(let reason, let condition), .fail(let reason, let condition):
            let failing: Bool
            if case .fail = statement.kind { failing = true } else { failing = false }
            let decision = condition.map { decide($0, in: frame) } ?? .yes
            guard let decision, decision != .no else { return none }
            do {
                var text = "\(failing ? "fail" : "stop") at \(frame.source.name):\(statement.span.line)"
                if let reason { text = try evaluator(frame.scope).evaluate(reason).description }
                if planned(failing ? "fail" : "stop", text, undecided: decision == .undecided ? condition : nil, in: frame) { return none }
                if failing { state.withLock { s in if s.failure == nil { s.failure = text } } }
                context.setEarlyExit(text)
            } catch {
                fail(error, in: frame.source)
            }
            return none
        case .param(let parameter):
            bind(parameter, in: frame)
            return none
        case .command(let definition):
            state.withLock { $0.userCommands[definition.name.text] = UserCommand(definition: definition, source: frame.source) }
            return none
        case .use(let name, let arguments):
            applyPolicy(name, arguments, in: frame)
            return none
        case .import(let path, let namespace):
            importModule(path, as: namespace, in: frame)
            return none
        case .expression(let e):
            do {
                let value = try evaluator(frame.scope).evaluate(e)
                configuration.onValue?(value, statement)
            } catch {
                fail(error, in: frame.source)
            }
            return none
        }
    }

    /// Decides a condition: in a dry run, undecided when it reads the result of a task that did
    /// not run. Nil (and an error) when it cannot be evaluated.
    func decide(_ condition: Expression, in frame: Frame) -> Decision? {
        let e = evaluator(frame.scope)
        do {
            if executor.snapshot.configuration.dryRunPlan != nil { return try e.decide(condition) }
            return try e.condition(condition) ? .yes : .no
        } catch {
            fail(error, in: frame.source)
            return nil
        }
    }

    /// Runs `body` under one more undecided condition of a dry run.
    func assuming<T: Sendable>(_ condition: String, _ body: () async -> T) async -> T {
        await PipelineExecutor.$assumptions.withValue(PipelineExecutor.assumptions + [condition], operation: body)
    }

    /// In a dry run, a statement that ends the run (`stop`) under an undecided condition
    /// (its own, `undecided`, or an enclosing one) is only shown: `would stop (if x.failed):
    /// reason`. True when it was shown, so the run goes on.
    func planned(_ verb: String, _ reason: String, undecided: Expression?, in frame: Frame) -> Bool {
        guard let plan = executor.snapshot.configuration.dryRunPlan else { return false }
        var conditions = PipelineExecutor.assumptions
        if let undecided { conditions.append("if " + frame.source.text(of: undecided.span)) }
        guard !conditions.isEmpty else { return false }
        plan("would \(verb) (\(conditions.joined(separator: ", "))): \(reason)")
        return true
    }

    /// `parallel(max: N)`: N as an int of at least 1, or the executor's limit.
    func concurrencyLimit(_ max: Expression?, in frame: Frame) -> Int? {
        guard let max else { return executor.maxConcurrency }
        do {
            let v = try evaluator(frame.scope).evaluate(max)
            guard let n = v.intValue, n >= 1 else {
                fail(.runtime("max must be an int of at least 1, not \(v.jsonText())"), at: max.span, in: frame.source)
                return nil
            }
            // A dry run shows the plan in order: what it runs does nothing anyway.
            return executor.snapshot.configuration.dryRunPlan != nil ? 1 : n
        } catch {
            fail(error, in: frame.source)
            return nil
        }
    }

    // MARK: - Parallel

    /// The children of a `parallel` block run concurrently (each a unit, with `needs` between
    /// them); results keep source order.
    func runParallel(_ body: [Statement], limit: Int, in frame: Frame) async -> StepResults {
        let collected = UnitResults(limit: keptResults)
        let labels = body.map(Interpreter.label)
        let needs = body.map { Interpreter.clauses($0)?.needs.map(\.text) ?? [] }
        let services = body.contains(where: Interpreter.startsService) ? ServiceGroup() : nil
        do {
            _ = try await executor.runConcurrently(
                count: body.count, limit: limit, labels: labels, needs: needs, keepingResults: false,
                work: { k in
                    let results = Interpreter.startsService(body[k])
                        ? await ServiceGroup.$current.withValue(services) { await self.execute(body[k], in: frame) }
                        : await self.execute(body[k], in: frame)
                    collected.add(results, unit: k)
                    return results.aggregate(command: "parallel", name: labels[k])
                },
                notRun: { k, reason in
                    let results = await self.notRun(body[k], reason: reason, in: frame)
                    collected.add(results, unit: k)
                    return results.aggregate(command: "parallel", name: labels[k])
                })
        } catch {
            fail(.runtime(PipelineExecutor.describe(error)), at: body.first?.span ?? .none, in: frame.source)
            return StepResults(limit: keptResults)
        }
        await services?.stopAll()
        return collected.inUnitOrder()
    }

    /// A unit of a parallel block that was not started: its task is reported as skipped.
    func notRun(_ statement: Statement, reason: String, in frame: Frame) async -> StepResults {
        var results = StepResults(limit: keptResults)
        var task: BatchTask
        switch statement.kind {
        case .task(let line):
            task = BatchTask(command: line.command.text)
            task.storeAs = line.clauses.storeAs?.text
        case .taskBlock(let block):
            task = BatchTask(command: block.name.text)
            task.name = block.name.text
            task.storeAs = block.clauses.storeAs?.text
        default:
            return results
        }
        guard let index = nextTaskIndex() else { return results }
        results.append(await executor.notRun(task, index: index, id: "task:\(index):\(task.label ?? task.command)", scope: frame.scope, reason: reason))
        return results
    }

    static func label(_ statement: Statement) -> String? {
        switch statement.kind {
        case .task(let line): return line.clauses.storeAs?.text
        case .taskBlock(let block): return block.name.text
        default: return nil
        }
    }

    static func clauses(_ statement: Statement) -> Clauses? {
        switch statement.kind {
        case .task(let line): return line.clauses
        case .taskBlock(let block): return block.clauses
        default: return nil
        }
    }

    // MARK: - Loops

    func runFor(_ loop: ForLoop, in frame: Frame) async -> StepResults {
        if executor.snapshot.configuration.dryRunPlan != nil, evaluator(frame.scope).readsUnknown(loop.iterable) {
            // A dry run cannot know what a task that did not run would give to loop over: the
            // body once, for an unknown item, marked with the loop.
            let iteration = frame.child()
            iteration.scope.define(loop.variable.text, .unknown)
            let text = "for \(loop.variable.text) in \(frame.source.text(of: loop.iterable.span))"
            return await assuming(text) { await self.execute(loop.body, in: iteration) }
        }
        let items: LoopItems
        do {
            items = try iterate(loop.iterable, in: frame)
        } catch {
            fail(error, in: frame.source)
            return StepResults(limit: keptResults)
        }
        if loop.parallel {
            guard let limit = concurrencyLimit(loop.max, in: frame) else { return StepResults(limit: keptResults) }
            guard countIterations(items.count, loop, frame) else { return StepResults(limit: keptResults) }
            let values = items.array
            let collected = UnitResults(limit: keptResults)
            let stored = loop.storeAs.map { _ in IterationResults(count: values.count) }
            _ = try? await executor.runConcurrently(
                count: values.count, limit: limit, labels: Array(repeating: nil, count: values.count),
                needs: Array(repeating: [], count: values.count), keepingResults: false,
                work: { k in
                    let iteration = frame.child()
                    iteration.scope.define(loop.variable.text, values[k])
                    let results = await self.inIteration(loop, values[k]) { await self.execute(loop.body, in: iteration) }
                    collected.add(results, unit: k)
                    stored?.set(k, results: results, item: values[k])
                    return results.aggregate(command: "for", name: nil)
                },
                notRun: { k, reason in
                    stored?.skip(k, item: values[k], reason: reason)
                    return .skipped(reason)
                })
            storeIterations(stored, loop, items: values, in: frame)
            return collected.inUnitOrder()
        }
        var results = StepResults(limit: keptResults)
        let stored = loop.storeAs.map { _ in IterationResults(count: 0) }
        var k = 0
        // One scope serves every iteration that left nothing holding it (nearly all): emptied,
        // not made anew.
        var scope = Scope(parent: frame.scope)
        for value in items {
            defer { k += 1 }
            if context.checkEarlyExit() || Task.isCancelled || outOfTime(frame.source) {
                guard let stored else { break }
                stored.skip(k, item: value, reason: context.earlyExitReason.map { "pipeline stopped: \($0)" } ?? "cancelled")
                continue
            }
            guard countIterations(1, loop, frame) else { break }
            if k > 0 {
                if isKnownUniquelyReferenced(&scope) { scope.removeAll() } else { scope = Scope(parent: frame.scope) }
            }
            let iteration = Frame(scope: scope, source: frame.source, namespace: frame.namespace)
            iteration.scope.define(loop.variable.text, value)
            let ran = await inIteration(loop, value) { await execute(loop.body, in: iteration) }
            stored?.set(k, results: ran, item: value)
            results.append(contentsOf: ran)
        }
        storeIterations(stored, loop, items: [], in: frame)
        return results
    }

    /// `for ... store as NAME`: stores the iterations' results as a list.
    func storeIterations(_ stored: IterationResults?, _ loop: ForLoop, items: [Value], in frame: Frame) {
        guard let stored, let name = loop.storeAs else { return }
        executor.store(stored.list(items: items, reason: context.earlyExitReason.map { "pipeline stopped: \($0)" }), as: name.text, in: frame.scope)
    }

    /// Counts loop iterations against the limit; false (and an error) when it is exceeded.
    func countIterations(_ n: Int, _ loop: ForLoop, _ frame: Frame) -> Bool {
        let limit = limits.maxLoopIterations
        let ok = loopIterations.wrappingAdd(n, ordering: .relaxed).newValue <= limit
        if !ok {
            fail(.runtime("loops ran more than the limit of \(limit) iterations"), at: loop.iterable.span, in: frame.source)
        }
        return ok
    }

    /// What a `for` walks: a list's elements, a map's keys, or `range(...)` without building it.
    func iterate(_ iterable: Expression, in frame: Frame) throws(EvaluationError) -> LoopItems {
        let e = evaluator(frame.scope)
        if case .call("range", let argumentExpressions) = iterable.kind, e.functions["range"] != nil,
            (1...3).contains(argumentExpressions.count) {
            var args: [Value] = []
            for a in argumentExpressions { args.append(try e.evaluate(a)) }
            let range = try IntRange(args, FunctionCall(span: iterable.span, argumentSpans: argumentExpressions.map(\.span), evaluator: e))
            return .range(range)
        }
        let v = try e.evaluate(iterable)
        switch v {
        case .list(let l): return .values(l)
        case .map(let m): return .values(m.keys.map(Value.string))
        case .null: return .values([])
        default:
            throw .runtime("for needs a list, a map or range(...), not \(Operators.article(v))" + (v.stringValue != nil ? " (split it with split())" : ""), iterable.span)
        }
    }

    // MARK: - Policies

    /// `use retry(...)`, `use circuit_breaker(...)`, `use fail_fast`.
    func applyPolicy(_ name: Name, _ arguments: [TaskArgument], in frame: Frame) {
        let e = evaluator(frame.scope)
        var named = ValueMap()
        var positional: [Value] = []
        do {
            for a in arguments {
                let v = try e.evaluate(a.value)
                if let label = a.label { named[label] = v } else { positional.append(v) }
            }
        } catch {
            fail(error, in: frame.source)
            return
        }
        switch name.text {
        case "retry":
            var config = executor.retryConfig ?? RetryConfig()
            if let n = (named["max_retries"] ?? positional.first)?.intValue { config.maxRetries = max(0, n) }
            if let d = named["base_delay"].flatMap(TaskList.duration) { config.baseDelay = d }
            if let d = named["max_delay"].flatMap(TaskList.duration) { config.maxDelay = d }
            if let j = named["jitter_factor"]?.doubleValue { config.jitterFactor = min(max(0, j), 1) }
            executor.retryConfig = config
        case "circuit_breaker":
            var config = CircuitBreakerConfig()
            if let n = (named["failure_threshold"] ?? positional.first)?.intValue { config.failureThreshold = max(1, n) }
            if let n = named["success_threshold"]?.intValue { config.successThreshold = max(1, n) }
            if let d = named["timeout_seconds"].flatMap(TaskList.duration) { config.timeout = d }
            if named["per_command"]?.isTruthy == true {
                executor.configuration.circuitBreakers = CircuitBreakerManager(config: config, clock: clock)
                executor.setCircuitBreaker(nil)
            } else {
                executor.setCircuitBreaker(CircuitBreaker(config: config, clock: clock))
                executor.configuration.circuitBreakers = nil
            }
        case "fail_fast":
            executor.configuration.failFast = (positional.first ?? named["enabled"])?.isTruthy ?? true
        case "env":
            applyEnvironment(positional, named, at: name.span, in: frame)
        case "timeout":
            guard let v = positional.first ?? named["duration"], let d = TaskList.duration(v), d > .zero else {
                fail(.runtime("use timeout needs a duration such as 10m, not \((positional.first ?? named["duration"] ?? .null).jsonText())"), at: name.span, in: frame.source)
                return
            }
            executor.configuration.defaultTimeout = d
        case "local", "ssh", "slurm":
            // `--runner` on the command line wins over the script's choice.
            guard !executor.snapshot.configuration.runnerChosenOutside else { return }
            do { executor.configuration.runner = try RunnerSpec(kind: name.text, settings: named, positional: positional) } catch {
                fail(.runtime(error.message), at: name.span, in: frame.source)
            }
        case "cwd":
            guard let path = (positional.first ?? named["path"])?.stringValue, !path.isEmpty else {
                fail(.runtime("use cwd needs a directory, such as use cwd(script_dir)"), at: name.span, in: frame.source)
                return
            }
            let absolute = WorkingDirectory.absolute(path, from: executor.snapshot.configuration.workingDirectory)
            guard WorkingDirectory.isDirectory(absolute) else {
                fail(.runtime("use cwd: '\(path)' is not a directory"), at: name.span, in: frame.source)
                return
            }
            executor.configuration.workingDirectory = absolute
        default:
            fail(.runtime("unknown policy '\(name.text)'"), at: name.span, in: frame.source)
        }
    }

    /// `use env(NAME: "value", ...)` or `use env({...})`: environment variables for every
    /// process that follows; a null value removes a variable set before.
    func applyEnvironment(_ positional: [Value], _ named: ValueMap, at span: SourceSpan, in frame: Frame) {
        var environment = executor.snapshot.configuration.environment
        var settings: [(String, Value)] = named.map { ($0.key, $0.value) }
        for v in positional {
            guard case .map(let m) = v else {
                fail(.runtime("use env takes NAME: value pairs or a map, not \(Operators.article(v))"), at: span, in: frame.source)
                return
            }
            settings += m.map { ($0.key, $0.value) }
        }
        for (key, value) in settings {
            if value == .null { environment.removeValue(forKey: key) } else { environment[key] = value.description }
        }
        executor.configuration.environment = environment
    }

    /// `param NAME ...`: keeps a value the command line or the host gave (converted to the
    /// parameter's type), else sets the default; a required one without a value is an error.
    func bind(_ parameter: ScriptParameter, in frame: Frame) {
        let name = parameter.name.text
        if let given = frame.scope.lookup(name) {
            if case .string(let text) = given, parameter.kind != .string {
                let items = parameter.kind == .list ? [text] : nil
                switch parameter.value(fromText: text) {
                case .success(let v): frame.scope.assign(name, items.map { .list($0.map(Value.string)) } ?? v)
                case .failure(let error):
                    fail(.runtime("\(parameter.option) \(error.message)"), at: parameter.name.span, in: frame.source)
                }
            }
            return
        }
        guard let expression = parameter.defaultValue else {
            fail(.runtime("the script needs \(parameter.option) (the param '\(name)' has no default)"), at: parameter.name.span, in: frame.source)
            return
        }
        do { frame.scope.assign(name, try evaluator(frame.scope).evaluate(expression)) } catch { fail(error, in: frame.source) }
    }
}
