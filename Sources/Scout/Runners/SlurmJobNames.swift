/// The job names of one ``SlurmRunner``: `scout-PID-NONCE-N-LABEL`. Each task's name is
/// unique (so `scancel --name` ends exactly that task), and all of a runner's names share
/// ``prefix`` (so the runner can find and end every job of its own, and no one else's).
final class SlurmJobNames: Sendable {
    /// What every name of this runner starts with: `scout-PID-NONCE-`.
    let prefix: String
    private let counter = SanitizerVisibleMutex<Int>(0)

    /// The longest part of a task's label kept in its job name.
    static let labelLimit = 64

    init(processID: Int32, nonce: UInt32 = UInt32.random(in: 0...UInt32.max)) {
        prefix = "scout-\(processID)-" + String(nonce, radix: 16) + "-"
    }

    /// A fresh name for a task labelled `label`.
    func next(label: String) -> String {
        let number = counter.withLock { count in
            count += 1
            return count
        }
        let kept = Self.sanitised(label)
        return prefix + String(number) + (kept.isEmpty ? "" : "-" + kept)
    }

    /// `label` with every character but ASCII letters, digits, `.`, `_` and `-` made `_`,
    /// cut to ``labelLimit`` characters: safe in a job name, squeue's output and a shell.
    static func sanitised(_ label: String) -> String {
        var out = ""
        for scalar in label.unicodeScalars.prefix(labelLimit) {
            let keep = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
            out.unicodeScalars.append(keep ? scalar : "_")
        }
        return out
    }
}
