import Scout

/// Reports finished tasks on stderr, one line each, and a summary at the end.
struct PlainProgress: Sendable {
    let style: Style
    let quiet: Bool
    let verbose: Bool

    func handle(_ event: ProgressEvent) {
        guard let line = line(for: event) else { return }
        Terminal.error(line + "\n")
    }

    func line(for event: ProgressEvent) -> String? {
        // Steps inside a task block or a user command are summed up by the block's own line.
        if event.metadata["parent"] != nil, !verbose, event.status != .failure, event.status != .retry { return nil }
        let duration = event.metadata["duration_ms"]?.intValue.map { " " + style.dim("(\(PlainProgress.seconds($0)))") } ?? ""
        switch event.status {
        case .running:
            guard verbose, event.taskId != "batch:start" else { return nil }
            return style.dim("▶ \(event.message)")
        case .success:
            // What print writes is the point; a line saying it succeeded is noise.
            if event.metadata["command"] == .string("print") && event.metadata["name"] == nil { return nil }
            return quiet ? nil : style.green("✓") + " \(name(event))" + duration
        case .failure:
            return style.red("✗") + " \(name(event)): \(event.metadata["error"]?.description ?? "failed")" + duration
        case .skipped:
            guard !quiet else { return nil }
            return style.yellow("-") + " \(name(event)) skipped: \(event.metadata["reason"]?.description ?? "")"
        case .retry:
            return style.yellow("↻") + " \(event.message)"
        case .circuitOpen:
            return style.red("⊘") + " \(event.message)"
        case .complete:
            return nil
        }
    }

    func name(_ event: ProgressEvent) -> String {
        event.metadata["name"]?.stringValue ?? event.metadata["command"]?.stringValue ?? event.taskId
    }

    func summary(_ results: [TaskResult], milliseconds: Int, stopped: String?) -> String {
        let ok = results.filter(\.ok).count
        let failed = results.filter(\.failed).count
        let skipped = results.filter(\.skipped).count
        var parts = ["\(ok) succeeded"]
        if failed > 0 { parts.append(style.red("\(failed) failed")) }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        var line = parts.joined(separator: ", ") + " in " + PlainProgress.seconds(milliseconds)
        if let stopped { line += style.yellow(" (stopped: \(stopped))") }
        return line
    }

    static func seconds(_ ms: Int) -> String {
        ms < 1000 ? "\(ms)ms" : "\(Double(ms / 100) / 10)s"
    }
}
