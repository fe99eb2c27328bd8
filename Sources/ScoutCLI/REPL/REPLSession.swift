import Glibc
import Scout

/// One REPL session, on the thread that reads its inputs: runs each input (a statement or a
/// meta-command), keeps the inputs that were accepted for `:save`, and the worst outcome so
/// far for the exit status.
final class REPLSession {
    let options: CLIOptions
    /// True on a terminal; false for piped input.
    let interactive: Bool
    /// The interpreter and how inputs are shown; replaced by `:reset`.
    private(set) var evaluator: REPLEvaluator
    /// The inputs that ran without an error, in order, but those that only showed values (`:save` writes them).
    private(set) var accepted: [String] = []
    /// The worst outcome of an input so far.
    private(set) var worst: REPLEvaluator.Outcome = .ok
    /// The signal that ended the session (SIGTERM, SIGHUP), if one did.
    private(set) var terminatedBy: Int32?
    /// The pipe the terminal's signal handlers write to, watched while an input runs.
    let signalDescriptor: Int32?
    private let width: @Sendable () -> Int
    private let style: Style

    /// A session with a fresh interpreter.
    init(options: CLIOptions, interactive: Bool, signalDescriptor: Int32? = nil, width: @escaping @Sendable () -> Int = { 80 }) {
        self.options = options
        self.interactive = interactive
        self.signalDescriptor = signalDescriptor
        self.width = width
        self.style = Style(enabled: Terminal.useColor(options.color, fd: 1))
        self.evaluator = REPLEvaluator(options: options, interactive: interactive, width: width)
    }

    /// Runs one input. Returns false when the session is over (`:quit`, a signal; for piped
    /// input also a syntax error, a runtime error or a `stop`, as in a script).
    func submit(_ input: String, firstLine: Int = 1) -> Bool {
        if input.allSatisfy(\.isWhitespace) { return true }
        if let meta = MetaCommand(parsing: input) { return perform(meta) }
        let name = interactive ? "<repl>" : "<stdin>"
        let (outcome, wasAccepted) = execute(SourceFile(name: name, text: input), firstLine: firstLine)
        if wasAccepted { accepted.append(input) }
        return record(outcome)
    }

    /// Notes an outcome; false when it ends the session.
    private func record(_ outcome: REPLEvaluator.Outcome) -> Bool {
        worst = max(worst, outcome)
        if terminatedBy != nil { return false }
        if interactive { return true }
        switch outcome {
        case .ok, .taskFailed: return true
        case .stopped, .runtimeError, .interrupted, .syntaxError: return false
        }
    }

    /// Runs a source, on a terminal under an interrupt watcher (Ctrl-C cancels it).
    private func execute(_ source: SourceFile, firstLine: Int, isScript: Bool = false) -> (REPLEvaluator.Outcome, Bool) {
        let evaluator = self.evaluator
        guard let signalDescriptor else {
            return BlockingTask.run { await evaluator.run(source, firstLine: firstLine, isScript: isScript) }
        }
        let running = SharedValue<Task<Void, Never>?>(nil)
        let watcher = InterruptWatcher(signalDescriptor: signalDescriptor) { signal in
            // The terminal does not echo while a statement runs: show the key.
            if signal == SIGINT { Terminal.error("^C\n") }
            running.value?.cancel()
        }
        let result = BlockingTask.run({ await evaluator.run(source, firstLine: firstLine, isScript: isScript) }, started: { task in
            running.update { $0 = task }
        })
        watcher.stop()
        if let signal = watcher.termination.value { terminatedBy = signal }
        return result
    }

    /// The exit status, as for a script: 0; 1 when a task failed or an input had an error;
    /// 2 after a syntax error; 130 after an interrupt or a termination signal.
    var exitStatus: Int32 {
        if terminatedBy != nil { return ExitStatus.interrupted }
        switch worst {
        case .ok, .stopped: return ExitStatus.success
        case .taskFailed, .runtimeError: return ExitStatus.taskFailed
        case .interrupted: return ExitStatus.interrupted
        case .syntaxError: return ExitStatus.usage
        }
    }

    /// The completion source for the session as it stands.
    func completer() -> Completer {
        let interpreter = evaluator.interpreter
        var completer = Completer()
        completer.commands = interpreter.configuration.commands.names + interpreter.userCommandNames
        completer.functions = interpreter.configuration.functions.names.sorted()
        completer.variables = interpreter.context.visibleNames()
        completer.metaCommands = MetaCommand.names
        completer.value = { path in interpreter.context.getVar(path) }
        return completer
    }

