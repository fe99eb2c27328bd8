import Glibc
import Scout

/// `scout FILE`, `scout -e CODE`, `scout check`: runs scripts with the interpreter inside a
/// `RunSession` (output, progress, Ctrl-C, summary).
struct ScriptRunner {
    let options: CLIOptions
    /// The up-to-date records to use (`--watch` keeps one across runs, to learn the sources
    /// to watch); nil for the one beside the script.
    var upToDate: UpToDateStore? = nil
    /// Ends a run from outside (`--watch --restart`).
    var canceller: RunCanceller? = nil
    /// True for a run of `--watch`'s loop (a `--watch` among the script's words starts none).
    var watching = false

    /// Reads a script file; a usage error when it cannot be read.
    static func load(_ path: String) throws(CLIError) -> SourceFile {
        do {
            return SourceFile(name: path, bytes: try LocalFile.read(path))
        } catch {
            throw CLIError("cannot read \(error.description)")
        }
    }

    /// A context holding the `--var` variables and `script_dir`.
    func makeContext(scriptDirectory: String) -> BatchContext {
        let context = BatchContext(resultLimit: 0)
        context.assign("script_dir", .string(scriptDirectory))
        for (name, value) in options.variables { context.assign(name, value) }
        return context
    }

    /// The directory a script file is in, absolute and with links resolved (`script_dir`);
    /// the current directory for `-e` and standard input.
    static func directory(of source: SourceFile, isFile: Bool) -> String {
        guard isFile else { return WorkingDirectory.current() }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let path = realpath(source.name, &buffer) != nil
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : WorkingDirectory.absolute(source.name)
        guard let slash = path.lastIndex(of: "/") else { return WorkingDirectory.current() }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// An interpreter for the options, reporting to `reporter` and writing to `output`.
    func makeInterpreter(context: BatchContext, reporter: ProgressReporter?, output: any TaskOutput, dryRun: DryRun?, journal: TaskJournal? = nil,
                         reportedTasks: ExecutorConfiguration.ReportedTasks = .all) -> Interpreter {
        var configuration = InterpreterConfiguration(commands: .standard.withPlugins(), reporter: reporter)
        // The summary counts results and reads failures from the context: none is kept, so
        // memory stays flat however many tasks a script runs.
        configuration.keptResults = 0
        configuration.executor.maxConcurrency = options.jobs
        if let runner = options.runner {
            configuration.executor.runner = runner
            configuration.executor.runnerChosenOutside = true
        }
        configuration.executor.failFast = options.failFast
        configuration.executor.reportedTasks = reportedTasks
        configuration.executor.output = output
        // What scripts mark secret is masked in everything this process writes.
        configuration.executor.secrets = .standardStreams
        configuration.executor.journal = journal
        // Tasks with `sources` keep their records beside the script.
        if let upToDate {
            configuration.executor.upToDate = upToDate
        } else if let directory = context.getVar("script_dir")?.stringValue {
            configuration.executor.upToDate = UpToDateStore(directory: directory == "/" ? "/.scout" : directory + "/.scout", force: options.force)
        }
        if let dryRun {
            configuration.commands = dryRun.registry(from: configuration.commands)
            dryRun.configure(&configuration.executor)
        }
        return Interpreter(context: context, configuration: configuration)
    }

    /// Runs a script with the words that follow its name (options, task names, `args`).
    func run(_ source: SourceFile, arguments: [String], isFile: Bool = true) async -> Int32 {
        let renderer = DiagnosticRenderer(color: Terminal.useColor(options.color))
        let (parsed, syntax) = Parser.parse(source, functions: FunctionTable.builtins.names)
        if syntax.contains(where: { $0.severity == .error }) {
            Terminal.error(renderer.render(syntax.filter { $0.severity == .error }))
            return ExitStatus.usage
        }
        let words: ScriptArguments
        do { words = try ScriptArguments(arguments, program: parsed, options: options) } catch {
            return ScoutTool.usageError(error, color: options.color)
        }
        let help = ScriptHelp(program: parsed, name: source.name)
        switch words.request {
        case .help:
            FileDescriptorWriter.writeAll(1, help.help())
            return ExitStatus.success
        case .list:
            FileDescriptorWriter.writeAll(1, help.list())
            return ExitStatus.success
        case .run:
            break
        }
        // `./ci.scout --watch`: the run options after the script's name, as before it.
        if words.options.restart, !words.options.watch {
            return ScoutTool.usageError(CLIError("--restart only has a meaning with --watch", hint: "scout --watch --restart ci.scout"), color: options.color)
        }
        if words.options.watch, !watching, !words.options.dryRun {
            guard isFile else {
                return ScoutTool.usageError(CLIError("--watch needs a script file, not -e CODE", hint: "save the code to a file: scout --watch ci.scout"), color: options.color)
            }
            var base = options
            base.watch = true
            base.restart = words.options.restart
            return await WatchLoop(options: base, path: source.name, arguments: arguments).run()
        }
        return await ScriptRunner(options: words.options, upToDate: upToDate, canceller: canceller, watching: watching).run(parsed, words: words, isFile: isFile)
    }

    private func run(_ parsed: Program, words: ScriptArguments, isFile: Bool) async -> Int32 {
        let context = makeContext(scriptDirectory: ScriptRunner.directory(of: parsed.source, isFile: isFile))
        for (name, value) in words.values { context.assign(name, value) }
        let session: RunSession
        do { session = try RunSession(options: options, context: context, canceller: canceller) } catch {
            return ScoutTool.usageError(error, color: options.color)
        }
        let renderer = DiagnosticRenderer(color: Terminal.useColor(options.color))
        let interpreter = makeInterpreter(context: context, reporter: session.reporter, output: session.output, dryRun: session.dryRun, journal: session.journal,
                                          reportedTasks: session.reportedTasks)
        context.assign("args", .list(words.args.map(Value.string)))
        let errors = interpreter.check(parsed).filter { $0.severity == .error }
        if !errors.isEmpty {
            Terminal.error(renderer.render(errors))
            return ExitStatus.usage
        }
        let program = words.tasks.isEmpty ? parsed : TaskSelection(parsed).program(running: Set(words.tasks))
        return await session.run {
            let result = await interpreter.run(program)
            if !result.errors.isEmpty {
                session.screen.line(String(renderer.render(result.errors).dropLast()))
            }
            return RunSession.Outcome(counts: result.counts, failed: result.failed, stopReason: result.stopReason,
                                      failure: result.failure, durationMs: result.durationMs)
        }
    }

    /// `scout check FILE...`: errors exit 2, warnings alone exit 0.
    func check(_ paths: [String]) -> Int32 {
        let renderer = DiagnosticRenderer(color: Terminal.useColor(options.color))
        var failed = false
        for path in paths {
            if path.hasSuffix(".json") {
                let status = TaskListRunner(options: options).check(path: path)
                if status == ExitStatus.usage { failed = true } else if status != ExitStatus.success { return status }
                continue
            }
            let source: SourceFile
            do { source = try ScriptRunner.load(path) } catch {
                return ScoutTool.usageError(error, color: options.color)
            }
            let context = makeContext(scriptDirectory: ScriptRunner.directory(of: source, isFile: path != "-"))
            let interpreter = makeInterpreter(context: context, reporter: nil, output: DiscardedOutput(), dryRun: nil)
            let diagnostics = interpreter.check(source)
            if !diagnostics.isEmpty { Terminal.error(renderer.render(diagnostics)) }
            if diagnostics.contains(where: { $0.severity == .error }) { failed = true }
        }
        return failed ? ExitStatus.usage : ExitStatus.success
    }
}
