import Scout

/// What the requests of a document read: its syntax tree (as far as it parses), its tokens
/// and its names.
struct ScriptAnalysis: Sendable {
    let source: SourceFile
    let statements: [Statement]
    let tokens: [Token]
    /// The comments, in source order.
    let comments: [Comment]
    let symbols: SymbolTable

    init(_ source: SourceFile) {
        self.source = source
        // One lexing for both the parser and the requests that read tokens.
        (tokens, comments, _) = Lexer.tokenize(source, keepingComments: true)
        var parser = Parser(source: source, tokens: tokens, functionNames: FunctionTable.builtins.names)
        statements = parser.program()
        symbols = SymbolTable(statements, tokens: tokens)
    }

    /// The index of the token containing `offset`, or ending just before it.
    func tokenIndex(at offset: Int) -> Int? {
        var i = tokens.count(startingBefore: offset, orAt: true) { $0.span.offset } - 1
        while i >= 0 {
            let t = tokens[i]
            if t.kind == .endOfFile || t.kind == .newline {
                i -= 1
                continue
            }
            return offset <= t.span.offset + t.span.length ? i : nil
        }
        return nil
    }

    /// True when `offset` is inside a comment or the text of a string (not in an
    /// interpolation), where nothing is completed.
    func isInTextOrComment(_ offset: Int) -> Bool {
        if let c = comments.last(where: { $0.span.offset < offset }), offset <= c.span.offset + c.span.length { return true }
        guard let index = tokenIndex(at: offset) else { return false }
        let t = tokens[index]
        switch t.kind {
        case .stringText: return true
        case .stringStart: return offset >= t.span.offset + t.span.length
        case .stringEnd: return offset == t.span.offset
        case .rawString: return offset > t.span.offset && offset < t.span.offset + t.span.length
        default: return false
        }
    }

    /// The word (letters, digits, `_`) that ends at `offset`.
    func wordBefore(_ offset: Int) -> (text: String, start: Int) {
        let bytes = source.bytes
        var start = min(offset, bytes.count)
        while start > 0, ScriptAnalysis.isWordByte(bytes[start - 1]) { start -= 1 }
        return (String(decoding: bytes[start..<min(offset, bytes.count)], as: UTF8.self), start)
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    /// The statement's first token before `index` at bracket depth 0 (after a line break,
    /// `;`, `{`, `}` or the start), when it is a name: the command of a task being written.
    func commandToken(before index: Int) -> Token? {
        var depth = 0
        var i = index
        var first: Token?
        while i >= 0 {
            let t = tokens[i]
            switch t.kind {
            case .rightParen, .rightBracket: depth += 1
            case .leftParen, .leftBracket:
                if depth == 0 { return nil }
                depth -= 1
            case .newline, .semicolon, .leftBrace, .rightBrace:
                if depth == 0 { return first?.kind == .identifier ? first : nil }
            default: break
            }
            first = t
            i -= 1
        }
        return first?.kind == .identifier ? first : nil
    }
}
