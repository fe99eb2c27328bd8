/// A set of scalars: `[a-z_]`, `[^0-9]`, `\d`, `\w`, `\s` and their negations.
struct RegexCharacterClass: Sendable, Equatable {
    /// One part of a class.
    enum Item: Sendable, Equatable {
        /// A range of scalar values (a single scalar is a range of one).
        case range(ClosedRange<UInt32>)
        /// `\d` (decimal digits), or `\D` when negated.
        case digit(negated: Bool)
        /// `\w` (letters, digits, `_`), or `\W` when negated.
        case word(negated: Bool)
        /// `\s` (white space), or `\S` when negated.
        case space(negated: Bool)
    }

    var items: [Item]
    /// `[^...]`: the scalars not in the items.
    var negated: Bool

    func contains(_ s: Unicode.Scalar) -> Bool {
        var found = false
        for item in items {
            switch item {
            case .range(let r): found = r.contains(s.value)
            case .digit(let n): found = Self.isDigit(s) != n
            case .word(let n): found = Self.isWord(s) != n
            case .space(let n): found = s.properties.isWhitespace != n
            }
            if found { break }
        }
        return found != negated
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s.value >= 0x30 && s.value <= 0x39 }
        return s.properties.numericType == .decimal
    }

    /// Letters, digits and `_`: what `\w` and `\b` treat as part of a word.
    static func isWord(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        return s.properties.isAlphabetic || s.properties.numericType == .decimal
    }
}
