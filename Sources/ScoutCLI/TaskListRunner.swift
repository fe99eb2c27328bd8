import Scout

/// `scout run tasks.json`: runs the guide's JSON task list with the runtime, inside a
/// `RunSession` (output, progress, Ctrl-C, summary).
struct TaskListRunner {
    let options: CLIOptions

    func run(path: String) async -> Int32 {
        let style = Style(enabled: Terminal.useColor(options.color))
        let tasks: [BatchTask]
        do {
            let text = try LocalFile.readText(path)
            tasks = try TaskList.parse(text, name: path)
        } catch let error as LocalFile.ReadError {
            return ScoutTool.usageError(CLIError("cannot read \(error.description)"), color: options.color)
        } catch let error as TaskListError {
            Terminal.error("scout: " + style.boldRed("error") + ": " + error.description + "\n")
            return ExitStatus.usage
        } catch {
            return ScoutTool.usageError(CLIError("\(error)"), color: options.color)
        }
        let context = BatchContext()
        for (name, value) in options.variables { context.assign(name, value) }
        let session: RunSession
        do { session = try RunSession(options: options, context: context) } catch {
            return ScoutTool.usageError(error, color: options.color)
        }
        var registry = CommandRegistry.standard.withPlugins()
        if let dryRun = session.dryRun { registry = dryRun.registry(from: registry) }
        let runner = registry
        var configuration = ExecutorConfiguration(maxConcurrency: options.jobs, failFast: options.failFast, output: session.output)
        configuration.secrets = .standardStreams
        session.dryRun?.configure(&configuration)
        configuration.isShellArgument = { runner.isShellArgument(command: $0, label: $1, position: $2) }
        let executor = PipelineExecutor(context: context, taskRunner: runner.taskRunner(), reporter: session.reporter, configuration: configuration)
        let mode = options.mode ?? .sequential
        return await session.run {
            let clock = SystemClock()
            let started = clock.now()
            let results = await executor.run(tasks, mode: mode)
            return RunSession.Outcome(results: results, failed: results.contains(where: \.failed), stopReason: context.earlyExitReason,
                                      durationMs: Int((clock.now() - started) * 1000))
        }
    }
}
