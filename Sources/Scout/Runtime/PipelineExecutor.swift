/// Runs tasks sequentially or in parallel with the guide's semantics: `variables`, `if`,
/// `skip_if`, `stop_if` (checked before and after), `store_as`, retries, a circuit breaker,
/// progress events, auto-JSON flags, and sub-batches from `extract_steps`.
///
/// ```swift
/// let context = BatchContext(initialVars: ["env": "prod"])
/// let executor = PipelineExecutor(context: context, taskRunner: { task, index in
///     .success(output: .string("ran \(task.command)"))
/// })
/// let results = await executor.run(tasks, mode: .parallel)
/// ```
public final class PipelineExecutor: Sendable {
    /// Runs one task: receives it with its arguments evaluated, and its index.
    public typealias TaskRunner = @Sendable (_ task: ResolvedTask, _ index: Int) async throws -> TaskResult

    /// The id of the task whose body is running (a task block, a user command), if any:
    /// tasks started inside it carry it as `parent` in their events.
    @TaskLocal package static var parentTaskId: String?

    /// The loop iteration the running statements are in, as `f=a.c` (nested loops:
    /// `os=linux, arch=arm`): tasks started there carry it in their events (`iteration`,
    /// and in `label`) and in the label of their output.
    package static var iteration: String? { currentIteration?.text }

    /// The iteration itself, made into text only when shown.
    @TaskLocal static var currentIteration: IterationLabel?

    /// The name the output of the tasks started inside a task's body is labelled with: the
    /// nearest enclosing task block (or `store as` name), else the enclosing call.
    @TaskLocal static var enclosingName: String?

    /// In a dry run: the undecided conditions a task would run under, as written
    /// (`if lint.ok`, `skip_if x.failed`, `unless lint.ok` for an `else`), outermost first.
    @TaskLocal package static var assumptions: [String] = []

    /// The runner of the task whose body is running (`task build on ssh(...) { ... }`), if
    /// it has one: the tasks started inside run there unless they name their own.
    @TaskLocal static var enclosingRunner: RunnerSpec?

    /// The executor's settings at one moment: shared by reference, so a task reads them with
    /// one lock and no copy; a change makes a new one.
    final class Settings: Sendable {
        let reporter: ProgressReporter?
        let circuitBreaker: CircuitBreaker?
        let retryConfig: RetryConfig?
        let configuration: ExecutorConfiguration
        /// The configuration's secrets, read without copying the configuration.
        let secrets: SecretMask

        init(reporter: ProgressReporter?, circuitBreaker: CircuitBreaker?, retryConfig: RetryConfig?, configuration: ExecutorConfiguration) {
            self.reporter = reporter
            self.circuitBreaker = circuitBreaker
            self.retryConfig = retryConfig
            self.configuration = configuration
            self.secrets = configuration.secrets
        }

        func with(reporter: ProgressReporter?? = nil, circuitBreaker: CircuitBreaker?? = nil, retryConfig: RetryConfig?? = nil,
                  configuration: ExecutorConfiguration? = nil) -> Settings {
            Settings(reporter: reporter ?? self.reporter, circuitBreaker: circuitBreaker ?? self.circuitBreaker,
                     retryConfig: retryConfig ?? self.retryConfig, configuration: configuration ?? self.configuration)
        }
    }

    /// The context the executor reads and writes.
    public let context: BatchContext
    let taskRunner: TaskRunner
    let clock: any ScoutClock
    private let settings: SanitizerVisibleMutex<Settings>
    /// The run-wide cap on tasks running commands at once (``maxConcurrency``).
    let limiter: ConcurrencyLimiter
    /// The runners the tasks' processes went to; ``shutdownRunners()`` ends them.
    package let runners = RunnerRegistry()

