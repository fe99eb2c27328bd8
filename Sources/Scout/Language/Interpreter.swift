import Synchronization

/// Runs `.scout` scripts. Its runtime is a ``BatchContext`` and a ``PipelineExecutor``:
/// every task statement goes through the executor (conditions, retries, breaker, events,
/// `store as`). The command line, the REPL and embedding hosts all use it.
///
/// ```swift
/// let interpreter = Interpreter(context: BatchContext(initialVars: ["env": "prod"]))
/// interpreter.register(CommandSpec("notify", summary: "posts a message",
///     parameters: [ParameterSpec("text", .string, required: true, positional: true)]) { call in
///         .success(output: .string("sent"))
///     })
/// let result = try await interpreter.run(SourceFile(name: "x.scout", text: "notify \"hi ${env}\""))
/// ```
public final class Interpreter: Sendable {
    struct State: Sendable {
        var configuration: InterpreterConfiguration
        var userCommands: [String: UserCommand] = [:]
        /// The files imported so far (absolute paths, after the namespace they were taken
        /// into and a space): each is taken once into each namespace.
        var imported: Set<String> = []
        /// The namespaces of the top-level `import ... as NAME`s run so far: the parser of a
        /// later REPL line reads `NAME.command` as a call.
        var namespaces: Set<String> = []
        var errors: [Diagnostic] = []
        /// The reason of the first `fail` statement that ran.
        var failure: String?
        var running: [Int: Task<StepResults, Never>] = [:]
        var nextRun = 0
        /// When the wall-clock limit runs out (the clock's seconds), while a limited run runs.
        var deadline: Double?
        /// The time-limit error of the current run was recorded.
        var timeLimitReported = false
    }

    /// The variables, results and early-exit flag of every run.
    public let context: BatchContext
    /// The executor every task goes through.
    package let executor: PipelineExecutor
    let state: SanitizerVisibleMutex<State>
    /// The settings that never change after `init`, read without a lock.
    let limits: ScriptLimits
    let clock: any ScoutClock
    let capabilities: Capabilities
    let keptResults: Int
    /// Tasks started and loop iterations run, counted against the limits.
    let taskCounter = Atomic<Int>(0)
    let loopIterations = Atomic<Int>(0)

    /// An interpreter over `context`.
    public init(context: BatchContext = BatchContext(), configuration: InterpreterConfiguration = InterpreterConfiguration()) {
        self.context = context
        var configuration = configuration
        configuration.commands.capabilities = configuration.capabilities
        let state = SanitizerVisibleMutex(State(configuration: configuration))
        self.state = state
        self.limits = configuration.limits
        self.clock = configuration.clock
        self.capabilities = configuration.capabilities
        self.keptResults = max(0, configuration.keptResults)
        var executorConfiguration = configuration.executor
        executorConfiguration.functions = configuration.functions
        executorConfiguration.capabilities = configuration.capabilities
        executorConfiguration.maxCapturedOutput = configuration.limits.maxCapturedOutput
        executorConfiguration.isShellArgument = { command, label, position in
            state.withLock { $0.configuration.commands.isShellArgument(command: command, label: label, position: position) }
        }
        let flags = Set(configuration.executor.autoJSON.flags.values)
        self.executor = PipelineExecutor(
            context: context,
            taskRunner: { task, _ in
                let registry = state.withLock { $0.configuration.commands }
                return await registry.run(task, autoJSONFlags: flags)
            },
            reporter: configuration.reporter, clock: configuration.clock, configuration: executorConfiguration)
    }

    /// The configuration in effect.
    public var configuration: InterpreterConfiguration { state.withLock { $0.configuration } }

    /// Adds (or replaces) a host command that scripts can call.
    public func register(_ command: CommandSpec) {
        state.withLock { $0.configuration.commands.register(command) }
    }

    /// Adds (or replaces) a function that expressions can call.
    public func register(_ function: ScoutFunction) {
        let functions = state.withLock { s in
            s.configuration.functions.register(function)
            return s.configuration.functions
        }
        executor.configuration.functions = functions
    }

