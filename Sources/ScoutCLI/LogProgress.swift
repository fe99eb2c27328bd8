import Glibc
import Scout

/// The progress view when stderr is not a terminal (CI, a pipe): one plain, timestamped line
/// per event worth logging, no escape codes.
struct LogProgress: Sendable {
    let screen: TerminalScreen
    let verbose: Bool
    let quiet: Bool

    func handle(_ event: ProgressEvent) {
        guard let text = line(for: event) else { return }
        screen.line(LogProgress.timestamp() + " " + text)
    }

    func line(for event: ProgressEvent) -> String? {
        guard event.taskId.hasPrefix("task:") else { return nil }
        // Quiet: only failures, retries and open breakers are shown (most events, quickly passed).
        if quiet, event.status == .running || event.status == .success || event.status == .skipped { return nil }
        let isStep = event.metadata["parent"] != nil
        let label = ProgressTracker.label(event)
        let duration = event.metadata["duration_ms"]?.intValue.map { " (\(Elapsed.text(milliseconds: $0)))" } ?? ""
        func padded(_ word: String) -> String { word.padding(to: 8) }
        switch event.status {
        case .running:
            guard !quiet, !isStep || verbose, TaskCounting.counts(event) else { return nil }
            return padded("start") + event.message + (event.metadata["iteration"]?.stringValue.map { " [\($0)]" } ?? "")
        case .success:
            guard !quiet, !isStep || verbose, TaskCounting.counts(event) else { return nil }
            return padded("ok") + label + duration
        case .failure:
            guard !isStep || verbose else { return nil }
            if event.metadata["cancelled"] == .bool(true) { return padded("cancel") + label + duration + ": " + (event.metadata["error"]?.description ?? "cancelled") }
            return padded("FAILED") + label + duration + ": " + (event.metadata["error"]?.description ?? "failed")
        case .skipped:
            // Tasks kept from the journal are counted in the summary; one by one only with --verbose.
            guard !quiet, !isStep || verbose, event.metadata["resumed"] == nil || verbose else { return nil }
            return padded("skipped") + label + ": " + (event.metadata["reason"]?.description ?? "")
        case .retry:
            return padded("retry") + event.message
        case .circuitOpen:
            return padded("circuit") + event.message
        case .complete:
            return nil
        }
    }

    /// The local time as HH:MM:SS.
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
