/// Reads the output of one task's `ssh` as it streams: takes the wrapper's marker lines out
/// of standard error (see ``SSHCommandLine``), remembers what they say, and passes the rest
/// on to the task's handler. Only what may be the start of a marker (from a byte 0x01 on)
/// is held back until its line ends.
///
/// Until the `scout-pgid` marker arrives, nothing is passed on: what comes before it is
/// ssh's own complaint about a host it could not reach (then the task moves to another host
/// and its handler never sees it) or what the host's shell startup files print (passed on
/// when the marker comes).
final class SSHOutputFilter: Sendable {
    private struct State {
        var started = false
        var heldStdout: [UInt8] = []
        var heldStderr: [UInt8] = []
        var possibleMarker: [UInt8]?
        var pgid: Int32?
        var exitStatus: Int32?
        var directoryMissing = false
    }

    private let state = SanitizerVisibleMutex(State())
    private let onOutput: ProcessOutputHandler?
    private let onPgid: @Sendable (Int32) -> Void

    /// A filter passing output to `onOutput` and the remote process group id to `onPgid`.
    init(onOutput: ProcessOutputHandler?, onPgid: @escaping @Sendable (Int32) -> Void) {
        self.onOutput = onOutput
        self.onPgid = onPgid
    }

    /// The remote process group id, once its marker was seen.
    var pgid: Int32? { state.withLock { $0.pgid } }
    /// The command's exit status as the wrapper reported it.
    var exitStatus: Int32? { state.withLock { $0.exitStatus } }
    /// True when the wrapper could not enter the working directory.
    var directoryMissing: Bool { state.withLock { $0.directoryMissing } }

    /// The handler to give the supervisor for the `ssh` process.
    var handler: ProcessOutputHandler {
        { [self] stream, bytes in feed(stream, bytes) }
    }

    func feed(_ stream: OutputStreamKind, _ bytes: ArraySlice<UInt8>) {
        var deliveries: [(OutputStreamKind, [UInt8])] = []
        var pgidSeen: Int32?
        state.withLock { s in
            if stream == .stdout {
                if s.started { deliveries.append((.stdout, Array(bytes))) } else { s.heldStdout += bytes }
                return
            }
            var out: [UInt8] = []
            var rest = bytes
            while !rest.isEmpty {
                guard var line = s.possibleMarker else {
                    // Markers are whole lines, but the one after the command may follow its
                    // last unfinished line: a marker may start anywhere.
                    guard let start = rest.firstIndex(of: 1) else {
                        out += rest
                        break
                    }
                    out += rest[..<start]
                    rest = rest[start...]
                    s.possibleMarker = []
                    continue
                }
                if let newline = rest.firstIndex(of: 10) {
                    line += rest[..<newline]
                    rest = rest[(newline + 1)...]
                    s.possibleMarker = nil
                    if let marker = Self.marker(in: line) {
                        if apply(marker, to: &s, pending: &out, deliveries: &deliveries) { pgidSeen = s.pgid }
                    } else {
                        // Not a marker: its first byte is output; what follows is read again.
                        out.append(line[0])
                        var again = Array(line.dropFirst())
                        again.append(10)
                        again += rest
                        rest = again[...]
                    }
                } else {
                    line += rest
                    rest = []
                    if Self.couldBeMarker(line) {
                        s.possibleMarker = line
                    } else {
                        s.possibleMarker = nil
                        out.append(line[0])
                        rest = line.dropFirst()
                    }
                }
            }
            if !out.isEmpty {
                if s.started { deliveries.append((.stderr, out)) } else { s.heldStderr += out }
            }
        }
        if let pgid = pgidSeen { onPgid(pgid) }
        deliver(deliveries)
    }

