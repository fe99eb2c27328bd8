import Scout

/// The names of named arguments written in a task (`notify "x", channel: "#dev"`): the
/// syntax tree keeps them without their places, so they are found in the tokens.
enum ArgumentLabels {
    /// The label tokens of the task whose command is the token at `index`: a name followed
    /// by `:` at the start of an argument, up to the end of the task (a line break not
    /// after a comma, `;`, `}`, a clause or the end of the file).
    static func labels(ofTaskAt index: Int, in tokens: [Token]) -> [Token] {
        var labels: [Token] = []
        var depth = 0
        var argumentStart = true
        var previous: TokenKind?
        var i = index + 1
        while i < tokens.count {
            let t = tokens[i]
            switch t.kind {
            case .leftParen, .leftBracket, .leftBrace, .interpolationStart, .stringStart:
                depth += 1
            case .rightParen, .rightBracket, .interpolationEnd, .stringEnd:
                depth -= 1
            case .rightBrace:
                if depth == 0 { return labels }
                depth -= 1
            case .endOfFile, .semicolon:
                if depth == 0 { return labels }
            case .newline:
                if depth == 0, previous != .comma { return labels }
                i += 1
                continue
            case .keyword(let k) where depth == 0 && Keyword.clauseStarters.contains(k):
                return labels
            case .comma where depth == 0:
                argumentStart = true
                previous = t.kind
                i += 1
                continue
            case .identifier where depth == 0 && argumentStart:
                if i + 1 < tokens.count, tokens[i + 1].kind == .colon { labels.append(t) }
            default:
                break
            }
            if depth < 0 { return labels }
            argumentStart = false
            previous = t.kind
            i += 1
        }
        return labels
    }

    /// The index of the token at exactly `offset`, if any.
    static func tokenIndex(at offset: Int, in tokens: [Token]) -> Int? {
        let lo = tokens.count(startingBefore: offset, orAt: false) { $0.span.offset }
        return lo < tokens.count && tokens[lo].span.offset == offset ? lo : nil
    }
}
