import CScoutSystem
import Dispatch
import Glibc
import Scout

/// Owns what scout writes to the terminal: task output on stdout and stderr, permanent
/// progress lines, and the live region of running tasks at the bottom of stderr. Every write
/// goes through one lock, so lines never interleave mid-line and the live region is erased
/// before anything is written over it and redrawn after.
///
/// When stdout is a pipe or a file, what is written to it is gathered and written in blocks:
/// when 64 KiB are waiting, a moment (20 ms) after the first of them, before anything goes
/// to stderr (so `2>&1` keeps the order), and at ``flush()``.
final class TerminalScreen: Sendable {
    struct State: Sendable {
        var regionLines = 0
        var region: [String] = []
        var stdoutBroken = false
        /// Bytes for stdout not written yet.
        var pending: [UInt8] = []
        /// A flush of `pending` is scheduled.
        var flushScheduled = false
    }

    /// How many bytes for stdout may wait.
    static let blockSize = 64 << 10

    /// True when a live region is drawn on stderr (a terminal).
    let live: Bool
    /// True when stdout is the same terminal as stderr: output must then leave the region intact.
    let stdoutSharesTerminal: Bool
    private let state = SanitizerVisibleMutex(State())
    /// Called once when stdout is closed by its reader (`scout x | head -1`).
    let onBrokenStdout: @Sendable () -> Void

    /// True when stdout is gathered into blocks (it is not a terminal).
    let buffersStdout: Bool

    /// A screen; with `gathering`, stdout is written in blocks when it is not a terminal.
    init(live: Bool, gathering: Bool = true, onBrokenStdout: @escaping @Sendable () -> Void = {}) {
        self.live = live
        self.stdoutSharesTerminal = live && cscout_same_file(1, 2) == 1
        self.onBrokenStdout = onBrokenStdout
        self.buffersStdout = gathering && !Terminal.isTerminal(1)
    }

    /// The terminal's width, or 100 when unknown.
    var columns: Int {
        let c = Int(cscout_terminal_columns(2))
        return c > 0 ? c : 100
    }

    /// The terminal's height, or 24 when unknown.
    var rows: Int {
        let r = Int(cscout_terminal_rows(2))
        return r > 0 ? r : 24
    }

    /// Writes task output. Returns false once stdout is broken.
    @discardableResult
    func write(_ bytes: ArraySlice<UInt8>, to stream: OutputStreamKind) -> Bool {
        var broke = false
        var schedule = false
        let ok = state.withLock { s -> Bool in
            let fd: Int32 = stream == .stdout ? 1 : 2
            if fd == 1, s.stdoutBroken { return false }
            if fd == 1, buffersStdout {
                // One timer at a time, however often the bytes are written out before it fires.
                schedule = !s.flushScheduled
                s.flushScheduled = true
                s.pending.append(contentsOf: bytes)
                if s.pending.count >= TerminalScreen.blockSize { broke = writePending(&s) }
                return !s.stdoutBroken
            }
            if fd == 2 { broke = writePending(&s) }
            let covers = live && (fd == 2 || stdoutSharesTerminal)
            if covers { erase(&s) }
            let written = FileDescriptorWriter.writeAll(fd, bytes)
            if !written, fd == 1, errno == EPIPE {
                s.stdoutBroken = true
                broke = true
            }
            if covers { draw(&s) }
            return written
        }
        if schedule {
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) { [self] in flush(endingTimer: true) }
        }
        if broke { onBrokenStdout() }
        return ok
    }

    /// Writes what waits for stdout; `endingTimer` when the scheduled flush is the caller.
    func flush(endingTimer: Bool = false) {
        let broke = state.withLock { s -> Bool in
            if endingTimer { s.flushScheduled = false }
            return writePending(&s)
        }
        if broke { onBrokenStdout() }
    }

    /// Writes the bytes waiting for stdout; true when stdout turned out to be closed.
    private func writePending(_ s: inout State) -> Bool {
        guard !s.pending.isEmpty else { return false }
        defer { s.pending.removeAll(keepingCapacity: s.pending.capacity <= TerminalScreen.blockSize * 2) }
        if s.stdoutBroken { return false }
        if !FileDescriptorWriter.writeAll(1, s.pending[...]), errno == EPIPE {
            s.stdoutBroken = true
            return true
        }
        return false
    }

    /// Writes a line of scout's own on stderr, above the live region.
    func line(_ text: String) {
        let broke = state.withLock { s -> Bool in
            let broke = writePending(&s)
            if live { erase(&s) }
            FileDescriptorWriter.writeAll(2, text + "\n")
            if live { draw(&s) }
            return broke
        }
        if broke { onBrokenStdout() }
    }

    /// Replaces the live region (each line is cut to the terminal's width).
    func setRegion(_ lines: [String]) {
        guard live else { return }
        let width = columns - 1
        state.withLock { s in
            _ = writePending(&s)
            erase(&s)
            // Masked before they are cut: a cut must not leave part of a secret to show.
            s.region = lines.map { TerminalScreen.cut(SecretMask.standardStreams.mask($0), to: width) }
            draw(&s)
        }
    }

    /// Removes the live region for good.
    func clearRegion() {
        state.withLock { s in
            _ = writePending(&s)
            guard live else { return }
            erase(&s)
            s.region = []
        }
    }

    private func erase(_ s: inout State) {
        guard s.regionLines > 0 else { return }
        FileDescriptorWriter.writeAll(2, "\u{1B}[\(s.regionLines)A\r\u{1B}[J")
        s.regionLines = 0
    }

    private func draw(_ s: inout State) {
        guard !s.region.isEmpty else { return }
        FileDescriptorWriter.writeAll(2, s.region.map { $0 + "\n" }.joined())
        s.regionLines = s.region.count
    }

    /// `text` cut to `width` display columns (escape sequences take none), ending in `…`
    /// when it was longer. Escape sequences after the cut are kept, so colours still reset.
    static func cut(_ text: String, to width: Int) -> String {
        var visible = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape { if scalar == "m" { inEscape = false } } else if scalar == "\u{1B}" { inEscape = true } else { visible += DisplayWidth.of(scalar) }
        }
        if visible <= width { return text }
        var out = ""
        var used = 0
        var full = false
        inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape || scalar == "\u{1B}" {
                inEscape = scalar != "m"
                out.unicodeScalars.append(scalar)
                continue
            }
            if full { continue }
            let w = DisplayWidth.of(scalar)
            if used + w > width - 1 {
                out += "…"
                full = true
                continue
            }
            used += w
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
