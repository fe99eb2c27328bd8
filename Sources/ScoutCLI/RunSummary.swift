import Scout

/// The closing summary of a run: counts, total time, and each failure with its error and
/// the last lines its command wrote.
struct RunSummary {
    let style: Style
    /// How many of a failed command's last lines to show.
    static let tailLines = 8

    func render(_ tracker: ProgressTracker, counts: TaskCounts, context: BatchContext, milliseconds: Int,
                stopped: String?, failure: String? = nil, interrupted: Bool, wouldRun: Int? = nil) -> String {
        var out = ""
        if let failure, !interrupted {
            out += style.red("✗") + " " + style.bold("failed") + ": " + failure + "\n"
        }
        // After an interrupt, tasks stopped by it are not worth listing as failures.
        let failures = tracker.leafFailures.filter { !(interrupted && $0.error == "cancelled") }
        if !failures.isEmpty {
            out += style.bold("Failures:") + "\n"
            for f in failures {
                if let diagnostic = context.result(id: f.id)?.diagnostic {
                    // An error in the script: shown as the checker shows one, at its place.
                    out += "  " + style.red("✗") + " " + style.bold(f.label) + "\n"
                    out += DiagnosticRenderer(color: style.enabled).render(diagnostic)
                    continue
                }
                out += "  " + style.red("✗") + " " + style.bold(f.label) + ": " + f.error + "\n"
                if let r = context.result(id: f.id) {
                    for line in RunSummary.tail(r.stderr?.isEmpty == false ? r.stderr : r.stdout) {
                        out += "      " + style.dim("│ " + line) + "\n"
                    }
                }
            }
        }
        if let wouldRun {
            // Nothing ran: the counts are of the plan.
            let skipped = counts.skipped
            var line = "dry run: \(wouldRun) task\(wouldRun == 1 ? "" : "s") would run"
            if skipped > 0 { line += ", \(skipped) would be skipped" }
            line += ", nothing ran"
            if let stopped { line += style.yellow(" (would stop: \(stopped))") }
            return out + line + "\n"
        }
        let (ok, cancelled, failed, skipped) = (counts.succeeded + counts.notRun, counts.cancelled, counts.failed, counts.skipped)
        var parts: [String] = []
        if counts.total > 0 { parts.append(style.green("\(ok) succeeded")) }
        if failed > 0 { parts.append(style.red("\(failed) failed")) }
        if cancelled > 0 { parts.append(style.yellow("\(cancelled) cancelled")) }
        if skipped > 0 { parts.append(style.yellow("\(skipped) skipped")) }
        // A run of bookkeeping only (`print`s) has no tasks to count.
        if parts.isEmpty { parts.append("done") }
        var line = parts.joined(separator: ", ") + " in " + Elapsed.text(milliseconds: milliseconds)
        if interrupted {
            line += style.yellow(" (interrupted)")
        } else if let failure {
            line += style.red(" (failed: \(failure))")
        } else if let stopped {
            line += style.yellow(" (stopped: \(stopped))")
        }
        return out + line + "\n"
    }

    /// The last lines of a command's output, without trailing blank lines.
    static func tail(_ text: String?) -> [String] {
        guard let text else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        // Masked before they are cut: a cut must not leave part of a secret to show.
        return lines.suffix(tailLines).map(SecretMask.standardStreams.mask).map { $0.count > 200 ? String($0.prefix(200)) + "…" : $0 }
    }
}
