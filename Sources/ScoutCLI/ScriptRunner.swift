import Scout

/// `scout FILE`, `scout -e CODE`, `scout check`: runs scripts with the interpreter inside a
/// `RunSession` (output, progress, Ctrl-C, summary).
struct ScriptRunner {
    let options: CLIOptions

    /// Reads a script file; a usage error when it cannot be read.
    static func load(_ path: String) throws(CLIError) -> SourceFile {
        do {
            return SourceFile(name: path, bytes: try LocalFile.read(path))
        } catch {
            throw CLIError("cannot read \(error.description)")
        }
    }

    /// A context holding the `--var` variables.
    func makeContext() -> BatchContext {
        let context = BatchContext()
        for (name, value) in options.variables { context.assign(name, value) }
        return context
    }

    /// An interpreter for the options, reporting to `reporter` and writing to `output`.
    func makeInterpreter(context: BatchContext, reporter: ProgressReporter?, output: any TaskOutput, screen: TerminalScreen?) -> Interpreter {
        var configuration = InterpreterConfiguration(commands: .standard.withPlugins(), reporter: reporter)
        configuration.executor.maxConcurrency = options.jobs
        configuration.executor.failFast = options.failFast
        configuration.executor.output = output
        if options.dryRun, let screen {
            configuration.commands = DryRun.registry(from: configuration.commands, screen: screen)
        }
        return Interpreter(context: context, configuration: configuration)
    }

    func run(_ source: SourceFile, arguments: [String]) async -> Int32 {
        let context = makeContext()
        let session: RunSession
        do { session = try RunSession(options: options, context: context) } catch {
            return ScoutTool.usageError(error, color: options.color)
        }
        let renderer = DiagnosticRenderer(color: Terminal.useColor(options.color))
        let interpreter = makeInterpreter(context: context, reporter: session.reporter, output: session.output, screen: session.screen)
        let program: Program
        do {
            program = try interpreter.prepare(source, arguments: arguments)
        } catch {
            Terminal.error(renderer.render(error.diagnostics))
            return ExitStatus.usage
        }
        LeftForExit.keep(program)
        return await session.run {
            let result = await interpreter.run(program)
            if !result.errors.isEmpty {
                session.screen.line(String(renderer.render(result.errors).dropLast()))
            }
            return RunSession.Outcome(results: result.results, failed: result.failed, stopReason: result.stopReason, durationMs: result.durationMs)
        }
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
            let interpreter = makeInterpreter(context: makeContext(), reporter: nil, output: DiscardedOutput(), screen: nil)
            let (program, syntax) = interpreter.parse(source)
            let diagnostics = syntax.contains(where: { $0.severity == .error }) ? syntax : syntax + interpreter.check(program)
            LeftForExit.keep(program)
            if !diagnostics.isEmpty { Terminal.error(renderer.render(diagnostics)) }
            if diagnostics.contains(where: { $0.severity == .error }) { failed = true }
        }
        return failed ? ExitStatus.usage : ExitStatus.success
    }
}
