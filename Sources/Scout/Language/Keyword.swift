/// The reserved words of the language.
package enum Keyword: String, Sendable, CaseIterable {
    case `let`, task, parallel, sequential, `for`, `in`, `if`, `else`, stop, fail, command, use, param, `import`
    case `true`, `false`, null, and, or, not
    case skip_if, stop_if, store, `as`, retry, timeout, needs, extract, sources, generates, on

    /// The keyword spelt by `bytes`, found without building a string (the lexer asks for
    /// every name it reads).
    static func match(_ bytes: ArraySlice<UInt8>) -> Keyword? {
        guard bytes.count >= 2, bytes.count <= 10, let first = bytes.first, first >= 0x61, first <= 0x7A else { return nil }
        for (spelling, keyword) in byFirstLetter[Int(first - 0x61)] where spelling.count == bytes.count && spelling.elementsEqual(bytes) {
            return keyword
        }
        return nil
    }

    private static let byFirstLetter: [[([UInt8], Keyword)]] = {
        var table = [[([UInt8], Keyword)]](repeating: [], count: 26)
        for k in Keyword.allCases {
            let spelling = Array(k.rawValue.utf8)
            table[Int(spelling[0] - 0x61)].append((spelling, k))
        }
        return table
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
