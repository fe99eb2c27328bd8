#if canImport(Glibc)
import Glibc
#endif

/// The reserved words of the language.
package enum Keyword: String, Sendable, CaseIterable {
    case `let`, task, parallel, sequential, `for`, `in`, `if`, `else`, stop, fail, command, use, param, `import`
    case `true`, `false`, null, and, or, not
    case skip_if, stop_if, store, `as`, retry, timeout, needs, extract, sources, generates, on

    /// The keyword spelt by `bytes`, found without building a string (the lexer asks for
    /// every name it reads).
    static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Keyword? {
        guard bytes.count >= 2, bytes.count <= 10, let first = bytes.first, first >= 0x61, first <= 0x7A else { return nil }
        let table = spellings
        return table.bytes.withUnsafeBufferPointer { all -> Keyword? in
            for entry in table.byFirstLetter[Int(first - 0x61)] where entry.count == bytes.count {
                if memcmp(all.baseAddress! + entry.start, bytes.baseAddress!, entry.count) == 0 { return entry.keyword }
            }
            return nil
        }
    }

    /// Every keyword's spelling end to end, and for each first letter where its keywords'
    /// spellings are: plain numbers, so looking one up copies and counts no references.
    private static let spellings: (bytes: [UInt8], byFirstLetter: [[(start: Int, count: Int, keyword: Keyword)]]) = {
        var bytes: [UInt8] = []
        var table = [[(start: Int, count: Int, keyword: Keyword)]](repeating: [], count: 26)
        for k in Keyword.allCases {
            let spelling = Array(k.rawValue.utf8)
            table[Int(spelling[0] - 0x61)].append((bytes.count, spelling.count, k))
            bytes += spelling
        }
        return (bytes, table)
    }()

    /// Keywords that start a clause of a task.
    package static let clauseStarters: Set<Keyword> = [.if, .skip_if, .stop_if, .store, .retry, .timeout, .needs, .extract, .sources, .generates, .on]

    /// True for the keywords in ``clauseStarters`` (asked for nearly every token the parser reads).
    var startsClause: Bool {
        switch self {
        case .if, .skip_if, .stop_if, .store, .retry, .timeout, .needs, .extract, .sources, .generates, .on: return true
        default: return false
        }
    }
}
