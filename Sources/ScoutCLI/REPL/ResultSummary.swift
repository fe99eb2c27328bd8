import Scout

/// The short line the REPL prints after a task ran, and for each line of `:results`:
/// `build: success in 12ms, exit 0, output "hello"`.
struct ResultSummary: Sendable {
    /// The colours, or none.
    let style: Style

    /// The summary of `result`, at most about `width` columns wide; with the error of a
    /// failure unless `error` is false (the progress line has shown it).
    func line(_ result: TaskResult, width: Int, error showError: Bool = true) -> String {
        var text = (result.name ?? result.command) + ": "
        var shown = text
        let status = result.status.rawValue
        shown += status
        switch result.status {
        case .success: text += style.green(status)
        case .skipped: text += style.yellow(status)
        default: text += result.failed ? style.red(status) : status
        }
        var details = ""
        if !result.skipped { details += " in " + Elapsed.text(milliseconds: result.durationMs) }
        if let code = result.exitCode { details += ", exit \(code)" }
        if result.timedOut { details += ", timed out" }
        if result.attempts > 1 { details += ", \(result.attempts) attempts" }
        if showError, result.failed, let error = result.error, !error.isEmpty { details += ", " + error }
        if result.skipped, let reason = result.skipReason, !reason.isEmpty { details += ": " + reason }
        shown += details
        text += style.dim(details)
        if !result.output.isNull, result.output != .string("") {
            let label = ", output "
            let room = max(12, width - DisplayWidth.of(shown) - label.count - 2)
            text += style.dim(label) + ValuePrinter(color: false).preview(result.output, width: room)
        }
        return text
    }
}
