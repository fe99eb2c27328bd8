/// Expressions: spaced operators, parentheses only where precedence (or a map in a
/// condition) needs them, literals as written, lists and maps on one line or one element
/// per line as they were written.
extension LayoutPrinter {
    /// The precedence of the operand of `!` and `-`.
    static let unaryLevel = 8
    /// The precedence of `a.b`, `a[i]` and `f(x)`.
    static let postfixLevel = 10
    /// The precedence of names, literals, lists and maps.
    static let primaryLevel = 11

    /// The grammar's levels, lowest first: `||` 1, `&&` 2, `==` `!=` 3, `<` `<=` `>` `>=`
    /// `in` 4, `??` 5, `+` `-` 6, `*` `/` `%` 7, (unary 8), `**` 9.
    static func precedence(_ op: BinaryOperator) -> Int {
        switch op {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual: return 3
        case .less, .lessEqual, .greater, .greaterEqual, .in: return 4
        case .coalesce: return 5
        case .add, .subtract: return 6
        case .multiply, .divide, .remainder: return 7
        case .power: return 9
        }
    }

    /// How tightly an expression binds as printed (a negative number binds as a unary minus).
    func precedence(_ e: Expression) -> Int {
        switch e.kind {
        case .binary(let op, _, _): return Self.precedence(op)
        case .unary: return Self.unaryLevel
        case .literal: return isNegativeLiteral(e) ? Self.unaryLevel : Self.primaryLevel
        case .member, .index, .call: return Self.postfixLevel
        case .interpolated, .variable, .list, .map: return Self.primaryLevel
        }
    }

    /// Writes `e`, in parentheses when it binds less tightly than `minimum`, or when it is a
    /// map standing where a condition would take its `{` for a block.
    mutating func expression(_ e: Expression, _ minimum: Int = 0, condition: Bool = false) {
        var isMap = false
        if case .map = e.kind { isMap = true }
        let parenthesised = precedence(e) < minimum || (condition && isMap)
        if parenthesised { write("(") }
        let condition = condition && !parenthesised
        switch e.kind {
        case .literal, .interpolated:
            write(literalText(e))
        case .variable(let name):
            write(name)
        case .list(let elements):
            list(e, elements)
        case .map(let entries):
            map(e, entries)
        case .member(let base, let name):
            expression(base, Self.postfixLevel, condition: condition)
            write("." + name)
        case .index(let base, let index):
            if let digits = dottedIndex(index) {
                // `pair.0`: an integer before `.0` would read as a float, `1.0`.
                var integerBase = false
                if case .literal(.int) = base.kind { integerBase = true }
                expression(base, integerBase ? Self.primaryLevel + 1 : Self.postfixLevel, condition: condition)
                write("." + digits)
            } else {
                expression(base, Self.postfixLevel, condition: condition)
                write("[")
                expression(index)
                write("]")
            }
        case .call(let name, let arguments):
            write(name + "(")
            for (n, argument) in arguments.enumerated() {
                if n > 0 { write(", ") }
                expression(argument)
            }
            write(")")
        case .unary(let op, let operand):
            write(op.rawValue)
            expression(operand, Self.unaryLevel, condition: condition)
        case .binary(.power, let left, let right):
            expression(left, Self.postfixLevel, condition: condition)
            write(" ** ")
            expression(right, Self.unaryLevel, condition: condition)
        case .binary(let op, let left, let right):
            let level = Self.precedence(op)
            expression(left, level, condition: condition)
            write(" \(op.rawValue) ")
            expression(right, level + 1, condition: condition)
        }
        if parenthesised { write(")") }
    }

    /// The digits of an index written `.N` (`pair.0`), as written; nil for `xs[N]`.
    func dottedIndex(_ index: Expression) -> String? {
        guard case .literal(.int) = index.kind, index.span.length > 0 else { return nil }
        let i = source.firstToken(atOrAfter: index.span.offset)
        guard i > 0, source.tokens[i - 1].kind == .dot, source.tokens[i].kind == .integer else { return nil }
        return source.text(of: source.tokens[i])
    }

    /// A literal or a string as written: its token's text (a string from its opening to its
    /// closing quotes, escapes, interpolations and line breaks untouched), without the
    /// parentheses around it, and with one `-` for a negative number however it was written
    /// (`-(1)` is `-1`, `--1` is `1`).
    func literalText(_ e: Expression) -> String {
        guard let (negative, core) = literalToken(e) else { return ExpressionPrinter.source(e) }
        let token = source.tokens[core]
        if token.kind == .stringStart {
            let close = source.tokens[source.closingQuote(of: core)].span
            return source.text(from: token.span.offset, to: close.offset + close.length)
        }
        return (negative ? "-" : "") + source.text(of: token)
    }

    /// True when a literal is written with a minus (it then binds as a unary minus does).
    func isNegativeLiteral(_ e: Expression) -> Bool {
        guard let (negative, _) = literalToken(e) else { return ExpressionPrinter.source(e).hasPrefix("-") }
        return negative
    }

