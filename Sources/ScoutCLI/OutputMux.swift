import Scout

/// Task output on its way to the terminal. In `grouped` mode (the default) one task at a
/// time streams live: the first to write, then whoever waited longest; the others are held
/// and written as a block when they finish, so a sequential pipeline streams and parallel
/// tasks never interleave. `prefixed` writes each whole line as it comes, with the task's
/// name in front. `raw` passes bytes through. No mode ever splits a line between tasks.
///
/// Memory stays small whatever the tasks write: held output and a long unfinished line go to
/// an unlinked temporary file past 64 KiB (``SpillBuffer``); the task that streams writes a
/// long line out in pieces as it comes. Every byte is scanned once.
final class OutputMux: TaskOutput {
    /// A held task's output: its bytes in order, and which stream each run of them is for.
    struct Held: Sendable {
        var runs: [(OutputStreamKind, Int)] = []
        var data = SpillBuffer()

        mutating func append(_ bytes: ArraySlice<UInt8>, _ stream: OutputStreamKind) {
            if let last = runs.last, last.0 == stream { runs[runs.count - 1].1 += bytes.count } else { runs.append((stream, bytes.count)) }
            data.append(bytes)
        }
    }

    /// One stream of one task (or service).
    struct PartialKey: Hashable, Sendable {
        var id: String
        var stream: OutputStreamKind
    }

    struct State: Sendable {
        var owner: String?
        var held: [String: Held] = [:]
        var waiting: [String] = []
        /// The unfinished last line of each task's stream.
        var partial: [PartialKey: SpillBuffer] = [:]
        var labels: [String: String] = [:]
        var services: Set<String> = []
    }

    let mode: CLIOptions.OutputMode
    let screen: TerminalScreen
    let style: Style
    private let state = SanitizerVisibleMutex(State())

    init(mode: CLIOptions.OutputMode, screen: TerminalScreen, style: Style) {
        self.mode = mode
        self.screen = screen
        self.style = style
    }

    /// Only prefixed lines show the task's label.
    var readsLabels: Bool { mode == .prefixed }