    /// The names of the commands defined by scripts run so far (the REPL completes them).
    package var userCommandNames: [String] { state.withLock { $0.userCommands.keys.sorted() } }

    /// Forgets the user commands, variables and results (the REPL's `:reset`).
    package func reset() {
        state.withLock { s in
            s.userCommands = [:]
            s.imported = []
            s.namespaces = []
            s.errors = []
        }
        loopIterations.store(0, ordering: .relaxed)
        context.reset()
    }

    // MARK: - Parsing and checking

    /// Parses a script.
    package func parse(_ source: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
        Parser.parse(source, functions: configuration.functions.names, namespaces: state.withLock { $0.namespaces })
    }

    /// Parses and checks a script without running anything: errors and warnings, in source order.
    public func check(_ source: SourceFile, arguments: [String] = []) -> [Diagnostic] {
        var checker = checker()
        return checker.check(source, functions: configuration.functions.names)
    }

    /// Checks a parsed program without running anything: errors and warnings, in source order.
    package func check(_ program: Program) -> [Diagnostic] {
        var checker = checker()
        return checker.check(program)
    }

    func checker() -> Checker {
        let s = state.withLock { $0 }
        var defined = Set(context.visibleNames())
        defined.insert("args")
        defined.insert("script_dir")
        return Checker(
            commands: s.configuration.commands, functions: s.configuration.functions,
            userCommands: s.userCommands.mapValues(\.definition), definedNames: defined,
            capabilities: s.configuration.capabilities)
    }

    // MARK: - Running

    /// Parses, checks and runs a script. Syntax and check errors are thrown before anything
    /// runs; task failures and runtime errors are in the result. `arguments` become `args`.
    public func run(_ source: SourceFile, arguments: [String] = []) async throws(DiagnosticList) -> RunResult {
        let program = try prepare(source, arguments: arguments)
        return await run(program)
    }

    /// Parses and checks a script and sets `args`, without running it: errors are thrown.
    package func prepare(_ source: SourceFile, arguments: [String] = []) throws(DiagnosticList) -> Program {
        if context.lookup("args") == nil || !arguments.isEmpty {
            context.assign("args", .list(arguments.map(Value.string)))
        }
        if context.lookup("script_dir") == nil {
            context.assign("script_dir", .string(WorkingDirectory.current()))
        }
        let (program, diagnostics) = parse(source)
        var errors = diagnostics.filter { $0.severity == .error }
        if errors.isEmpty {
            var checker = checker()
            errors = checker.check(program).filter { $0.severity == .error }
        }
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return program
    }

    /// Runs a parsed program (without checking it).
    package func run(_ program: Program) async -> RunResult {
        let started = clock.now()
        state.withLock { s in
            s.errors = []
            s.failure = nil
        }
        hoistCommands(program)
        await executor.emit(ProgressEvent(taskId: "batch:start", status: .running, message: "running \(program.source.name)",
                                          metadata: ValueMap([("script", .string(program.source.name))])))
        let frame = Frame(scope: context, source: program.source)
        let limit = limits.wallClock
        let work = Task { await self.execute(program.statements, in: frame, timeLimit: limit, clock: clock) }
        let id = state.withLock { s -> Int in
            s.nextRun += 1
            s.running[s.nextRun] = work
            return s.nextRun
        }
        let results = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
        state.withLock { _ = $0.running.removeValue(forKey: id) }
        // SSH control connections and Slurm jobs end with the run that made them.
        await executor.runners.shutdown()
        let (errors, failure) = state.withLock { ($0.errors, $0.failure) }
        await executor.emitComplete(results.counts, started: started)
        return RunResult(results: results.kept, counts: results.counts, errors: errors, stopReason: context.earlyExitReason,
                         failure: failure, durationMs: Int(((clock.now() - started) * 1000).rounded()))
    }

    /// Evaluates an expression in the context (the REPL's values).
    package func evaluate(_ expression: Expression) throws(EvaluationError) -> Value {
        try evaluator(context).evaluate(expression)
    }

