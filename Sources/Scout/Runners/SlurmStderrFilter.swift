/// Takes `srun`'s own report of how each task ended out of a step's standard error.
///
/// `srun` writes the task's standard error and its own messages to the same stream. With
/// `--quiet` the only messages it adds to a step that ran are its summaries of a task's
/// end, such as `srun: error: node1: task 0: Exited with exit code 3` or
/// `srun: error: node1: tasks 0-3: Killed`: they repeat what the outcome's status says, so
/// those lines (and only those) are dropped. Every other line is kept, `srun: ` lines a
/// task writes itself (a nested `srun`) and `slurmstepd` messages included.
///
/// It works on a stream: a line is held back only while it may still become such a summary
/// (while it is a prefix of `srun: error: `, or starts with it and has not ended); any other
/// line is passed on at once, byte for byte as it arrives.
struct SlurmStderrFilter: Sendable {
    private static let marker = Array("srun: error: ".utf8)
    /// A held line longer than this is no summary: it is passed on.
    private static let holdLimit = 4096

    private var held: [UInt8] = []
    private var passing = false

    /// The bytes of `chunk` to pass on now.
    mutating func feed(_ chunk: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        for byte in chunk {
            if passing {
                out.append(byte)
                if byte == UInt8(ascii: "\n") { passing = false }
                continue
            }
            held.append(byte)
            if byte == UInt8(ascii: "\n") {
                if !Self.isTaskSummary(held.dropLast()) { out += held }
                held.removeAll(keepingCapacity: true)
            } else if !mayBecomeSummary() {
                out += held
                held.removeAll(keepingCapacity: true)
                passing = true
            }
        }
        return out
    }

    /// What is still held at the end of the stream (an unfinished line is kept).
    mutating func finish() -> [UInt8] {
        defer {
            held = []
            passing = false
        }
        return Self.isTaskSummary(held[...]) ? [] : held
    }

    /// `bytes` (a whole captured stream) without the summaries.
    static func filtered(_ bytes: [UInt8]) -> [UInt8] {
        var filter = SlurmStderrFilter()
        return filter.feed(bytes[...]) + filter.finish()
    }

    private func mayBecomeSummary() -> Bool {
        if held.count > Self.holdLimit { return false }
        let compared = min(held.count, Self.marker.count)
        return held.prefix(compared).elementsEqual(Self.marker.prefix(compared))
    }

    /// True for `srun: error: HOST: task N: TEXT` and `srun: error: HOST: tasks N-M,K: TEXT`.
    static func isTaskSummary(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.starts(with: marker) else { return false }
        let text = String(decoding: line.dropFirst(marker.count), as: UTF8.self)
        guard let hostEnd = text.firstRange(of: ": ") else { return false }
        let host = text[..<hostEnd.lowerBound]
        guard !host.isEmpty, !host.contains(" ") else { return false }
        var rest = text[hostEnd.upperBound...]
        if rest.hasPrefix("tasks ") {
            rest = rest.dropFirst(6)
        } else if rest.hasPrefix("task ") {
            rest = rest.dropFirst(5)
        } else {
            return false
        }
        guard let idsEnd = rest.firstRange(of: ": ") else { return false }
        let ids = rest[..<idsEnd.lowerBound]
        guard !ids.isEmpty, ids.allSatisfy({ $0.isASCII && ($0.isNumber || ",-[]".contains($0)) }) else { return false }
        return !rest[idsEnd.upperBound...].isEmpty
    }
}