    /// An executor over `context` running tasks with `taskRunner`.
    public init(
        context: BatchContext, taskRunner: @escaping TaskRunner, reporter: ProgressReporter? = nil,
        circuitBreaker: CircuitBreaker? = nil, retryConfig: RetryConfig? = nil,
        clock: any ScoutClock = SystemClock(), configuration: ExecutorConfiguration = ExecutorConfiguration()
    ) {
        self.context = context
        self.taskRunner = taskRunner
        self.clock = clock
        self.settings = SanitizerVisibleMutex(Settings(reporter: reporter, circuitBreaker: circuitBreaker, retryConfig: retryConfig, configuration: configuration))
        self.limiter = ConcurrencyLimiter(limit: configuration.maxConcurrency ?? ExecutorConfiguration.defaultMaxConcurrency)
    }

    // MARK: - Settings

    /// The progress reporter, if one is set (nil removes it).
    public var reporter: ProgressReporter? {
        get { settings.withLock { $0.reporter } }
        set { settings.withLock { $0 = $0.with(reporter: .some(newValue)) } }
    }
    /// The circuit breaker, if one is set (nil removes it).
    public var circuitBreaker: CircuitBreaker? {
        get { settings.withLock { $0.circuitBreaker } }
        set { settings.withLock { $0 = $0.with(circuitBreaker: .some(newValue)) } }
    }
    /// The retry policy for tasks that have none of their own.
    public var retryConfig: RetryConfig? {
        get { settings.withLock { $0.retryConfig } }
        set { settings.withLock { $0 = $0.with(retryConfig: .some(newValue)) } }
    }

    /// The guide's name for setting ``reporter``.
    public func setReporter(_ reporter: ProgressReporter?) { self.reporter = reporter }
    /// The guide's name for reading ``reporter``.
    public func getReporter() -> ProgressReporter? { reporter }
    /// The guide's name for setting ``circuitBreaker``.
    public func setCircuitBreaker(_ breaker: CircuitBreaker?) { circuitBreaker = breaker }
    /// The guide's name for reading ``circuitBreaker``.
    public func getCircuitBreaker() -> CircuitBreaker? { circuitBreaker }
    /// The guide's name for setting ``retryConfig``.
    public func setRetryConfig(_ config: RetryConfig?) { retryConfig = config }
    /// The guide's name for reading ``retryConfig``.
    public func getRetryConfig() -> RetryConfig? { retryConfig }
    /// The guide's name for ``context``.
    public func getContext() -> BatchContext { context }

    /// The other settings: concurrency limit, fail-fast, auto-JSON table, output, functions, ...
    public var configuration: ExecutorConfiguration {
        get { settings.withLock { $0.configuration } }
        set {
            settings.withLock { $0 = $0.with(configuration: newValue) }
            limiter.setLimit(newValue.maxConcurrency ?? ExecutorConfiguration.defaultMaxConcurrency)
        }
    }

    /// The settings now, by reference.
    var snapshot: Settings { settings.withLock { $0 } }

    /// The concurrency limit in effect: at most this many tasks run their commands at once in
    /// the whole run, however parallel blocks nest (a `parallel(max:)` limits its block further).
    /// Tasks that wait for tasks of their own (a task block, a user command) do not count.
    public var maxConcurrency: Int { snapshot.configuration.maxConcurrency ?? ExecutorConfiguration.defaultMaxConcurrency }

    // MARK: - Running

    /// Runs tasks and returns one result per task, in task order. Emits `batch:start`, the
    /// tasks' events and `batch:complete`. A task's own `mode` overrides `mode`: consecutive
    /// tasks of the same mode run together. Tasks not started because the pipeline stopped
    /// are `skipped`.
    public func run(_ tasks: [BatchTask], mode: ExecutionMode = .sequential) async -> [TaskResult] {
        let started = clock.now()
        await emit(ProgressEvent(taskId: "batch:start", status: .running, message: "starting \(tasks.count) task\(tasks.count == 1 ? "" : "s") (\(mode.rawValue))",
                                 metadata: ValueMap([("total", .int(tasks.count)), ("mode", .string(mode.rawValue))])))
        let results = await runList(tasks, mode: mode, scope: context, depth: 0, idPrefix: "task:")
        await runners.shutdown()
        await emitComplete(results, started: started)
        return results
    }

    /// Emits `batch:complete` with `success_count`, `failure_count`, `skipped_count`, `total` and
    /// `total_duration_ms`, and `cancelled_count` when fail-fast ended tasks (they are not in
    /// `failure_count`).
    package func emitComplete(_ results: [TaskResult], started: Double) async {
        await emitComplete(TaskCounts(results), started: started)
    }

