import Glibc
import Scout

/// Everything around one run on the command line: where task output goes, the progress
/// view, the event log, Ctrl-C, the closing summary and the exit status.
final class RunSession: Sendable {
    /// What a run reports back to the session.
    struct Outcome: Sendable {
        /// How the tasks the summary counts ended (a script leaves out its bookkeeping: see ``TaskCounting``).
        var counts: TaskCounts
        var failed: Bool
        var stopReason: String?
        /// The reason a `fail` statement gave.
        var failure: String? = nil
        var durationMs: Int
    }

    let options: CLIOptions
    let style: Style
    let screen: TerminalScreen
    let output: OutputMux
    let reporter: ProgressReporter
    let context: BatchContext
    let live: LiveProgress?
    let events: EventLog?
    /// The plan of a dry run (`--dry-run`), which replaces the progress view.
    let dryRun: DryRun?
    /// The run's journal (`--journal`), resumed from with `--resume` or `--resume-failed`.
    let journal: TaskJournal?
    /// True when people read stderr (not only NDJSON events).
    let humanView: Bool
    private let tracker = SanitizerVisibleMutex(ProgressTracker())
    private let interruption = SanitizerVisibleMutex<Int32?>(nil)
    private let broken: SanitizerVisibleMutex<Bool>
    private let work: SanitizerVisibleMutex<Task<Outcome, Never>?>

    /// Ends the run from outside (`--watch --restart`).
    let canceller: RunCanceller?

    init(options: CLIOptions, context: BatchContext, canceller: RunCanceller? = nil) throws(CLIError) {
        self.options = options
        self.canceller = canceller
        self.context = context
        style = Style(enabled: Terminal.useColor(options.color))
        humanView = options.events == nil || options.eventsTarget != nil
        let dumb = getenv("TERM").map { String(cString: $0) == "dumb" } ?? false
        let live = humanView && Terminal.isTerminal(2) && !dumb && !options.dryRun
        let broken = SanitizerVisibleMutex(false)
        let work = SanitizerVisibleMutex<Task<Outcome, Never>?>(nil)
        self.broken = broken
        self.work = work
        screen = TerminalScreen(live: live, onBrokenStdout: {
            broken.withLock { $0 = true }
            context.setEarlyExit("stdout was closed")
            work.withLock { $0 }?.cancel()
        })
        output = OutputMux(mode: options.output, screen: screen, style: style)
        dryRun = options.dryRun ? DryRun(screen: screen) : nil
        reporter = ProgressReporter(historyLimit: 0)
        let tracker = self.tracker
        reporter.on { event in tracker.withLock { $0.apply(event, now: 0) } }
        if live {
            let view = LiveProgress(screen: screen, style: style, verbose: options.verbose, quiet: options.quiet)
            self.live = view
            reporter.on { event in view.handle(event) }
        } else {
            self.live = nil
            if humanView, !options.dryRun {
                let log = LogProgress(screen: screen, verbose: options.verbose, quiet: options.quiet)
                reporter.on { event in log.handle(event) }
            }
        }
        switch options.eventsTarget {
        case .file(let path)?:
            events = try EventLog(path: path, screen: screen)
        case .descriptor(let fd)?:
            events = try EventLog(descriptor: fd, screen: screen)
        case nil where options.events != nil:
            events = EventLog(screen: screen)
        case nil:
            events = nil
        }
        if let events { reporter.on { event in events.handle(event) } }
        if options.resume != nil, options.journal == nil {
            throw CLIError("\(options.resume == .failed ? "--resume-failed" : "--resume") needs --journal PATH: the journal of the run to resume",
                           hint: "write one with scout --journal run.ndjson ci.scout, then resume with scout --journal run.ndjson --resume ci.scout")
        }
        if let path = options.journal, !options.dryRun {
            do { journal = try TaskJournal(path: path, resume: options.resume) } catch {
                throw CLIError(error.description, hint: options.resume != nil ? "resume from the journal an earlier run wrote with --journal \(path)" : nil)
            }
        } else {
            journal = nil
        }
    }

    /// The events the views of this session read: all of them for an events log; the
    /// failures (and the tasks that may be their parents) for quiet plain logs; else every
    /// task's but bookkeeping's, which no view shows.
    var reportedTasks: ExecutorConfiguration.ReportedTasks {
        if events != nil { return .all }
        if live == nil, options.quiet { return .failures }
        return .counted
    }

    /// Runs `body` with Ctrl-C handling and the live view, then prints the summary and
    /// returns the exit status.
    func run(_ body: @escaping @Sendable () async -> Outcome) async -> Int32 {
        let handler = InterruptHandler(
            onFirst: { [self] sig in
                interruption.withLock { $0 = sig }
                context.setEarlyExit("interrupted")
                if humanView {
                    screen.line(style.yellow("interrupted: stopping the running tasks (press Ctrl-C again to kill them)"))
                }
                work.withLock { $0 }?.cancel()
            },
            beforeExit: { [screen] in screen.clearRegion() })
        handler.install()
        live?.start()
        let task = Task { await body() }
        work.withLock { $0 = task }
        canceller?.register { [context, work] reason in
            context.setEarlyExit(reason)
            work.withLock { $0 }?.cancel()
        }
        let outcome = await task.value
        canceller?.register(nil)
        screen.flush()
        let signal = interruption.withLock { $0 }
        if signal != nil || broken.withLock({ $0 }) {
            await ProcessSupervisor.shared.terminateAll(grace: .seconds(2))
        }
        live?.stop()
        let eventsWritten = (events?.close() ?? true) && !(events?.hasFailed ?? false)
        if humanView, !(options.quiet && !outcome.failed) {
            let summary = RunSummary(style: style).render(
                tracker.withLock { $0 }, counts: outcome.counts, context: context, milliseconds: outcome.durationMs,
                stopped: outcome.stopReason, failure: outcome.failure, interrupted: signal != nil, wouldRun: dryRun?.wouldRun)
            screen.line(String(summary.dropLast()))
        } else if humanView, let reason = outcome.stopReason, signal == nil {
            // Quiet, and nothing failed: the reason a run stopped early still shows.
            screen.line(style.yellow("stopped: \(reason)"))
        }
        let journalError = journal?.writeError
        if let journalError { screen.line(style.boldRed("error") + ": the journal could not be written (a resumed run will run its later tasks again): " + journalError) }
        if let resumed = journal?.resumedCount, resumed > 0, humanView, !options.quiet {
            screen.line("resumed: \(resumed) task\(resumed == 1 ? "" : "s") kept \(resumed == 1 ? "its result" : "their results") from the journal")
        }
        handler.uninstall()
        if let signal { return 128 + signal }
        if broken.withLock({ $0 }) { return 128 + SIGPIPE }
        if outcome.failed || !eventsWritten || journalError != nil { return ExitStatus.taskFailed }
        return ExitStatus.success
    }
}
