/// Tasks: lines, blocks and calls of user commands, each through the executor.
extension Interpreter {
    func runTaskLine(_ line: TaskLine, _ span: SourceSpan, in frame: Frame) async -> TaskResult? {
        var task = BatchTask(command: line.command.text, arguments: line.arguments)
        guard apply(line.clauses, to: &task, in: frame) else { return nil }
        task.span = span
        task.source = frame.source
        if let (name, user) = userCommand(line.command.text, in: frame) {
            task.command = name
            task.body = { [self] resolved in await call(user, resolved) }
        }
        return await start(task, span: span, in: frame)
    }

    func runTaskBlock(_ block: TaskBlock, _ span: SourceSpan, in frame: Frame) async -> TaskResult? {
        var task = BatchTask(command: block.name.text)
        task.name = block.name.text
        guard apply(block.clauses, to: &task, in: frame) else { return nil }
        task.span = span
        task.source = frame.source
        let body = block.body
        task.body = { [self] resolved in
            let inner = frame.child()
            let results = await PipelineExecutor.$parentTaskId.withValue(resolved.id) {
                await execute(body, in: inner)
            }
            return results.blockResult(command: block.name.text, name: block.name.text)
        }
        return await start(task, span: span, in: frame)
    }

    /// The runner an `on` clause or a `use` names, its settings evaluated.
    func runner(_ written: Clauses.Runner, evaluator e: Evaluator) throws(EvaluationError) -> RunnerSpec {
        switch written {
        case .named(let name, let arguments):
            var settings = ValueMap()
            var positional: [Value] = []
            for a in arguments {
                let v = try e.evaluate(a.value)
                if let label = a.label { settings[label] = v } else { positional.append(v) }
            }
            do { return try RunnerSpec(kind: name.text, settings: settings, positional: positional) } catch {
                throw EvaluationError.runtime(error.message, name.span)
            }
        case .value(let expression):
            let v = try e.evaluate(expression)
            do { return try RunnerSpec(v) } catch { throw EvaluationError.runtime(error.message, expression.span) }
        }
    }

    /// The user command a task line in `frame` names: in a module imported with a namespace,
    /// that module's own command first. Returns its full name (`deploy.push`) and the command.
    func userCommand(_ name: String, in frame: Frame) -> (String, UserCommand)? {
        state.withLock { s in
            if !frame.namespace.isEmpty, let own = s.userCommands[frame.namespace + name] { return (frame.namespace + name, own) }
            return s.userCommands[name].map { (name, $0) }
        }
    }

    /// Hands a task to the executor with the next index.
    func start(_ task: BatchTask, span: SourceSpan, in frame: Frame) async -> TaskResult? {
        guard let index = nextTaskIndex() else {
            fail(.runtime("the run started more than the limit of \(limits.maxTasks) tasks"), at: span, in: frame.source)
            return nil
        }
        return await executor.execute(task, index: index, scope: frame.scope)
    }