    /// The end of the output: unless the task is to be retried elsewhere (`discard`), what
    /// is still held back is passed on.
    func finish(discard: Bool) {
        var deliveries: [(OutputStreamKind, [UInt8])] = []
        state.withLock { s in
            if let line = s.possibleMarker, Self.marker(in: line) == nil {
                if s.started { deliveries.append((.stderr, line)) } else { s.heldStderr += line }
            }
            s.possibleMarker = nil
            if !s.started && !discard {
                deliveries.append((.stdout, s.heldStdout))
                deliveries.append((.stderr, s.heldStderr))
            }
            s.started = true
            s.heldStdout = []
            s.heldStderr = []
        }
        deliver(deliveries)
    }

    private func deliver(_ deliveries: [(OutputStreamKind, [UInt8])]) {
        guard let onOutput else { return }
        for (stream, bytes) in deliveries where !bytes.isEmpty { onOutput(stream, bytes[...]) }
    }

    /// Records a marker; true when it was the pgid marker (which releases held output).
    private func apply(_ marker: Marker, to s: inout State, pending out: inout [UInt8], deliveries: inout [(OutputStreamKind, [UInt8])]) -> Bool {
        switch marker {
        case .pgid(let pgid):
            guard !s.started else { return false }
            s.heldStderr += out
            out = []
            deliveries.append((.stdout, s.heldStdout))
            deliveries.append((.stderr, s.heldStderr))
            s.heldStdout = []
            s.heldStderr = []
            s.started = true
            s.pgid = pgid
            return true
        case .exit(let status):
            s.exitStatus = status
        case .directoryMissing:
            s.directoryMissing = true
        }
        return false
    }

    /// What a marker line says.
    enum Marker: Equatable {
        case pgid(Int32)
        case exit(Int32)
        case directoryMissing
    }

    /// The marker a whole line (without its newline) is, or nil.
    static func marker(in line: [UInt8]) -> Marker? {
        guard line.starts(with: SSHCommandLine.markerPrefix) else { return nil }
        let words = String(decoding: line.dropFirst(SSHCommandLine.markerPrefix.count), as: UTF8.self).split(separator: " ")
        switch (words.first, words.count) {
        case ("pgid"?, 2):
            // A group id of 0 or 1 would make `kill -TERM -N` reach far more than the task.
            guard let pgid = Int32(words[1]), pgid > 1 else { return nil }
            return .pgid(pgid)
        case ("exit"?, 2): return Int32(words[1]).map(Marker.exit)
        case ("nodir"?, 1): return .directoryMissing
        default: return nil
        }
    }

    /// True while `partial` (a line's start) may still become a marker line.
    static func couldBeMarker(_ partial: [UInt8]) -> Bool {
        let prefix = SSHCommandLine.markerPrefix
        if partial.count <= prefix.count { return prefix.starts(with: partial) }
        return partial.starts(with: prefix) && partial.count < 64
    }

    /// `stderr` without the marker lines (a captured copy of the ssh's standard error). A
    /// marker may follow the unfinished last line of the command's output on its line.
    static func strippingMarkers(_ stderr: [UInt8]) -> [UInt8] {
        guard stderr.contains(1) else { return stderr }
        var result: [UInt8] = []
        result.reserveCapacity(stderr.count)
        var start = 0
        while start < stderr.count {
            let newline = stderr[start...].firstIndex(of: 10)
            let end = newline ?? stderr.count
            var line = stderr[start..<end]
            var kept = true
            while let one = line.lastIndex(of: 1) {
                if marker(in: Array(stderr[one..<end])) != nil {
                    result += stderr[start..<one]
                    kept = false
                    break
                }
                line = line[..<one]
            }
            if kept { result += stderr[start..<min(end + 1, stderr.count)] }
            start = end + 1
        }
        return result
    }

    /// The last non-empty line of ssh's standard error (why it could not connect).
    static func lastLine(_ stderr: [UInt8]) -> String {
        let lines = String(decoding: strippingMarkers(stderr), as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.last { !$0.allSatisfy { $0 == " " } }.map(String.init) ?? ""
    }
}