    // MARK: - Meta-commands

    private func perform(_ meta: MetaCommand) -> Bool {
        switch meta {
        case .help:
            out(REPLSession.help)
        case .vars:
            showVariables()
        case .results:
            showResults()
        case .load(let path):
            load(REPLSession.expandHome(path))
        case .save(let path):
            save(REPLSession.expandHome(path))
        case .reset:
            evaluator = REPLEvaluator(options: options, interactive: interactive, width: width)
            accepted = []
            message("a fresh session: variables, results, commands and policies are gone")
        case .quit:
            return false
        case .missingFile(let name):
            return record(problem("\(name) needs a file", hint: "\(name) FILE.scout"))
        case .unknown(let name):
            let hint = Suggestion.closest(to: name, in: MetaCommand.names).map { "did you mean '\($0)'?" } ?? "see :help"
            return record(problem("unknown meta-command '\(name)'", hint: hint))
        }
        return true
    }

    private func showVariables() {
        let variables = evaluator.context.variables
        // Left out: an empty `args`, and `script_dir`, which every run defines.
        let shown = variables.filter { !($0.key == "args" && $0.value == .list([])) && $0.key != "script_dir" }
        guard !shown.isEmpty else {
            message("no variables yet")
            return
        }
        let printer = ValuePrinter(color: false)
        for (name, value) in shown {
            let room = max(10, width() - DisplayWidth.of(name) - 3)
            out(style.bold(name) + " = " + printer.preview(value, width: room) + "\n")
        }
    }

    private func showResults() {
        let results = evaluator.context.results
        guard !results.isEmpty else {
            message("no results yet")
            return
        }
        let summary = ResultSummary(style: style)
        for (n, r) in results.enumerated() {
            let number = "\(n + 1). "
            out(style.dim(number) + summary.line(r, width: width() - number.count) + "\n")
        }
    }

    private func load(_ path: String) {
        let source: SourceFile
        do {
            source = try ScriptRunner.load(path)
        } catch {
            _ = record(problem(error.message))
            return
        }
        let (outcome, wasAccepted) = execute(source, firstLine: 1, isScript: true)
        if wasAccepted { accepted.append(String(decoding: source.bytes, as: UTF8.self)) }
        _ = record(outcome)
    }

    private func save(_ path: String) {
        let text = accepted.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            _ = record(problem("cannot write \(path): \(String(cString: strerror(errno)))"))
            return
        }
        let ok = FileDescriptorWriter.writeAll(fd, text)
        close(fd)
        guard ok else {
            _ = record(problem("cannot write \(path)"))
            return
        }
        let count = accepted.count
        message("saved \(count) input\(count == 1 ? "" : "s") to \(path); run it with: scout \(path)")
    }

    /// `~/x` as a path under the home folder.
    static func expandHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = getenv("HOME") else { return path }
        return String(cString: home) + path.dropFirst()
    }

    // MARK: - Output

    private func out(_ text: String) {
        FileDescriptorWriter.writeAll(1, text)
    }

    private func message(_ text: String) {
        Terminal.error(Style(enabled: Terminal.useColor(options.color)).dim(text) + "\n")
    }

    /// Reports a mistake in a meta-command (an error, as a syntax error would be).
    private func problem(_ text: String, hint: String? = nil) -> REPLEvaluator.Outcome {
        let s = Style(enabled: Terminal.useColor(options.color))
        var line = s.boldRed("error") + ": " + text + "\n"
        if let hint { line += "  " + s.dim("hint: ") + hint + "\n" }
        Terminal.error(line)
        return .syntaxError
    }

    static let help = """
        Type statements as in a script; each runs when it is complete. A statement goes on
        over several lines while a bracket or a \"\"\" string is open, or after an operator or
        a comma. An expression on its own line shows its value; a name on its own shows
        the variable.

        Meta-commands:
          :help           this text
          :vars           the variables and their values
          :results        the results of the tasks run so far
          :load FILE      run a script into the session
          :save FILE      write the session's statements to FILE (run it with scout FILE)
          :reset          start afresh: no variables, results, commands or policies
          :quit, :q       leave (Ctrl-D on an empty line too)

        Keys: Tab completes; Up/Down walk the history; Ctrl-R searches it; Ctrl-C drops
        the line or interrupts what runs; Ctrl-L clears the screen. More: scout help repl

        """
}
