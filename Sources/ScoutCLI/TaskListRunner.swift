import Scout

/// `scout run tasks.json`: runs the guide's JSON task list with the runtime.
struct TaskListRunner {
    let options: CLIOptions

    func run(path: String) async -> Int32 {
        let style = Style(enabled: Terminal.useColor(options.color))
        let tasks: [BatchTask]
        do {
            let text = try LocalFile.readText(path)
            tasks = try TaskList.parse(text, name: path)
        } catch let error as LocalFile.ReadError {
            return ScoutTool.usageError(CLIError(error.description), color: options.color)
        } catch let error as TaskListError {
            Terminal.error("scout: " + style.boldRed("error") + ": " + error.description + "\n")
            return ExitStatus.usage
        } catch {
            return ScoutTool.usageError(CLIError("\(error)"), color: options.color)
        }
        let context = BatchContext()
        for (name, value) in options.variables { context.assign(name, value) }
        let registry = CommandRegistry.standard.withPlugins()
        var configuration = ExecutorConfiguration(maxConcurrency: options.jobs, failFast: options.failFast)
        configuration.isShellArgument = { registry.isShellArgument(command: $0, label: $1, position: $2) }
        let reporter = ProgressReporter(historyLimit: 0)
        let progress = PlainProgress(style: style, quiet: options.quiet, verbose: options.verbose)
        reporter.on { event in progress.handle(event) }
        let executor = PipelineExecutor(context: context, taskRunner: registry.taskRunner(), reporter: reporter, configuration: configuration)
        let clock = SystemClock()
        let started = clock.now()
        let results = await executor.run(tasks, mode: options.mode ?? .sequential)
        if !options.quiet {
            let ms = Int((clock.now() - started) * 1000)
            Terminal.error(progress.summary(results, milliseconds: ms, stopped: context.earlyExitReason) + "\n")
        }
        return results.contains(where: \.failed) ? ExitStatus.taskFailed : ExitStatus.success
    }
}
