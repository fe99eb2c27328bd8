import Scout

/// Runs the REPL's inputs in one interpreter (one ``BatchContext``) through the same
/// executor and progress lines as a script, and shows what they did: each expression's value
/// on stdout, and on stderr each task's summary (on a terminal), errors as the command line
/// renders them, and why the pipeline stopped.
struct REPLEvaluator: Sendable {
    /// What an input did, from best to worst.
    enum Outcome: Int, Comparable, Sendable {
        case ok
        /// A `stop` ended it early.
        case stopped
        case taskFailed
        /// A runtime error ended it.
        case runtimeError
        /// Ctrl-C cancelled it.
        case interrupted
        /// It did not parse or check: nothing ran.
        case syntaxError

        static func < (a: Outcome, b: Outcome) -> Bool { a.rawValue < b.rawValue }
    }

    let interpreter: Interpreter
    let interactive: Bool
    /// `--quiet`: summaries of failures only.
    let quiet: Bool
    let diagnostics: DiagnosticRenderer
    let style: Style
    let summary: ResultSummary
    let printer: ValuePrinter
    /// The terminal's width, for summaries.
    let width: @Sendable () -> Int
    /// Whether expression statements print their values (not while a script is loaded).
    private let showValues: SharedValue<Bool>
    /// The live progress view, on a terminal.
    private let live: LiveProgress?

    /// An evaluator with a fresh interpreter: the options' variables, concurrency and
    /// progress settings; values and summaries coloured when their streams are terminals.
    init(options: CLIOptions, interactive: Bool, width: @escaping @Sendable () -> Int = { 80 }) {
        let errorColor = Terminal.useColor(options.color)
        let printer = ValuePrinter(color: Terminal.useColor(options.color, fd: 1))
        let style = Style(enabled: errorColor)
        let context = BatchContext()
        for (name, value) in options.variables { context.assign(name, value) }
        // The same progress view as a script's: live on a terminal, plain lines elsewhere.
        let reporter = ProgressReporter(historyLimit: 0)
        let live = interactive && Terminal.isTerminal(2)
        // Values are written straight to stdout between inputs: task output must not wait.
        let screen = TerminalScreen(live: live, gathering: false)
        if live {
            let view = LiveProgress(screen: screen, style: style, verbose: options.verbose, quiet: options.quiet)
            reporter.on { event in view.handle(event) }
            self.live = view
        } else {
            let log = LogProgress(screen: screen, verbose: options.verbose, quiet: options.quiet)
            reporter.on { event in log.handle(event) }
            self.live = nil
        }
        var configuration = InterpreterConfiguration(commands: .standard.withPlugins(), reporter: reporter)
        configuration.executor.output = OutputMux(mode: options.output, screen: screen, style: style)
        configuration.executor.maxConcurrency = options.jobs
        configuration.executor.failFast = options.failFast
        configuration.executor.secrets = .standardStreams
        let showValues = SharedValue(true)
        configuration.onValue = { value, _ in
            guard showValues.value else { return }
            FileDescriptorWriter.writeAll(1, printer.format(value) + "\n")
        }
        self.showValues = showValues
        self.interpreter = Interpreter(context: context, configuration: configuration)
        self.interactive = interactive
        self.quiet = options.quiet
        self.diagnostics = DiagnosticRenderer(color: errorColor)
        self.style = style
        self.summary = ResultSummary(style: style)
        self.printer = printer
        self.width = width
    }

    /// The session's variables, results and early-exit flag.
    var context: BatchContext { interpreter.context }

    /// Runs one input. `firstLine` is the line of the input where `source` starts (piped
    /// input counts its lines, so errors point at them); a script run with `:load` shows no
    /// values. The second value is whether the input belongs in `:save`: it ran without an
    /// error or an interrupt, and does more than show values.
    func run(_ source: SourceFile, firstLine: Int = 1, isScript: Bool = false) async -> (Outcome, accepted: Bool) {
        if interactive { context.clearEarlyExit() }
        let text = String(decoding: source.bytes, as: UTF8.self)
        if !isScript, let name = REPLEvaluator.bareName(text), showVariable(name) { return (.ok, false) }
        let result: RunResult
        showValues.update { $0 = !isScript }
        defer { showValues.update { $0 = true } }
        live?.start()
        do {
            result = try await interpreter.run(source)
            live?.stop()
        } catch {
            live?.stop()
            Terminal.error(diagnostics.render(REPLEvaluator.relocate(error.diagnostics, of: source, firstLine: firstLine)))
            return (.syntaxError, false)
        }
        let cancelled = Task.isCancelled
        if interactive {
            for r in result.results where summarizes(r) {
                Terminal.error(style.dim("= ") + summary.line(r, width: width() - 2, error: false) + "\n")
            }
        }
        // Tasks that failed on an error in what was typed: shown at its place, as other errors are.
        let placed = result.results.compactMap { $0.failed ? $0.diagnostic : nil }.filter { $0.source === source }
        if !placed.isEmpty {
            Terminal.error(diagnostics.render(REPLEvaluator.relocate(placed, of: source, firstLine: firstLine)))
        }
        if !result.errors.isEmpty {
            Terminal.error(diagnostics.render(REPLEvaluator.relocate(result.errors, of: source, firstLine: firstLine)))
        }
        if cancelled {
            Terminal.error(style.yellow("interrupted") + "\n")
            return (.interrupted, false)
        }
        if !result.errors.isEmpty { return (.runtimeError, false) }
        let worthSaving = !interpreter.parse(source).program.statements.allSatisfy {
            if case .expression = $0.kind { return true } else { return false }
        }
        if let reason = result.stopReason {
            if interactive { Terminal.error(style.yellow("stopped: ") + reason + "\n") }
            return (result.failed ? .taskFailed : .stopped, worthSaving)
        }
        return (result.failed ? .taskFailed : .ok, worthSaving)
    }

    /// Whether a result gets a summary line: not the successes of `print` (what it printed
    /// says it all), and with `--quiet` only failures.
    func summarizes(_ r: TaskResult) -> Bool {
        if quiet { return r.failed }
        return !(r.command == "print" && r.name == nil && r.ok)
    }

    /// An input that is only a name (`build`): a statement would call a command of that
    /// name; the REPL shows the variable instead when there is one and no such command.
    static func bareName(_ text: String) -> String? {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "<repl>", text: text))
        guard diagnostics.isEmpty else { return nil }
        let meaningful = tokens.filter { $0.kind != .newline && $0.kind != .endOfFile }
        guard meaningful.count == 1, meaningful[0].kind == .identifier else { return nil }
        return meaningful[0].text
    }

    private func showVariable(_ name: String) -> Bool {
        guard let value = context.lookup(name), interpreter.configuration.commands.spec(name) == nil,
            !interpreter.userCommandNames.contains(name)
        else { return false }
        FileDescriptorWriter.writeAll(1, printer.format(value) + "\n")
        return true
    }

    /// Diagnostics about `source` moved to the lines where it stands in the whole input.
    static func relocate(_ diagnostics: [Diagnostic], of source: SourceFile, firstLine: Int) -> [Diagnostic] {
        guard firstLine > 1 else { return diagnostics }
        let padding = firstLine - 1
        let shifted = SourceFile(name: source.name, bytes: [UInt8](repeating: UInt8(ascii: "\n"), count: padding) + source.bytes)
        return diagnostics.map { d in
            guard let s = d.source, s === source, d.span.line > 0 else { return d }
            var moved = d
            moved.source = shifted
            moved.span.line += padding
            moved.span.offset += padding
            return moved
        }
    }
}
