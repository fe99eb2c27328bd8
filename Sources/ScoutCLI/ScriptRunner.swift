import Scout

/// `scout FILE`, `scout -e CODE`: runs a script with the interpreter, reporting progress
/// and errors on stderr.
struct ScriptRunner {
    let options: CLIOptions

    var style: Style { Style(enabled: Terminal.useColor(options.color)) }

    /// Reads a script file; a usage error when it cannot be read.
    static func load(_ path: String) throws(CLIError) -> SourceFile {
        do {
            return SourceFile(name: path, bytes: try LocalFile.read(path))
        } catch {
            throw CLIError("cannot read \(error.description)")
        }
    }

    func makeInterpreter() -> (Interpreter, PlainProgress) {
        let context = BatchContext()
        for (name, value) in options.variables { context.assign(name, value) }
        let reporter = ProgressReporter(historyLimit: 0)
        let progress = PlainProgress(style: style, quiet: options.quiet, verbose: options.verbose)
        reporter.on { event in progress.handle(event) }
        var configuration = InterpreterConfiguration(commands: .standard.withPlugins(), reporter: reporter)
        configuration.executor.maxConcurrency = options.jobs
        configuration.executor.failFast = options.failFast
        return (Interpreter(context: context, configuration: configuration), progress)
    }

    func run(_ source: SourceFile, arguments: [String]) async -> Int32 {
        let (interpreter, progress) = makeInterpreter()
        let renderer = DiagnosticRenderer(color: Terminal.useColor(options.color))
        let result: RunResult
        do {
            result = try await interpreter.run(source, arguments: arguments)
        } catch {
            Terminal.error(renderer.render(error.diagnostics))
            return ExitStatus.usage
        }
        if !result.errors.isEmpty {
            Terminal.error(renderer.render(result.errors))
        }
        if !options.quiet, !result.results.isEmpty || result.stopReason != nil {
            Terminal.error(progress.summary(result.results, milliseconds: result.durationMs, stopped: result.stopReason) + "\n")
        }
        return result.failed ? ExitStatus.taskFailed : ExitStatus.success
    }

    /// `scout check FILE...`: errors exit 2, warnings alone exit 0.
    func check(_ paths: [String]) -> Int32 {
        let renderer = DiagnosticRenderer(color: Terminal.useColor(options.color))
        var failed = false
        for path in paths {
            let source: SourceFile
            do { source = try ScriptRunner.load(path) } catch {
                return ScoutTool.usageError(error, color: options.color)
            }
            let (interpreter, _) = makeInterpreter()
            let diagnostics = interpreter.check(source)
            if !diagnostics.isEmpty { Terminal.error(renderer.render(diagnostics)) }
            if diagnostics.contains(where: { $0.severity == .error }) { failed = true }
        }
        return failed ? ExitStatus.usage : ExitStatus.success
    }
}
