/// Parses the pattern syntax ``ScoutRegex`` accepts into a ``RegexNode``; one method per rule:
///
///     alternation = sequence { "|" sequence }
///     sequence    = { repeated }
///     repeated    = atom [ ( "*" | "+" | "?" | "{m}" | "{m,}" | "{m,n}" ) [ "?" ] ]
///     atom        = "(" [ "?:" | "?<name>" ] alternation ")" | "[" class "]" | "." | "^" | "$" | escape | scalar
struct RegexParser {
    /// The most groups that may be open at once.
    static let maxNesting = 100
    /// The largest count `{m,n}` may give.
    static let maxRepeat = 1000

    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var nesting = 0

    init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
    }

    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        let node = try alternation()
        if position < scalars.count {
            // alternation() stops only at the end or at a ')' no group opened.
            throw RegexSyntaxError("unmatched ')'", at: position)
        }
        return node
    }

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ ahead: Int) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private mutating func alternation() throws(RegexSyntaxError) -> RegexNode {
        var branches = [try sequence()]
        while peek == "|" {
            position += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek, c != "|", c != ")" {
            items.append(try repeated())
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    private mutating func repeated() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        let node = try atom()
        guard let (min, max) = try quantifier() else { return node }
        if case .assertion = node { throw RegexSyntaxError("an anchor cannot be repeated", at: start) }
        if peek == "?" { position += 1 }  // Lazy: the same yes/no answer.
        if let c = peek, c == "*" || c == "+" || c == "?" || (c == "{" && isCountAhead()) {
            throw RegexSyntaxError("a quantifier cannot follow another (possessive and nested quantifiers are not supported; use a group)", at: position)
        }
        return .repetition(node, min: min, max: max)
    }

    /// `*`, `+`, `?` or a count, or nil when none follows.
    private mutating func quantifier() throws(RegexSyntaxError) -> (Int, Int?)? {
        switch peek {
        case "*": position += 1; return (0, nil)
        case "+": position += 1; return (1, nil)
        case "?": position += 1; return (0, 1)
        case "{" where isCountAhead(): return try count()
        default: return nil
        }
    }

    /// Whether `{` starts `{m}`, `{m,}` or `{m,n}` (otherwise it is a literal brace).
    private func isCountAhead() -> Bool {
        var k = position + 1
        var digits = 0
        while k < scalars.count, isDigit(scalars[k]) { k += 1; digits += 1 }
        guard digits > 0, k < scalars.count else { return false }
        if scalars[k] == "}" { return true }
        guard scalars[k] == "," else { return false }
        k += 1
        while k < scalars.count, isDigit(scalars[k]) { k += 1 }
        return k < scalars.count && scalars[k] == "}"
    }

    private mutating func count() throws(RegexSyntaxError) -> (Int, Int?) {
        let start = position
        position += 1
        let min = try number(start)
        var max: Int? = min
        if peek == "," {
            position += 1
            max = peek == "}" ? nil : try number(start)
        }
        position += 1  // "}"
        if let max, max < min { throw RegexSyntaxError("repetition {\(min),\(max)} has its bounds out of order", at: start) }
        return (min, max)
    }

    private mutating func number(_ start: Int) throws(RegexSyntaxError) -> Int {
        var n = 0
        while let c = peek, isDigit(c) {
            n = n * 10 + Int(c.value - 0x30)
            if n > RegexParser.maxRepeat {
                throw RegexSyntaxError("repetition count larger than \(RegexParser.maxRepeat)", at: start)
            }
            position += 1
        }
        return n
    }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    private mutating func atom() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        let c = scalars[position]
        position += 1
        switch c {
        case "(": return try group(start)
        case "[": return .set(try characterClass(start))
        case ".": return .any
        case "^": return .assertion(.start)
        case "$": return .assertion(.end)
        case "\\": return try escape(inClass: false)
        case "*", "+", "?": throw RegexSyntaxError("'\(c)' has nothing to repeat", at: start)
        case "{" where isCountAhead(at: start): throw RegexSyntaxError("'{' has nothing to repeat", at: start)
        default: return .scalar(c)
        }
    }

    private func isCountAhead(at k: Int) -> Bool {
        var copy = self
        copy.position = k
        return copy.isCountAhead()
    }

    private mutating func group(_ start: Int) throws(RegexSyntaxError) -> RegexNode {
        if peek == "?" {
            switch (peek(1), peek(2)) {
            case (":"?, _): position += 2
            case ("="?, _), ("!"?, _), ("<"?, "="?), ("<"?, "!"?):
                throw RegexSyntaxError("lookahead and lookbehind are not supported", at: start)
            case ("<"?, _), ("P"?, "<"?), ("'"?, _):
                position += peek(1) == "P" ? 3 : 2
                let close: Unicode.Scalar = scalars[position - 1] == "'" ? "'" : ">"
                while let n = peek, n != close { position += 1 }
                if peek == nil { throw RegexSyntaxError("unterminated group name", at: start) }
                position += 1
            default:
                throw RegexSyntaxError("'(?' options and special groups are not supported (only '(?:' and named groups)", at: start)
            }
        }
        nesting += 1
        if nesting > RegexParser.maxNesting {
            throw RegexSyntaxError("groups nested deeper than \(RegexParser.maxNesting)", at: start)
        }
        let inner = try alternation()
        nesting -= 1
        guard peek == ")" else { throw RegexSyntaxError("missing ')'", at: position) }
        position += 1
        return inner
    }

    private mutating func characterClass(_ start: Int) throws(RegexSyntaxError) -> RegexCharacterClass {
        var set = RegexCharacterClass(items: [], negated: false)
        if peek == "^" {
            set.negated = true
            position += 1
        }
        var first = true
        while true {
            guard let c = peek else { throw RegexSyntaxError("missing ']'", at: start) }
            if c == "]" && !first { break }
            first = false
            if c == "[" && peek(1) == ":" {
                throw RegexSyntaxError("POSIX classes like [:alpha:] are not supported", at: position)
            }
            let itemStart = position
            position += 1
            let low: UInt32
            if c == "\\" {
                let escaped = try escape(inClass: true)
                guard case .scalar(let s) = escaped else {
                    if case .set(let inner) = escaped { set.items += inner.items }
                    continue
                }
                low = s.value
            } else {
                low = c.value
            }
            // A range, unless the '-' is the last character of the class.
            if peek == "-", let next = peek(1), next != "]" {
                position += 1
                let high: UInt32
                if next == "\\" {
                    position += 1
                    guard case .scalar(let s) = try escape(inClass: true) else {
                        throw RegexSyntaxError("a range cannot end in a class like \\d", at: itemStart)
                    }
                    high = s.value
                } else {
                    position += 1
                    high = next.value
                }
                guard low <= high else { throw RegexSyntaxError("range out of order in a character class", at: itemStart) }
                set.items.append(.range(low...high))
            } else {
                set.items.append(.range(low...low))
            }
        }
        position += 1
        return set
    }

    /// After a backslash: a class (`\d`), an anchor (`\b`), or a scalar.
    private mutating func escape(inClass: Bool) throws(RegexSyntaxError) -> RegexNode {
        let start = position - 1
        guard let c = peek else { throw RegexSyntaxError("a pattern cannot end in a backslash", at: start) }
        position += 1
        switch c {
        case "d": return .set(RegexCharacterClass(items: [.digit(negated: false)], negated: false))
        case "D": return .set(RegexCharacterClass(items: [.digit(negated: true)], negated: false))
        case "w": return .set(RegexCharacterClass(items: [.word(negated: false)], negated: false))
        case "W": return .set(RegexCharacterClass(items: [.word(negated: true)], negated: false))
        case "s": return .set(RegexCharacterClass(items: [.space(negated: false)], negated: false))
        case "S": return .set(RegexCharacterClass(items: [.space(negated: true)], negated: false))
        case "b" where !inClass: return .assertion(.wordBoundary)
        case "B" where !inClass: return .assertion(.notWordBoundary)
        case "n": return .scalar("\n")
        case "t": return .scalar("\t")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "v": return .scalar("\u{0B}")
        case "0": return .scalar("\0")
        case "x", "u": return .scalar(try hexScalar(start))
        case "1"..."9", "k", "g":
            throw RegexSyntaxError("backreferences are not supported (Scout's regular expressions run in linear time)", at: start)
        default:
            if c.isASCII, !c.properties.isAlphabetic, !isDigit(c) { return .scalar(c) }
            throw RegexSyntaxError("unknown escape '\\\(c)'", at: start)
        }
    }

    /// `\xHH`, `\uHHHH`, `\x{H...}` or `\u{H...}`.
    private mutating func hexScalar(_ start: Int) throws(RegexSyntaxError) -> Unicode.Scalar {
        let width = scalars[position - 1] == "x" ? 2 : 4
        var digits: [Unicode.Scalar] = []
        if peek == "{" {
            position += 1
            while let c = peek, c != "}" { digits.append(c); position += 1 }
            guard peek == "}" else { throw RegexSyntaxError("missing '}' in a \\x{...} escape", at: start) }
            position += 1
        } else {
            for _ in 0..<width {
                guard let c = peek else { break }
                digits.append(c)
                position += 1
            }
        }
        var value: UInt32 = 0
        for d in digits {
            guard let v = UInt32(String(d), radix: 16), digits.count <= 8 else {
                throw RegexSyntaxError("invalid hexadecimal escape", at: start)
            }
            value = value << 4 | v
        }
        guard !digits.isEmpty, let scalar = Unicode.Scalar(value) else {
            throw RegexSyntaxError("invalid hexadecimal escape", at: start)
        }
        return scalar
    }
}