    /// Emits `batch:complete` with the given counts.
    package func emitComplete(_ counts: TaskCounts, started: Double) async {
        guard snapshot.reporter != nil else { return }
        // In a dry run a task that did not run is not a success.
        let (successes, cancelled, failures, skipped) = (counts.succeeded, counts.cancelled, counts.failed, counts.skipped + counts.notRun)
        let ms = Int(((clock.now() - started) * 1000).rounded())
        var metadata = ValueMap([
            ("success_count", .int(successes)), ("failure_count", .int(failures)), ("skipped_count", .int(skipped)),
            ("total", .int(counts.total)), ("total_duration_ms", .int(ms)),
        ])
        if cancelled > 0 { metadata["cancelled_count"] = .int(cancelled) }
        if let reason = context.earlyExitReason { metadata["stopped"] = .string(reason) }
        await emit(ProgressEvent(taskId: "batch:complete", status: .complete,
                                 message: "\(successes) succeeded, \(failures) failed, \(skipped) skipped in \(ms) ms", metadata: metadata))
    }

    /// Runs a list of tasks in `scope`: groups of consecutive tasks with the same effective mode
    /// run together.
    func runList(_ tasks: [BatchTask], mode: ExecutionMode, scope: any VariableScope, depth: Int, idPrefix: String) async -> [TaskResult] {
        var results: [TaskResult] = []
        results.reserveCapacity(tasks.count)
        var start = 0
        while start < tasks.count {
            let groupMode = tasks[start].mode ?? mode
            var end = start + 1
            while end < tasks.count, (tasks[end].mode ?? mode) == groupMode { end += 1 }
            let group = Array(tasks[start..<end])
            let offset = start
            if groupMode == .sequential {
                for (k, task) in group.enumerated() {
                    let index = offset + k
                    results.append(await execute(task, index: index, id: taskId(idPrefix, index, task), scope: scope, depth: depth))
                }
            } else {
                results += await runParallel(group, offset: offset, scope: scope, depth: depth, idPrefix: idPrefix)
            }
            start = end
        }
        return results
    }

    func taskId(_ prefix: String, _ index: Int, _ task: BatchTask) -> String {
        var id = prefix
        id += String(index)
        id += ":"
        id += task.name ?? task.command
        return id
    }

    func runParallel(_ tasks: [BatchTask], offset: Int, scope: any VariableScope, depth: Int, idPrefix: String) async -> [TaskResult] {
        let graph: TaskGraph
        do {
            graph = try TaskGraph(labels: tasks.map(\.label), needs: tasks.map(\.needs))
        } catch {
            let message = PipelineExecutor.describe(error)
            var results: [TaskResult] = []
            for (k, task) in tasks.enumerated() {
                var r = TaskResult.error(message)
                r.command = task.command
                r.name = task.label
                results.append(await finish(r, task: task, id: taskId(idPrefix, offset + k, task), index: offset + k, scope: scope, started: clock.now(), evaluator: nil))
            }
            return results
        }
        let scheduler = ParallelScheduler(
            count: tasks.count, limit: max(1, maxConcurrency), graph: graph,
            stopReason: { [context] in context.earlyExitReason },
            halted: { [context] in context.isHalted },
            work: { [self] k in
                await execute(tasks[k], index: offset + k, id: taskId(idPrefix, offset + k, tasks[k]), scope: scope, depth: depth)
            },
            notRun: { [self] k, why in
                let task = tasks[k]
                let reason: String
                switch why {
                case .stopped(let r): reason = "pipeline stopped: \(r)"
                case .needFailed(let j): reason = "needs \(tasks[j].label ?? "task \(offset + j)"), which did not succeed"
                }
                return await notRun(task, index: offset + k, id: taskId(idPrefix, offset + k, task), scope: scope, reason: reason)
            })
        return await scheduler.run()
    }

