import Dispatch
import Glibc
import Scout

/// `scout repl`, and `scout` alone: on a terminal, the interactive REPL with its line editor;
/// otherwise (a pipe, a file) the statements of standard input, run as they arrive, with
/// values printed and no prompt.
enum REPL {
    /// Runs the session on a thread of its own (reading the terminal blocks) and returns the exit status.
    static func run(options: CLIOptions) async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "scout.repl").async {
                continuation.resume(returning: runBlocking(options: options))
            }
        }
    }

    static func runBlocking(options: CLIOptions) -> Int32 {
        if let terminal = TerminalMode(input: 0, output: 1) {
            return interactive(terminal, options: options)
        }
        return piped(options: options)
    }

    // MARK: - On a terminal

    static func interactive(_ terminal: TerminalMode, options: CLIOptions) -> Int32 {
        terminal.installSignalHandlers()
        defer {
            terminal.restore()
            terminal.removeSignalHandlers()
        }
        let width: @Sendable () -> Int = { TerminalMode.columns(of: 1) ?? 80 }
        let session = REPLSession(options: options, interactive: true, signalDescriptor: terminal.signalDescriptor, width: width)
        let editor = LineEditor(
            terminal: terminal, history: History(path: History.defaultPath()),
            inputStatus: InputCompleteness.status(of:),
            complete: { text, cursor in session.completer().complete(text, cursor: cursor) })
        let style = Style(enabled: Terminal.useColor(options.color, fd: 1))
        let prompt = Prompt("scout> ", paint: { style.wrap($0, "1;36") })
        let continuation = Prompt("  ...> ", paint: style.dim)
        Terminal.error(Style(enabled: Terminal.useColor(options.color)).dim("scout \(ScoutVersion.string): :help for help, Ctrl-D to quit") + "\n")
        while true {
            switch editor.read(prompt: prompt, continuation: continuation) {
            case .input(let text):
                guard session.submit(text) else { return session.terminatedBy != nil ? ExitStatus.interrupted : ExitStatus.success }
            case .interrupted:
                continue
            case .endOfInput:
                return ExitStatus.success
            case .terminated:
                return ExitStatus.interrupted
            }
        }
    }

    // MARK: - Piped

    /// Reads lines, joins those of one statement, and runs each statement as it is complete.
    static func piped(options: CLIOptions) -> Int32 {
        let session = REPLSession(options: options, interactive: false)
        var reader = PlainLineReader(descriptor: 0)
        var gatherer = StatementGatherer()
        while let line = reader.next() {
            guard let statement = gatherer.add(line) else { continue }
            guard session.submit(statement.text, firstLine: statement.firstLine) else { return session.exitStatus }
        }
        if gatherer.hasPending {
            // The input ended inside a statement: the parser reports what is missing.
            let rest = gatherer.take()
            _ = session.submit(rest.text, firstLine: rest.firstLine)
        }
        return session.exitStatus
    }
}