    /// Stops every run of this interpreter: nothing new starts, running tasks are cancelled
    /// (their processes ended), and each `run` returns its results so far.
    public func cancel() {
        context.setEarlyExit("cancelled")
        for task in state.withLock({ Array($0.running.values) }) { task.cancel() }
    }

    /// Runs the statements, within the wall-clock limit when there is one.
    func execute(_ statements: [Statement], in frame: Frame, timeLimit: Duration?, clock: any ScoutClock) async -> StepResults {
        guard let timeLimit else { return await execute(statements, in: frame) }
        // Checked between statements and during long matches too: the timer below needs a
        // free thread of the shared pool, which long evaluations may all be holding.
        state.withLock {
            $0.deadline = clock.now() + timeLimit.seconds
            $0.timeLimitReported = false
        }
        defer { state.withLock { $0.deadline = nil } }
        return await withTaskGroup(of: StepResults?.self) { group in
            group.addTask { await self.execute(statements, in: frame) }
            group.addTask {
                try? await clock.sleep(for: timeLimit)
                return nil
            }
            if let finished = await group.next()! {
                group.cancelAll()
                // Stopped at the deadline by a check rather than the timer: say why.
                if self.context.earlyExitReason != nil { _ = self.outOfTime(frame.source) }
                return finished
            }
            if !Task.isCancelled { _ = self.outOfTime(frame.source, force: true) }
            group.cancelAll()
            var late = StepResults(limit: keptResults)
            while let next = await group.next() { if let r = next { late = r } }
            return late
        }
    }

    /// Whether the run's wall-clock limit has passed (always with `force`); the first time,
    /// records the error, which stops the pipeline.
    func outOfTime(_ source: SourceFile, force: Bool = false) -> Bool {
        guard let deadline = state.withLock({ $0.deadline }) else { return false }
        if !force, clock.now() < deadline { return false }
        let limit = state.withLock { s -> Duration? in
            if s.timeLimitReported { return nil }
            s.timeLimitReported = true
            return limits.wallClock ?? .zero
        }
        if let limit {
            fail(.runtime("the run took longer than its time limit of \(Value.formatDuration(limit))"), at: .none, in: source)
        }
        return true
    }

    func hoistCommands(_ program: Program) {
        for statement in program.statements {
            if case .command(let definition) = statement.kind {
                state.withLock { $0.userCommands[definition.name.text] = UserCommand(definition: definition, source: program.source) }
            }
        }
    }

    func evaluator(_ scope: any VariableScope) -> Evaluator {
        let functions = state.withLock { $0.configuration.functions }
        var e = Evaluator(scope: scope, functions: functions, maxValueSize: limits.maxValueSize, capabilities: capabilities)
        e.adopt(executor.snapshot.configuration)
        if limits.wallClock != nil {
            let clock = self.clock
            e.shouldStop = { [state] in
                Task.isCancelled || state.withLock { $0.deadline }.map { clock.now() >= $0 } == true
            }
        }
        return e
    }

    /// Records a runtime error and stops the pipeline.
    func fail(_ kind: DiagnosticKind, at span: SourceSpan, in source: SourceFile) {
        let diagnostic = Diagnostic(kind, at: span, in: source)
        state.withLock { $0.errors.append(diagnostic) }
        context.setEarlyExit(span.line > 0 ? "error at \(source.name):\(span.line):\(span.column)" : "error: \(kind.message)")
    }

    func fail(_ error: EvaluationError, in source: SourceFile) {
        fail(error.kind, at: error.span, in: source)
    }

    func nextTaskIndex() -> Int? {
        let index = taskCounter.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < limits.maxTasks ? index : nil
    }
}

/// Where statements run: a scope, the source they were written in, and the namespace of the
/// module they belong to (`"deploy."`, or `""` outside any), where their command names are
/// looked up first.
struct Frame: Sendable {
    let scope: any VariableScope
    let source: SourceFile
    var namespace = ""

    func child() -> Frame { Frame(scope: Scope(parent: scope), source: source, namespace: namespace) }
}
