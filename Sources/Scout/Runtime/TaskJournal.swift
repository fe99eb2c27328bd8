#if canImport(Glibc)
import Glibc
#endif

/// A run's journal (`--journal FILE`): one line of JSON a finished task, written as it
/// finishes, as GNU parallel's `--joblog` is; and what a later run resumes from.
///
/// A task is known from one run to the next by its key: where it stands in its script (or
/// its index in a JSON task list), its loop iteration, a hash of its command and evaluated
/// arguments, and how many times a task with all of these has run before in the run. Editing
/// a task's line or changing what it runs gives it a new key, so it runs again.
///
/// Resuming reads the journal up to its last whole line (a crash or a full disk may cut the
/// last one), the latest entry of a key winning, then appends to it:
/// - ``Resume/finished`` (`--resume`): every task the journal has as finished, succeeded or
///   failed, keeps that result and does not run; the others run.
/// - ``Resume/failed`` (`--resume-failed`): the tasks that succeeded keep their results;
///   the failed ones run again, and so do those that never finished.
public final class TaskJournal: Sendable {
    /// Which finished tasks a resumed run does not run again.
    public enum Resume: Sendable {
        /// Every finished task (`--resume`).
        case finished
        /// The tasks that succeeded (`--resume-failed`).
        case failed
    }

    /// Why a journal could not be opened or read.
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The file.
    public let path: String
    let resume: Resume?
    private let fd: Int32
    private struct State {
        var previous: [String: TaskResult] = [:]
        var occurrences: [String: Int] = [:]
        var writeError: String?
        var resumed = 0
    }
    private let state: SanitizerVisibleMutex<State>

    /// Opens the journal at `path`: anew (emptied) for a new run, or, when resuming, read first
    /// and then appended to.
    public init(path: String, resume: Resume? = nil) throws(OpenError) {
        self.path = path
        self.resume = resume
        var s = State()
        var needsNewline = false
        if resume != nil {
            let bytes: [UInt8]
            do { bytes = try LocalFile.read(path) } catch {
                throw OpenError(description: "cannot resume from the journal \(error)")
            }
            var start = 0
            // Room for every line at once: a journal of 10,000 tasks is not rehashed as it is read.
            s.previous.reserveCapacity(bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
            for (i, b) in bytes.enumerated() where b == 0x0A {
                if let entry = JournalEntry(line: bytes[start..<i]) {
                    s.previous[entry.key] = entry.result
                }
                start = i + 1
            }
            needsNewline = start < bytes.count
        }
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (resume == nil ? O_TRUNC : O_APPEND)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else {
            throw OpenError(description: "cannot write the journal \(path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.state = SanitizerVisibleMutex(s)
        // A line cut short by a crash is left alone, and the next entry starts on a line of its own.
        if needsNewline { write(Array("\n".utf8)) }
    }

    deinit { close(fd) }

    /// The first error writing the journal (a full disk), if any: entries after it are lost.
    public var writeError: String? { state.withLock { $0.writeError } }

    /// How many tasks kept their journalled result instead of running.
    public var resumedCount: Int { state.withLock { $0.resumed } }

    /// The key for a task whose place, iteration and arguments give `base`: `base#N` for its
    /// Nth occurrence in this run.
    func key(_ base: String) -> String {
        let n = state.withLock { s -> Int in
            let n = (s.occurrences[base] ?? 0) + 1
            s.occurrences[base] = n
            return n
        }
        return base + "#" + String(n)
    }

    /// The journalled result of the task with this key, when the run resumes and that task
    /// does not run again.
    func previous(_ key: String) -> TaskResult? {
        guard let resume else { return nil }
        return state.withLock { s -> TaskResult? in
            guard let r = s.previous[key] else { return nil }
            switch (resume, r.status) {
            case (_, .success), (.finished, .failure), (.finished, .error):
                s.resumed += 1
                return r
            default:
                return nil
            }
        }
    }

    /// Appends an entry, in one write.
    func record(_ entry: JournalEntry) {
        write(Array(entry.line().utf8))
    }

    private func write(_ bytes: [UInt8]) {
        state.withLock { s in
            guard s.writeError == nil else { return }
            if !FileDescriptorWriter.writeAll(fd, bytes[...]) {
                s.writeError = "\(path): \(String(cString: strerror(errno)))"
            }
        }
    }
}
