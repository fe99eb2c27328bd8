import Scout

/// The progress view on a terminal: finished tasks as permanent lines (✓ ✗ -), and below
/// them a live region with one line per running task, a spinner and its elapsed time.
final class LiveProgress: Sendable {
    struct State: Sendable {
        var tracker = ProgressTracker()
        var frame = 0
        var ticker: Task<Void, Never>?
    }

    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    let screen: TerminalScreen
    let style: Style
    let verbose: Bool
    let quiet: Bool
    private let clock = SystemClock()
    private let state = SanitizerVisibleMutex(State())

    init(screen: TerminalScreen, style: Style, verbose: Bool, quiet: Bool) {
        self.screen = screen
        self.style = style
        self.verbose = verbose
        self.quiet = quiet
    }

    /// What the view has seen.
    var tracker: ProgressTracker { state.withLock { $0.tracker } }

    /// Starts redrawing the running tasks ten times a second.
    func start() {
        guard !quiet else { return }
        let ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                guard let self else { return }
                self.state.withLock { $0.frame += 1 }
                self.redraw()
            }
        }
        state.withLock { $0.ticker = ticker }
    }

    /// Stops the spinner and removes the live region.
    func stop() {
        state.withLock { s in
            s.ticker?.cancel()
            s.ticker = nil
        }
        screen.clearRegion()
    }

    func handle(_ event: ProgressEvent) {
        let now = clock.now()
        let started = state.withLock { s -> Double? in
            let before = s.tracker.running.first { $0.id == event.taskId }?.started
            s.tracker.apply(event, now: now)
            return before
        }
        if let line = permanentLine(event, started: started, now: now) { screen.line(line) }
        redraw()
    }

    func permanentLine(_ event: ProgressEvent, started: Double?, now: Double) -> String? {
        guard event.taskId.hasPrefix("task:") else { return nil }
        let isStep = event.metadata["parent"] != nil
        let label = style.bold(ProgressTracker.label(event))
        let time = style.dim(Elapsed.text(milliseconds: event.metadata["duration_ms"]?.intValue ?? Int(((now - (started ?? now)) * 1000).rounded())))
        switch event.status {
        case .success:
            guard !quiet, !isStep || verbose, TaskCounting.counts(event) else { return nil }
            return style.green("✓") + " \(label) \(time)"
        case .failure:
            guard !isStep || verbose else { return nil }
            if event.metadata["cancelled"] == .bool(true) {
                return style.yellow("✗") + " \(label) \(time) " + style.yellow(event.metadata["error"]?.description ?? "cancelled")
            }
            return style.red("✗") + " \(label) \(time) " + style.red(event.metadata["error"]?.description ?? "failed")
        case .skipped:
            // Tasks kept from the journal are counted in the summary; one by one only with --verbose.
            guard !quiet, !isStep || verbose, event.metadata["resumed"] == nil || verbose else { return nil }
            return style.yellow("-") + " \(label) " + style.dim("skipped: \(event.metadata["reason"]?.description ?? "")")
        case .retry:
            return style.yellow("↻") + " \(event.message)"
        case .circuitOpen:
            return style.red("⊘") + " \(event.message)"
        case .running, .complete:
            return nil
        }
    }

    func redraw() {
        guard !quiet else { return }
        let (running, frame) = state.withLock { ($0.tracker.running, $0.frame) }
        let now = clock.now()
        let spinner = style.cyan(LiveProgress.spinner[frame % LiveProgress.spinner.count])
        var lines: [String] = []
        let shown = running.filter { task in verbose || task.parent == nil || !running.contains(where: { $0.id == task.parent }) }
        let limit = max(1, min(10, screen.rows - 4))
        for r in shown.prefix(limit) {
            let step = running.last { $0.parent == r.id }
            var detail = step?.detail ?? r.detail
            // The event's message starts with the task's name, which the line already shows.
            if step == nil, detail == r.name {
                detail = ""
            } else if step == nil, detail.hasPrefix(r.name + " ") {
                detail = String(detail.dropFirst(r.name.count + 1))
            }
            if r.attempt > 1 { detail = "attempt \(r.attempt) · " + detail }
            let elapsed = Elapsed.text(milliseconds: Int(((now - r.started) * 1000).rounded()))
            lines.append("\(spinner) \(style.bold(r.label)) \(style.dim(elapsed))  \(style.dim(detail))")
        }
        if shown.count > limit { lines.append(style.dim("  … and \(shown.count - limit) more running")) }
        screen.setRegion(lines)
    }
}