    /// The token of a literal (a string's opening quote) inside the parentheses and minus
    /// signs its span may hold, and whether an odd number of minus signs stands before it.
    func literalToken(_ e: Expression) -> (negative: Bool, index: Int)? {
        guard e.span.length > 0 else { return nil }
        let end = e.span.offset + e.span.length
        var i = source.firstToken(atOrAfter: e.span.offset)
        var minus = 0
        while i < source.tokens.count, source.tokens[i].span.offset < end {
            switch source.tokens[i].kind {
            case .leftParen, .newline:
                i += 1
            case .minus:
                minus += 1
                i += 1
            case .integer, .float, .duration, .rawString, .stringStart, .keyword(.true), .keyword(.false), .keyword(.null):
                return (minus % 2 == 1, i)
            default:
                return nil
            }
        }
        return nil
    }

    /// The `[` and `]` (or `{` and `}`) of a list or map, inside any parentheses around it.
    func brackets(_ e: Expression, _ open: TokenKind, _ close: TokenKind) -> (open: Int, close: Int) {
        let end = e.span.offset + e.span.length
        let first = source.firstToken(open, atOrAfter: e.span.offset).map { source.tokens[$0].span.offset } ?? e.span.offset
        let last = source.lastToken(close, endingBy: end).map { source.tokens[$0].span.offset } ?? Self.last(e.span)
        return (first, last)
    }

    /// True when a list or map was written over several lines: a line break between a
    /// bracket and an element or between two elements (not one inside an element, such as
    /// in a multi-line string); an empty one, only when a comment stands inside.
    func isMultiLine(open: Int, close: Int, items: [(start: Int, end: Int)]) -> Bool {
        guard !items.isEmpty else {
            return source.line(of: open) != source.line(of: close) && source.hasComment(between: open, and: close)
        }
        var previous = open
        for item in items {
            if source.line(of: previous) != source.line(of: item.start) { return true }
            previous = item.end
        }
        return source.line(of: previous) != source.line(of: close)
    }

    /// `[a, b]`, or one element per line, each followed by a comma.
    mutating func list(_ e: Expression, _ elements: [Expression]) {
        let (open, close) = brackets(e, .leftBracket, .rightBracket)
        guard isMultiLine(open: open, close: close, items: elements.map { ($0.span.offset, Self.last($0.span)) }) else {
            write("[")
            for (n, element) in elements.enumerated() {
                if n > 0 { write(", ") }
                expression(element)
            }
            write("]")
            return
        }
        write("[")
        finish(opens: true)
        indent += 1
        for element in elements {
            begin(.continuation, at: element.span.offset)
            expression(element)
            write(",")
            reach(Self.last(element.span))
            finish()
        }
        indent -= 1
        begin(.closing, at: close)
        write("]")
    }

    /// `{key: value}`, or one entry per line, each followed by a comma.
    mutating func map(_ e: Expression, _ entries: [MapEntry]) {
        let (open, close) = brackets(e, .leftBrace, .rightBrace)
        let keys = entries.map(mapKey)
        guard isMultiLine(open: open, close: close, items: zip(keys, entries).map { ($0.offset, Self.last($1.value.span)) }) else {
            write("{")
            for (n, entry) in entries.enumerated() {
                if n > 0 { write(", ") }
                write(keys[n].text + ": ")
                expression(entry.value)
            }
            write("}")
            return
        }
        write("{")
        finish(opens: true)
        indent += 1
        for (key, entry) in zip(keys, entries) {
            begin(.continuation, at: key.offset)
            write(key.text + ": ")
            expression(entry.value)
            write(",")
            reach(Self.last(entry.value.span))
            finish()
        }
        indent -= 1
        begin(.closing, at: close)
        write("}")
    }

    /// A map key as written (a name, a keyword or a string), found before the colon before
    /// its value, and where it stands.
    func mapKey(_ entry: MapEntry) -> (text: String, offset: Int) {
        let fallback = (ExpressionPrinter.mapKey(entry.key), entry.value.span.offset)
        var i = source.firstToken(atOrAfter: entry.value.span.offset) - 1
        while i >= 0, source.tokens[i].kind == .newline { i -= 1 }
        guard i >= 1, source.tokens[i].kind == .colon else { return fallback }
        i -= 1
        let token = source.tokens[i]
        switch token.kind {
        case .identifier, .keyword, .rawString:
            return (source.text(of: token), token.span.offset)
        case .stringEnd:
            var j = i
            while j > 0, source.tokens[j].kind != .stringStart { j -= 1 }
            guard source.closingQuote(of: j) == i else { return fallback }
            let start = source.tokens[j].span.offset
            return (source.text(from: start, to: token.span.offset + token.span.length), start)
        default:
            return fallback
        }
    }
}
