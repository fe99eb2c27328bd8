import Synchronization

/// Values that must never be shown, as GitHub Actions masks its logs: everything scout writes
/// (task output, progress, summaries, errors, events, dry runs) passes through ``mask(_:)``,
/// which replaces each occurrence of a secret with `***`. Commands still get the real value.
///
/// A secret is masked as written, as `run` shell-quotes it, as JSON escapes it, and line by
/// line when it spans lines. Values shorter than ``minimumLength`` are refused: masking them
/// would blank out ordinary text and tell what they are.
package final class SecretMask: Sendable {
    /// The shortest value that can be a secret.
    package static let minimumLength = 4
    /// What stands for a secret.
    package static let replacement: [UInt8] = Array("***".utf8)

    private struct State: Sendable {
        /// The byte forms to replace, longest first (so a longer form wins over its part).
        var forms: [[UInt8]] = []
        var longest = 0
    }

    private let state = SanitizerVisibleMutex(State())
    /// How many forms are masked: read without the lock, so an empty mask costs one load.
    private let count = Atomic<Int>(0)

    /// An empty mask.
    package init() {}

    /// The mask of everything this process writes to its stdout and stderr through
    /// ``FileDescriptorWriter`` (the command line puts its secrets here). Empty unless a
    /// program adds to it.
    package static let standardStreams = SecretMask()

    /// Why a value cannot be a secret.
    package struct TooShort: Error, Sendable, CustomStringConvertible {
        /// The value's length in bytes.
        package let length: Int
        package var description: String {
            "a secret must be at least \(SecretMask.minimumLength) characters long (this one has \(length)): a shorter one cannot be masked"
        }
    }

    /// Masks `secret` from now on.
    package func add(_ secret: String) throws(TooShort) {
        guard secret.utf8.count >= SecretMask.minimumLength else { throw TooShort(length: secret.utf8.count) }
        var forms = Set<[UInt8]>([Array(secret.utf8), Array(ShellQuote.quote(secret).utf8)])
        let json = Value.string(secret).jsonText()
        forms.insert(Array(json.utf8.dropFirst().dropLast()))
        for line in secret.split(whereSeparator: \.isNewline) where line.utf8.count >= SecretMask.minimumLength {
            forms.insert(Array(line.utf8))
        }
        state.withLock { s in
            for f in forms where !s.forms.contains(f) { s.forms.append(f) }
            s.forms.sort { $0.count > $1.count }
            s.longest = s.forms.first?.count ?? 0
            count.store(s.forms.count, ordering: .releasing)
        }
    }

    /// True when nothing is masked (everything passes unchanged, at no cost).
    package var isEmpty: Bool { count.load(ordering: .acquiring) == 0 }

    /// The length of the longest form masked.
    package var longestForm: Int { state.withLock { $0.longest } }

    /// For bytes that come in pieces: `done` is what can be written now, masked; `rest` is
    /// the end that may be the start of a secret (shorter than the longest form), to be put
    /// before the next piece. With nothing masked, everything is done.
    package func maskStream(_ bytes: [UInt8]) -> (done: [UInt8], rest: [UInt8]) {
        guard !isEmpty else { return (bytes, []) }
        let (forms, longest) = state.withLock { ($0.forms, $0.longest) }
        // A form that starts before `stop` ends inside `bytes`: it is found whole.
        let stop = bytes.count - (longest - 1)
        return SecretMask.replace(bytes, forms, stop: max(0, stop))
    }

    /// `bytes` with every secret replaced by `***`.
    package func mask(_ bytes: some Collection<UInt8>) -> [UInt8] {
        guard !isEmpty else { return Array(bytes) }
        let forms = state.withLock { $0.forms }
        guard !forms.isEmpty else { return Array(bytes) }
        return SecretMask.replace(Array(bytes), forms, stop: bytes.count).done
    }

    /// `text` with every secret replaced by `***`.
    package func mask(_ text: String) -> String {
        guard !isEmpty else { return text }
        let forms = state.withLock { $0.forms }
        guard !forms.isEmpty else { return text }
        let bytes = Array(text.utf8)
        return String(decoding: SecretMask.replace(bytes, forms, stop: bytes.count).done, as: UTF8.self)
    }

    /// A value with the secrets in its strings (and map keys) masked.
    package func mask(_ value: Value) -> Value {
        guard !isEmpty else { return value }
        switch value {
        case .string(let s): return .string(mask(s))
        case .list(let items): return .list(items.map(mask))
        case .map(let m):
            var out = ValueMap()
            for (k, v) in m { out[mask(k)] = mask(v) }
            return .map(out)
        default: return value
        }
    }

    /// `bytes` with the forms replaced, up to the first byte at or after `stop` that no form
    /// covers; the bytes from there are returned as they are.
    static func replace(_ bytes: [UInt8], _ forms: [[UInt8]], stop: Int) -> (done: [UInt8], rest: [UInt8]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        outer: while i < bytes.count {
            if i >= stop { return (out, Array(bytes[i...])) }
            let b = bytes[i]
            for f in forms where f[0] == b && i + f.count <= bytes.count {
                var k = 1
                while k < f.count && bytes[i + k] == f[k] { k += 1 }
                if k == f.count {
                    out += replacement
                    i += f.count
                    continue outer
                }
            }
            out.append(b)
            i += 1
        }
        return (out, [])
    }
}