    /// The result for a task that was not started, stored and reported as SKIPPED.
    func notRun(_ task: BatchTask, index: Int, id: String, scope: any VariableScope, reason: String) async -> TaskResult {
        var r = TaskResult.skipped(reason)
        r.command = task.command
        r.name = task.label
        return await finish(r, task: task, id: id, index: index, scope: scope, started: clock.now(), evaluator: nil)
    }

    /// Runs items concurrently (at most `limit`, default ``maxConcurrency``) with a `needs`
    /// graph; the interpreter's `parallel` blocks use it. Throws when the graph is invalid.
    package func runConcurrently(
        count: Int, limit: Int? = nil, labels: [String?], needs: [[String]],
        work: @escaping @Sendable (Int) async -> TaskResult,
        notRun: @escaping @Sendable (Int, String) async -> TaskResult
    ) async throws(TaskGraph.Problem) -> [TaskResult] {
        try await runConcurrently(count: count, limit: limit, labels: labels, needs: needs, keepingResults: true, work: work, notRun: notRun)
    }

    /// ``runConcurrently(count:limit:labels:needs:work:notRun:)``; without `keepingResults`
    /// the results are not gathered (an empty list comes back), and a run without `needs`
    /// holds none of them, so 100,000 items cost no memory once each has finished.
    func runConcurrently(
        count: Int, limit: Int?, labels: [String?], needs: [[String]], keepingResults: Bool,
        work: @escaping @Sendable (Int) async -> TaskResult,
        notRun: @escaping @Sendable (Int, String) async -> TaskResult
    ) async throws(TaskGraph.Problem) -> [TaskResult] {
        let graph = try TaskGraph(labels: labels, needs: needs)
        let scheduler = ParallelScheduler(
            count: count, limit: max(1, limit ?? maxConcurrency), graph: graph, keepsResults: keepingResults,
            stopReason: { [context] in context.earlyExitReason },
            halted: { [context] in context.isHalted },
            work: work,
            notRun: { k, why in
                switch why {
                case .stopped(let r): return await notRun(k, "pipeline stopped: \(r)")
                case .needFailed(let j): return await notRun(k, "needs \(labels[j] ?? "task \(j)"), which did not succeed")
                }
            })
        return await scheduler.run()
    }

    /// A person's words for a graph problem.
    package static func describe(_ problem: TaskGraph.Problem) -> String {
        switch problem {
        case .unknown(_, let name, let suggestion):
            return "needs an unknown task '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .cycle(let names): return "tasks need each other in a cycle: \(names.joined(separator: " -> "))"
        case .duplicate(let name): return "two tasks are called '\(name)', so 'needs \(name)' is ambiguous"
        }
    }

    // MARK: - Events and export

    func emit(_ event: @autoclosure () -> ProgressEvent) async {
        let (reporter, secrets) = settings.withLock { ($0.reporter, $0.configuration.secrets) }
        guard let reporter else { return }
        var e = event()
        if !secrets.isEmpty {
            e.message = secrets.mask(e.message)
            if case .map(let m) = secrets.mask(Value.map(e.metadata)) { e.metadata = m }
        }
        await reporter.emit(e)
    }

    /// The executor's state: the context, the retry policy, the breaker(s) and the limits.
    public func toDict() -> Value {
        let s = snapshot
        var m = ValueMap()
        m["context"] = context.toDict()
        m["retry_config"] = s.retryConfig?.toValue() ?? .null
        m["circuit_breaker"] = s.circuitBreaker.map { .map(ValueMap([("config", $0.config.toValue()), ("report", $0.report().toValue())])) } ?? .null
        if let manager = s.configuration.circuitBreakers {
            var breakers = ValueMap()
            for (key, report) in manager.reports().sorted(by: { $0.key < $1.key }) { breakers[key] = report.toValue() }
            m["circuit_breakers"] = .map(breakers)
        }
        m["max_concurrency"] = .int(s.configuration.maxConcurrency ?? ExecutorConfiguration.defaultMaxConcurrency)
        m["fail_fast"] = .bool(s.configuration.failFast)
        return .map(m)
    }

    /// ``toDict()`` as JSON text.
    public func toJSON(pretty: Bool = true) -> String { toDict().jsonText(pretty: pretty) }
}
