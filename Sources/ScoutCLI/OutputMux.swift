import Scout

/// Task output on its way to the terminal. In `grouped` mode (the default) one task at a
/// time streams live: the first to write, then whoever waited longest; the others are held
/// and written as a block when they finish, so a sequential pipeline streams and parallel
/// tasks never interleave. `prefixed` writes each whole line as it comes, with the task's
/// name in front. `raw` passes bytes through. No mode ever splits a line between tasks.
final class OutputMux: TaskOutput {
    struct Held: Sendable {
        var chunks: [(OutputStreamKind, [UInt8])] = []
        var size = 0
    }

    struct State: Sendable {
        var owner: String?
        var held: [String: Held] = [:]
        var waiting: [String] = []
        var partial: [String: [UInt8]] = [:]
        var labels: [String: String] = [:]
        var services: Set<String> = []
    }

    let mode: CLIOptions.OutputMode
    let screen: TerminalScreen
    let style: Style
    private let state = SanitizerVisibleMutex(State())
    /// A held task writing more than this is written out (at line ends) rather than kept.
    static let holdLimit = 4 << 20

    init(mode: CLIOptions.OutputMode, screen: TerminalScreen, style: Style) {
        self.mode = mode
        self.screen = screen
        self.style = style
    }

    func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, taskId: String, label: String) {
        state.withLock { s in
            s.labels[taskId] = label
            switch mode {
            case .raw:
                emitLines(&s, key: taskId + (stream == .stdout ? ">1" : ">2"), bytes, stream: stream, prefix: nil)
            case .prefixed:
                emitLines(&s, key: taskId + (stream == .stdout ? ">1" : ">2"), bytes, stream: stream, prefix: label)
            case .grouped:
                if s.owner == nil, s.held[taskId] == nil { s.owner = taskId }
                if s.owner == taskId {
                    emitLines(&s, key: taskId + (stream == .stdout ? ">1" : ">2"), bytes, stream: stream, prefix: nil)
                } else {
                    if s.held[taskId] == nil { s.waiting.append(taskId) }
                    s.held[taskId, default: Held()].chunks.append((stream, Array(bytes)))
                    s.held[taskId]!.size += bytes.count
                    if s.held[taskId]!.size > OutputMux.holdLimit { release(&s, taskId) }
                }
            }
        }
    }

    /// A service's output: its lines as they come, with its label in front (but in `raw`
    /// mode), whatever else is streaming.
    func writeService(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, key: String, label: String) {
        state.withLock { s in
            s.labels[key] = label
            if mode != .raw { s.services.insert(key) }
            emitLines(&s, key: key + (stream == .stdout ? ">1" : ">2"), bytes, stream: stream, prefix: mode == .raw ? nil : label)
        }
    }

    func finish(taskId: String) {
        state.withLock { s in
            defer {
                s.labels[taskId] = nil
                s.services.remove(taskId)
            }
            flushPartial(&s, taskId + ">1", stream: .stdout)
            flushPartial(&s, taskId + ">2", stream: .stderr)
            guard mode == .grouped else { return }
            if s.held[taskId] != nil {
                release(&s, taskId)
                flushPartial(&s, taskId + ">1", stream: .stdout)
                flushPartial(&s, taskId + ">2", stream: .stderr)
            }
            if s.owner == taskId {
                s.owner = nil
                // The task that has waited longest streams next: what it holds goes out now.
                if let next = s.waiting.first {
                    release(&s, next)
                    s.owner = next
                }
            }
        }
    }

    /// Writes what a held task has so far and stops holding it.
    private func release(_ s: inout State, _ taskId: String) {
        guard let held = s.held.removeValue(forKey: taskId) else { return }
        s.waiting.removeAll { $0 == taskId }
        for (stream, bytes) in held.chunks {
            emitLines(&s, key: taskId + (stream == .stdout ? ">1" : ">2"), bytes[...], stream: stream, prefix: nil)
        }
    }

    /// Writes the complete lines of `bytes` (prefixed when asked), keeping a trailing partial
    /// line until its end arrives or the task finishes.
    private func emitLines(_ s: inout State, key: String, _ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, prefix: String?) {
        var pending = s.partial.removeValue(forKey: key) ?? []
        pending.append(contentsOf: bytes)
        guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else {
            s.partial[key] = pending
            return
        }
        let complete = pending[...lastNewline]
        if lastNewline + 1 < pending.count { s.partial[key] = Array(pending[(lastNewline + 1)...]) }
        if let prefix {
            let tag = Array(style.dim("[\(prefix)]").utf8) + [UInt8(ascii: " ")]
            var out: [UInt8] = []
            for line in complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
                out += tag
                out += line
                out.append(UInt8(ascii: "\n"))
            }
            screen.write(out[...], to: stream)
        } else {
            screen.write(complete, to: stream)
        }
    }

    /// Writes what is left of a task's last line when it finishes. A line break is added
    /// where the output goes to a terminal or carries a prefix; a file or pipe gets the bytes
    /// exactly as the task wrote them.
    private func flushPartial(_ s: inout State, _ key: String, stream: OutputStreamKind) {
        guard let rest = s.partial.removeValue(forKey: key), !rest.isEmpty else { return }
        let taskId = String(key.dropLast(2))
        var out: [UInt8] = []
        let labelled = mode == .prefixed || s.services.contains(taskId)
        if labelled {
            out += Array(style.dim("[\(s.labels[taskId] ?? taskId)]").utf8) + [UInt8(ascii: " ")]
        }
        out += rest
        if labelled || Terminal.isTerminal(stream == .stdout ? 1 : 2) { out.append(UInt8(ascii: "\n")) }
        screen.write(out[...], to: stream)
    }
}
