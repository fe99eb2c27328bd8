import Glibc
import Scout

/// Reads inputs from the terminal with editing, history, reverse search and completion:
/// raw mode while an input is edited, the waiting mode of ``TerminalMode/enterWaiting()``
/// after it (the session restores the terminal's own mode when it ends). The keys go
/// through ``EditorState``; this type waits for bytes and signals and draws.
final class LineEditor {
    /// How reading an input ended.
    enum Outcome: Equatable {
        /// An input, complete by the rules of ``EditorState/inputStatus``.
        case input(String)
        /// Ctrl-D on an empty input, or the terminal went away.
        case endOfInput
        /// Ctrl-C: the input was dropped.
        case interrupted
        /// SIGTERM or SIGHUP.
        case terminated(Int32)
    }

    let terminal: TerminalMode
    /// The inputs of this session and earlier ones.
    private(set) var history: History
    private var state: EditorState
    private var decoder = KeyDecoder()
    private var queued: [Key] = []
    private var renderer = Renderer()
    private var prompt = Prompt("> ")
    private var continuation = Prompt("> ")
    private var width = 80
    /// How long to wait for the rest of an escape sequence before taking Escape as a key.
    private let escapeTimeoutMilliseconds: Int32 = 50

    /// An editor on `terminal` with a history, the rule for Enter and the completion source.
    init(
        terminal: TerminalMode, history: History,
        inputStatus: @escaping (String) -> InputStatus,
        complete: @escaping (String, Int) -> Completion?
    ) {
        self.terminal = terminal
        self.history = history
        self.state = EditorState(history: history.entries, inputStatus: inputStatus, complete: complete)
    }

    /// Reads one input. `prompt` stands before the first line, `continuation` before the others.
    func read(prompt: Prompt, continuation: Prompt) -> Outcome {
        self.prompt = prompt
        self.continuation = continuation
        state.startInput(history: history.entries)
        terminal.enterRaw()
        defer { terminal.enterWaiting() }
        width = terminal.size.columns
        renderer.forget()
        // When the last output did not end its line, start on a new one.
        terminal.write(String(repeating: " ", count: max(0, width - 1)) + "\r")
        redraw()
        while true {
            if !queued.isEmpty {
                let key = queued.removeFirst()
                if let outcome = apply(key) { return outcome }
                if queued.isEmpty && needsRedraw { redraw() }
                continue
            }
            switch waitForInput() {
            case .keys(let keys):
                queued += keys
            case .signals(let signals):
                if let outcome = handle(signals) { return outcome }
            case .closed:
                terminal.write(renderer.moveBelow())
                return .endOfInput
            }
        }
    }

    // MARK: - Keys

    private var needsRedraw = false

    /// Applies one key; an outcome when the input is over.
    private func apply(_ key: Key) -> Outcome? {
        switch state.handle(key) {
        case .none:
            break
        case .redraw:
            needsRedraw = true
        case .bell:
            terminal.write("\u{7}")
        case .submit(let text):
            finishDrawing()
            history.add(text)
            return .input(text)
        case .endOfInput:
            finishDrawing()
            return .endOfInput
        case .interrupt:
            redraw(cursorAtEnd: true)
            terminal.write("^C")
            terminal.write(renderer.moveBelow())
            return .interrupted
        case .clearScreen:
            terminal.write("\u{1B}[H\u{1B}[2J")
            renderer.forget()
            needsRedraw = true
        case .listCompletions(let items):
            redraw(cursorAtEnd: true)
            terminal.write(renderer.moveBelow())
            terminal.write(Renderer.columns(items, width: width))
            needsRedraw = true
        case .suspend:
            redraw(cursorAtEnd: true)
            terminal.write(renderer.moveBelow())
            // The SIGTSTP handler restores the terminal, stops, and comes back in raw mode
            // with a SIGCONT on the signal pipe, which draws the input again.
            terminal.suspend()
        }
        return nil
    }

    /// Draws the input once more with the cursor at its end, then moves below it.
    private func finishDrawing() {
        state.moveToEnd()
        redraw()
        terminal.write(renderer.moveBelow())
    }

    /// Draws the input; with the cursor at its end before writing below it (the cursor of
    /// the input stays where it is).
    private func redraw(cursorAtEnd: Bool = false) {
        needsRedraw = false
        let shownPrompt = state.search.map { Prompt($0.prompt) } ?? prompt
        let cursor = cursorAtEnd ? state.buffer.count : state.cursor
        terminal.write(renderer.draw(prompt: shownPrompt, continuation: continuation, text: state.buffer, cursor: cursor, width: width))
    }

    // MARK: - Signals

    private func handle(_ signals: [Int32]) -> Outcome? {
        var signals = signals
        if signals.contains(SIGCONT) {
            // A stop and the continue that ends it send a SIGCONT each: take them as one.
            usleep(30_000)
            signals += terminal.takeSignals()
        }
        for signal in signals where signal == SIGTERM || signal == SIGHUP {
            terminal.write(renderer.moveBelow())
            return .terminated(signal)
        }
        if signals.contains(SIGINT) {
            return apply(.control("c"))
        }
        if signals.contains(SIGCONT) {
            width = terminal.size.columns
            renderer.forget()
            redraw()
        } else if signals.contains(SIGWINCH) {
            width = terminal.size.columns
            renderer.resized(to: width)
            redraw()
        }
        return nil
    }

    // MARK: - Waiting

    /// What waiting brought.
    private enum Arrival {
        case keys([Key])
        case signals([Int32])
        case closed
    }

    /// Waits for bytes from the terminal or a signal; after a pause in the middle of an
    /// escape sequence, what came so far.
    private func waitForInput() -> Arrival {
        var fds = [
            pollfd(fd: terminal.input, events: Int16(POLLIN), revents: 0),
            pollfd(fd: terminal.signalDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        let timeout: Int32 = decoder.isWaitingForSequence ? escapeTimeoutMilliseconds : -1
        let n = poll(&fds, 2, timeout)
        if n < 0 { return .keys([]) }
        if n == 0 { return .keys(decoder.flush()) }
        if fds[1].revents & Int16(POLLIN) != 0 {
            let signals = terminal.takeSignals()
            if !signals.isEmpty { return .signals(signals) }
        }
        guard fds[0].revents != 0 else { return .keys([]) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(terminal.input, $0.baseAddress, $0.count) }
        if count < 0 {
            return errno == EINTR || errno == EAGAIN ? .keys([]) : .closed
        }
        if count == 0 { return .closed }
        return .keys(decoder.feed(buffer[0..<count]))
    }
}
