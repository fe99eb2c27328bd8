import Scout

/// `scout run tasks.json`: runs the guide's JSON task list with the runtime, inside a
/// `RunSession` (output, progress, Ctrl-C, summary).
struct TaskListRunner {
    let options: CLIOptions
    /// Ends a run from outside (`--watch --restart`).
    var canceller: RunCanceller? = nil

    /// Reads and checks a task list: the tasks, or the exit status when it cannot run
    /// (errors and warnings are shown).
    func load(_ path: String, registry: CommandRegistry) -> Result<[BatchTask], ExitCode> {
        let source: SourceFile
        do { source = try ScriptRunner.load(path) } catch {
            return .failure(ExitCode(ScoutTool.usageError(error, color: options.color)))
        }
        let places = TaskListPlaces(source: source)
        let renderer = DiagnosticRenderer(color: Terminal.useColor(options.color))
        let tasks: [BatchTask]
        do {
            tasks = try TaskList.parse(String(decoding: source.bytes, as: UTF8.self), name: path)
        } catch {
            Terminal.error(renderer.render(places.diagnostics(error)))
            return .failure(ExitCode(ExitStatus.usage))
        }
        let problems = TaskList.check(tasks, file: path, commands: registry, definedNames: Set(options.variables.map(\.0)))
        if !problems.isEmpty { Terminal.error(renderer.render(problems.flatMap(places.diagnostics))) }
        return problems.contains { $0.severity == .error } ? .failure(ExitCode(ExitStatus.usage)) : .success(tasks)
    }

    /// `scout check tasks.json`: true when the list has errors.
    func check(path: String) -> Int32 {
        switch load(path, registry: CommandRegistry.standard.withPlugins()) {
        case .success: return ExitStatus.success
        case .failure(let code): return code.status
        }
    }

    func run(path: String) async -> Int32 {
        let tasks: [BatchTask]
        switch load(path, registry: CommandRegistry.standard.withPlugins()) {
        case .success(let checked): tasks = checked
        case .failure(let code): return code.status
        }
        let context = BatchContext(resultLimit: 0)
        for (name, value) in options.variables { context.assign(name, value) }
        let session: RunSession
        do { session = try RunSession(options: options, context: context, canceller: canceller) } catch {
            return ScoutTool.usageError(error, color: options.color)
        }
        var registry = CommandRegistry.standard.withPlugins()
        if let dryRun = session.dryRun { registry = dryRun.registry(from: registry) }
        let runner = registry
        var configuration = ExecutorConfiguration(maxConcurrency: options.jobs, failFast: options.failFast, output: session.output)
        configuration.secrets = .standardStreams
        session.dryRun?.configure(&configuration)
        configuration.journal = session.journal
        configuration.isShellArgument = { runner.isShellArgument(command: $0, label: $1, position: $2) }
        let executor = PipelineExecutor(context: context, taskRunner: runner.taskRunner(), reporter: session.reporter, configuration: configuration)
        let mode = options.mode ?? .sequential
        return await session.run {
            let clock = SystemClock()
            let started = clock.now()
            let results = await executor.run(tasks, mode: mode)
            return RunSession.Outcome(counts: TaskCounts(results), failed: results.contains(where: \.failed), stopReason: context.earlyExitReason,
                                      durationMs: Int((clock.now() - started) * 1000))
        }
    }
}