    /// Sets a task's clauses; false (and an error) when `retry` or `timeout` cannot be evaluated.
    func apply(_ clauses: Clauses, to task: inout BatchTask, in frame: Frame) -> Bool {
        task.condition = clauses.condition
        task.skipIf = clauses.skipIf
        task.stopIf = clauses.stopIf
        task.storeAs = clauses.storeAs?.text
        task.needs = clauses.needs.map(\.text)
        task.sources = clauses.sources
        task.generates = clauses.generates
        if let mode = clauses.extractSteps {
            task.extractSteps = true
            task.subbatchMode = mode
        }
        // Most tasks have neither clause: no evaluator is made for them.
        guard clauses.retry != nil || clauses.timeout != nil || clauses.runner != nil else { return true }
        let e = evaluator(frame.scope)
        do throws(EvaluationError) {
            switch clauses.retry {
            case .count(let expression)?:
                let v = try e.evaluate(expression)
                guard let n = v.intValue, n >= 0 else {
                    throw EvaluationError.runtime("retry needs a number of retries, not \(v.jsonText())", expression.span)
                }
                var config = executor.retryConfig ?? RetryConfig()
                config.maxRetries = n
                task.retry = config
            case .config(let arguments)?:
                var config = executor.retryConfig ?? RetryConfig()
                for (n, a) in arguments.enumerated() {
                    let v = try e.evaluate(a.value)
                    switch a.label ?? (n == 0 ? "max_retries" : "") {
                    case "max_retries": config.maxRetries = max(0, v.intValue ?? config.maxRetries)
                    case "base_delay": config.baseDelay = TaskList.duration(v) ?? config.baseDelay
                    case "max_delay": config.maxDelay = TaskList.duration(v) ?? config.maxDelay
                    case "jitter_factor": config.jitterFactor = min(max(0, v.doubleValue ?? config.jitterFactor), 1)
                    default: throw EvaluationError.runtime("retry has no setting '\(a.label ?? "")'", a.value.span)
                    }
                }
                task.retry = config
            case nil:
                break
            }
            if let timeout = clauses.timeout {
                let v = try e.evaluate(timeout)
                guard let d = TaskList.duration(v), d > .zero else {
                    throw EvaluationError.runtime("timeout needs a duration such as 30s, not \(v.jsonText())", timeout.span)
                }
                task.timeout = d
            }
            if let runner = clauses.runner {
                task.runner = try self.runner(runner, evaluator: e)
            }
        } catch {
            fail(error, in: frame.source)
            return false
        }
        return true
    }

    /// Runs a user command for a task: binds the arguments to its parameters in a new scope
    /// and runs its body there.
    func call(_ user: UserCommand, _ resolved: ResolvedTask) async -> TaskResult {
        let definition = user.definition
        let depth = Interpreter.callDepth + 1
        let limit = limits.maxCallDepth
        guard depth <= limit else {
            let message = "commands call each other more than \(limit) deep (the call-depth limit), in '\(definition.name.text)'"
            fail(.runtime(message), at: resolved.task.span ?? definition.name.span, in: resolved.task.source ?? user.source)
            return .error(message)
        }
        let frame = Frame(scope: Scope(parent: user.module?.scope ?? context), source: user.source, namespace: user.module?.namespace ?? "")
        let parameters = definition.parameters
        if resolved.positional.count > parameters.count {
            return .error("\(definition.name.text) takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), got \(resolved.positional.count)")
        }
        for (key, _) in resolved.args where !parameters.contains(where: { $0.name.text == key }) {
            let flags = Set(executor.snapshot.configuration.autoJSON.flags.values)
            if flags.contains(key) { continue }
            let hint = Suggestion.closest(to: key, in: parameters.map(\.name.text)).map { " (did you mean '\($0)'?)" } ?? ""
            return .error("\(definition.name.text) has no parameter '\(key)'\(hint)")
        }
        let e = evaluator(frame.scope)
        for (i, p) in parameters.enumerated() {
            if i < resolved.positional.count {
                frame.scope.define(p.name.text, resolved.positional[i])
            } else if let v = resolved.args[p.name.text] {
                frame.scope.define(p.name.text, v)
            } else if let d = p.defaultValue {
                do { frame.scope.define(p.name.text, try e.evaluate(d)) } catch {
                    return .error(Diagnostic(error.kind, at: error.span, in: user.source))
                }
            } else {
                return .error("\(definition.name.text) needs the argument '\(p.name.text)'")
            }
        }
        let results = await Interpreter.$callDepth.withValue(depth) {
            await PipelineExecutor.$parentTaskId.withValue(resolved.id) {
                await execute(definition.body, in: frame)
            }
        }
        return results.blockResult(command: definition.name.text, name: nil)
    }

    /// How deep user commands are calling each other in the current task.
    @TaskLocal static var callDepth = 0
}