    func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, taskId: String, label: String) {
        state.withLock { s in
            let key = PartialKey(id: taskId, stream: stream)
            switch mode {
            case .raw:
                emitLines(&s, key: key, bytes, stream: stream, prefix: nil, streaming: false)
            case .prefixed:
                // Only a prefixed line left unfinished at the task's end needs the label then.
                s.labels[taskId] = label
                emitLines(&s, key: key, bytes, stream: stream, prefix: label, streaming: false)
            case .grouped:
                if s.owner == nil, s.held.isEmpty || s.held[taskId] == nil { s.owner = taskId }
                if s.owner == taskId {
                    emitLines(&s, key: key, bytes, stream: stream, prefix: nil, streaming: true)
                } else {
                    if s.held[taskId] == nil { s.waiting.append(taskId) }
                    s.held[taskId, default: Held()].append(bytes, stream)
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
            emitLines(&s, key: PartialKey(id: key, stream: stream), bytes, stream: stream, prefix: mode == .raw ? nil : label, streaming: false)
        }
    }

    func finish(taskId: String) {
        state.withLock { s in
            // Most tasks of a long run wrote nothing, or only whole lines while they streamed:
            // nothing is looked up for them.
            defer {
                if !s.labels.isEmpty { s.labels[taskId] = nil }
                if !s.services.isEmpty { s.services.remove(taskId) }
            }
            if !s.partial.isEmpty {
                flushPartial(&s, PartialKey(id: taskId, stream: .stdout), stream: .stdout)
                flushPartial(&s, PartialKey(id: taskId, stream: .stderr), stream: .stderr)
            }
            guard mode == .grouped else { return }
            if !s.held.isEmpty, s.held[taskId] != nil {
                release(&s, taskId)
                flushPartial(&s, PartialKey(id: taskId, stream: .stdout), stream: .stdout)
                flushPartial(&s, PartialKey(id: taskId, stream: .stderr), stream: .stderr)
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
        guard var held = s.held.removeValue(forKey: taskId) else { return }
        s.waiting.removeAll { $0 == taskId }
        var runs = held.runs[...]
        held.data.drain { piece in
            var rest = piece
            while !rest.isEmpty, let (stream, count) = runs.first {
                let n = min(count, rest.count)
                emitLines(&s, key: PartialKey(id: taskId, stream: stream), rest.prefix(n), stream: stream, prefix: nil, streaming: true)
                rest = rest.dropFirst(n)
                if n == count { runs = runs.dropFirst() } else { runs[runs.startIndex].1 -= n }
            }
        }
    }

    /// Writes the complete lines of `bytes` (prefixed when asked), keeping a trailing
    /// unfinished line until its end arrives or the task finishes. When `streaming` (the task
    /// that owns the output) an unfinished line longer than the spill limit is written out in
    /// pieces; otherwise it is kept, on disk past the limit.
    private func emitLines(_ s: inout State, key: PartialKey, _ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, prefix: String?, streaming: Bool) {
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
            if streaming, (s.partial[key]?.count ?? 0) + bytes.count > SpillBuffer.memoryLimit {
                streamLongLine(&s, key: key, bytes, stream: stream)
            } else {
                s.partial[key, default: SpillBuffer()].append(bytes)
            }
            return
        }
        let tag = prefix.map { Array(style.dim("[\($0)]").utf8) + [UInt8(ascii: " ")] }
        var out = PieceWriter(first: tag ?? [])
        if !s.partial.isEmpty, var pending = s.partial.removeValue(forKey: key) {
            pending.drain { out.add($0) { screen.write($0, to: stream) } }
        }
        if let tag {
            var start = bytes.startIndex
            while start <= lastNewline, let newline = bytes[start...lastNewline].firstIndex(of: UInt8(ascii: "\n")) {
                out.add(bytes[start...newline]) { screen.write($0, to: stream) }
                start = newline + 1
                if start <= lastNewline { out.add(tag[...]) { screen.write($0, to: stream) } }
            }
        } else {
            out.add(bytes[...lastNewline]) { screen.write($0, to: stream) }
        }
        out.finish { screen.write($0, to: stream) }
        if lastNewline + 1 < bytes.endIndex {
            s.partial[key, default: SpillBuffer()].append(bytes[(lastNewline + 1)...])
        }
    }

    /// Writes out the streaming task's long unfinished line with `bytes`, straight from
    /// memory: only an end that may start a secret waits for the next piece.
    private func streamLongLine(_ s: inout State, key: PartialKey, _ bytes: ArraySlice<UInt8>, stream: OutputStreamKind) {
        var all: [UInt8] = []
        if var pending = s.partial.removeValue(forKey: key) { pending.drain { all += $0 } }
        all += bytes
        let (done, rest) = SecretMask.standardStreams.maskStream(all)
        screen.write(done[...], to: stream)
        if !rest.isEmpty { s.partial[key, default: SpillBuffer()].append(rest[...]) }
    }

    /// Writes what is left of a task's last line when it finishes. A line break is added
    /// where the output goes to a terminal or carries a prefix; a file or pipe gets the bytes
    /// exactly as the task wrote them.
    private func flushPartial(_ s: inout State, _ key: PartialKey, stream: OutputStreamKind) {
        guard var rest = s.partial.removeValue(forKey: key), rest.count > 0 else { return }
        let taskId = key.id
        let labelled = mode == .prefixed || s.services.contains(taskId)
        var out = PieceWriter(first: labelled ? Array(style.dim("[\(s.labels[taskId] ?? taskId)]").utf8) + [UInt8(ascii: " ")] : [])
        rest.drain { out.add($0) { screen.write($0, to: stream) } }
        if labelled || Terminal.isTerminal(stream == .stdout ? 1 : 2) { out.add([UInt8(ascii: "\n")]) { screen.write($0, to: stream) } }
        out.finish { screen.write($0, to: stream) }
    }
}
