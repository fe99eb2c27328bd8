/// Quoting of values for `/bin/sh`, used where `${...}` is interpolated into a `run` string.
package enum ShellQuote {
    /// `word` as one shell word: unchanged when it holds only safe characters, otherwise in
    /// single quotes (`a b` becomes `'a b'`, `it's` becomes `'it'\''s'`).
    package static func quote(_ word: String) -> String {
        if word.isEmpty { return "''" }
        if word.utf8.allSatisfy(isSafe) { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }

    /// A value as shell words: a list becomes one quoted word per element; anything else one word.
    package static func words(_ value: Value) -> String {
        if case .list(let elements) = value {
            return elements.map { quote($0.description) }.joined(separator: " ")
        }
        return quote(value.description)
    }

    static func isSafe(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
            UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "@"), UInt8(ascii: "%"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}

