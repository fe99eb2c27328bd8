import Scout

/// Decides, with the language's own lexer, whether an input is a whole statement or goes on
/// on the next line: it goes on while a bracket (`(`, `[`, `{`) or a multi-line string
/// (`"""`, with its interpolations) is open, after a backslash that continues a string, and
/// after a token that continues a line (an operator, a comma, `and`, `in`, ...). An
/// unterminated `"` string is complete: it cannot go on, and the parser says why.
///
/// It can also take an input line by line (``scan(_:)``), carrying the open brackets from
/// one line to the next, so that piped input costs no more to read than its length; only
/// while a string spans lines does it read the whole input again.
struct InputCompleteness {
    /// What is open at a point of the input.
    private enum Open {
        case bracket(TokenKind)
        case string(multiline: Bool)
        case interpolation
    }

    private var open: [Open] = []
    private var last: TokenKind?
    /// True when a string goes on past the end of what was scanned.
    private(set) var inString = false

    /// The status of `text`: complete, or incomplete with the indentation of its next line.
    static func status(of text: String) -> InputStatus {
        let trimmed = text.drop(while: \.isWhitespace)
        if trimmed.isEmpty || trimmed.hasPrefix(":") { return .complete }
        var tracker = InputCompleteness()
        tracker.scan(text)
        return tracker.status
    }

    /// The status after what was scanned.
    var status: InputStatus {
        if inString { return .incomplete(indent: 0) }
        let depth = open.reduce(0) { n, o in if case .bracket = o { return n + 1 } else { return n } }
        if depth > 0 { return .incomplete(indent: 2 * depth) }
        if let last, last.continuesLine { return .incomplete(indent: 2) }
        return .complete
    }

    /// Reads more of the input: whole lines that do not start inside a string (after a
    /// scan that ended ``inString``, scan the whole input again from a fresh tracker).
    mutating func scan(_ text: String) {
        let source = SourceFile(name: "<repl>", text: text)
        let (tokens, diagnostics) = Lexer.tokenize(source)
        let end = source.bytes.count
        inString = false
        if diagnostics.contains(where: { $0.kind == .unterminatedMultilineString })
            || (diagnostics.contains(where: { $0.kind == .unterminatedString }) && InputCompleteness.endsWithEscape(text)) {
            inString = true
            return
        }
        for token in tokens {
            let synthetic = token.span.length == 0 && token.span.offset >= end
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace:
                open.append(.bracket(token.kind))
            case .rightParen:
                close(.leftParen)
            case .rightBracket:
                close(.leftBracket)
            case .rightBrace:
                close(.leftBrace)
            case .stringStart:
                open.append(.string(multiline: token.text == "\"\"\""))
            case .interpolationStart:
                open.append(.interpolation)
            case .interpolationEnd:
                // An interpolation left open at the end of a multi-line string goes on.
                if synthetic, isInsideMultilineString {
                    inString = true
                    return
                }
                while let top = open.popLast() { if case .interpolation = top { break } }
            case .stringEnd:
                while let top = open.popLast() { if case .string = top { break } }
            default:
                break
            }
            if token.kind != .endOfFile && !synthetic { last = token.kind }
        }
    }

    /// Closes the innermost `opener` of the current string or interpolation level, and what
    /// was opened after it (as the lexer does); a closer with no opener closes nothing.
    private mutating func close(_ opener: TokenKind) {
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

    private var isInsideMultilineString: Bool {
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
