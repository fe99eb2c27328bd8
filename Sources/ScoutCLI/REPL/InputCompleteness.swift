import Scout

/// Decides, with the language's own lexer, whether an input is a whole statement or goes on
/// on the next line: it goes on while a bracket (`(`, `[`, `{`) or a multi-line string
/// (`"""`, with its interpolations) is open, after a backslash that continues a string, and
/// after a token that continues a line (an operator, a comma, `and`, `in`, ...). An
/// unterminated `"` string is complete: it cannot go on, and the parser says why.
enum InputCompleteness {
    /// What is open at a point of the input.
    private enum Open {
        case bracket(TokenKind)
        case string(multiline: Bool)
        case interpolation
    }

    /// The status of `text`: complete, or incomplete with the indentation of its next line.
    static func status(of text: String) -> InputStatus {
        let trimmed = text.drop(while: \.isWhitespace)
        if trimmed.isEmpty || trimmed.hasPrefix(":") { return .complete }
        let source = SourceFile(name: "<repl>", text: text)
        let (tokens, diagnostics) = Lexer.tokenize(source)
        let end = source.bytes.count
        if diagnostics.contains(where: { $0.kind == .unterminatedMultilineString }) { return .incomplete(indent: 0) }
        if diagnostics.contains(where: { $0.kind == .unterminatedString }), endsWithEscape(text) { return .incomplete(indent: 0) }
        var open: [Open] = []
        var last: TokenKind?
        for token in tokens {
            let synthetic = token.span.length == 0 && token.span.offset >= end
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace:
                open.append(.bracket(token.kind))
            case .rightParen:
                close(.leftParen, in: &open)
            case .rightBracket:
                close(.leftBracket, in: &open)
            case .rightBrace:
                close(.leftBrace, in: &open)
            case .stringStart:
                open.append(.string(multiline: token.text == "\"\"\""))
            case .interpolationStart:
                open.append(.interpolation)
            case .interpolationEnd:
                // An interpolation left open at the end of a multi-line string goes on.
                if synthetic, isInsideMultilineString(open) { return .incomplete(indent: 0) }
                while let top = open.popLast() { if case .interpolation = top { break } }
            case .stringEnd:
                while let top = open.popLast() { if case .string = top { break } }
            default:
                break
            }
            if token.kind != .endOfFile && !synthetic { last = token.kind }
        }
        let depth = open.reduce(0) { n, o in if case .bracket = o { return n + 1 } else { return n } }
        if depth > 0 { return .incomplete(indent: 2 * depth) }
        if let last, last.continuesLine { return .incomplete(indent: 2) }
        return .complete
    }

    /// Closes the innermost `opener` of the current string or interpolation level, and what
    /// was opened after it (as the lexer does); a closer with no opener closes nothing.
    private static func close(_ opener: TokenKind, in open: inout [Open]) {
        for i in open.indices.reversed() {
            switch open[i] {
            case .bracket(let kind) where kind == opener:
                open.removeSubrange(i...)
                return
            case .bracket:
                continue
            case .string, .interpolation:
                return
            }
        }
    }

    private static func isInsideMultilineString(_ open: [Open]) -> Bool {
        for o in open.reversed() {
            if case .string(let multiline) = o { return multiline }
        }
        return false
    }

    /// True when the text ends with an odd number of backslashes (a line break escaped).
    private static func endsWithEscape(_ text: String) -> Bool {
        var count = 0
        for c in text.reversed() {
            guard c == "\\" else { break }
            count += 1
        }
        return count % 2 == 1
    }
}
