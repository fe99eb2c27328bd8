/// What a SIGINT or SIGTERM during a run means. The first interrupts: stop launching, end the
/// running tasks, report. Signals that arrive together count as that one: GNU `timeout` signals
/// scout and then its whole process group (so scout gets two at once), and a terminal's Ctrl-C
/// reaches every process of the foreground group. So a signal escalates (kill everything at
/// once) only when it arrives more than `window` seconds after the first one was handled: a
/// second Ctrl-C pressed after the "press Ctrl-C again" line, not an echo of the first.
struct InterruptTally {
    /// What to do with a signal.
    enum Decision: Equatable {
        /// The first: stop the run and report.
        case interrupt
        /// Part of the first (it came while the first was being handled, or just after): ignored.
        case same
        /// A later one: kill the running tasks and exit at once.
        case escalate
    }

    /// How long after the first signal was handled others still count as part of it.
    static let window = 0.5

    private var received = false
    private var handledAt: Double?

    /// Decides what a signal arriving at `now` (seconds on a monotonic clock) means.
    mutating func receive(at now: Double) -> Decision {
        guard received else {
            received = true
            return .interrupt
        }
        guard let handledAt, now - handledAt > InterruptTally.window else { return .same }
        return .escalate
    }

    /// Records that the first signal was handled (the run told to stop) at `now`.
    mutating func handled(at now: Double) {
        handledAt = handledAt ?? now
    }
}
