import CScoutSystem

/// The recursive-descent parser: one method per rule of `grammar/scout.ebnf`.
///
/// The expression rules (`Parser+Expressions.swift`) serve both the language's statements
/// (`Parser+Statements.swift`) and the `${...}` templates of the JSON task list.
package struct Parser {
    /// Nesting of expressions and blocks deeper than this is an error, not a stack overflow.
    package static let maxDepth = 100
    /// The stack the parser leaves unused for what runs after it (the checker, the evaluator).
    static let stackReserve = 256 << 10
    /// The parser keeps this many diagnostics; it counts the others (``DiagnosticKind/moreErrors(_:)``).
    package static let maxDiagnostics = 100

    /// How many tokens past the current one ``peek(_:)`` may look without ``token(at:)``.
    static let lookahead = 8

    let source: SourceFile
    /// The tokens from ``base`` on: all of them, or, when they come from ``stream``, those
    /// from just before the current one to at least ``lookahead`` past it.
    var tokens: [Token]
    /// The index (counted from the first token of the source) of `tokens[0]`.
    var base = 0
    /// Where more tokens come from, until it has handed on the end of file.
    var stream: TokenStream?
    /// The lexer's diagnostics once ``stream`` has ended.
    var lexical: [Diagnostic] = []
    /// The index of the current token, counted from the first token of the source.
    var current = 0
    /// What was tried at the current position since the last `advance()`, for messages:
    /// token kinds, or descriptions such as "an expression" (the first ``expectedCount``;
    /// the storage is reused from token to token).
    var expected: [Expectation] = []
    var expectedCount = 0
    var depth = 0
    /// Set once nesting too deep was reported: the blocks around it are then left at the
    /// end of the file without being reported as unclosed, which would only repeat it.
    var nestingReported = false
    /// The brackets open at the current token (`(`, `[`, `{` and `${`), so that recovery
    /// can skip to the end of the statement it started in (``synchronize(to:)``).
    var openBrackets: [TokenKind] = []
    /// How many of each opener ``openBrackets`` holds: `(`, `[`, `{`, `${`.
    var openCounts: (paren: Int, bracket: Int, brace: Int, interpolation: Int) = (0, 0, 0, 0)
    /// True while an expression is being parsed (its depth is checked when the outermost ends).
    var inExpression = false
    /// False inside the condition of `if`, `for` and clauses: there a `{` starts a block.
    var mapLiteralsAllowed = true
    var diagnostics: [Diagnostic] = []
    /// Diagnostics past ``maxDiagnostics``: counted, not kept.
    var dropped = 0
    /// Names the parser treats as functions when written `name(`; others are commands.
    var functionNames: Set<String>
    /// The namespaces of `import "PATH" as NAME` read so far (and, in the REPL, on earlier
    /// lines): a line that starts `NAME.command` calls that command.
    var namespaces: Set<String>

    package init(source: SourceFile, tokens: [Token], functionNames: Set<String> = FunctionTable.builtins.names, namespaces: Set<String> = []) {
        self.source = source
        self.tokens = tokens
        self.functionNames = functionNames
        self.namespaces = namespaces
    }

    /// A parser that lexes `source` piece by piece as it goes (``lexical`` holds the lexer's
    /// diagnostics once the end of file is reached).
    init(streaming source: SourceFile, functionNames: Set<String>, namespaces: Set<String> = []) {
        self.source = source
        self.tokens = []
        self.functionNames = functionNames
        self.namespaces = namespaces
        self.stream = TokenStream(source)
        refill()
    }

    /// Thrown inside the parser to unwind to the nearest statement boundary.
    struct Abort: Error {}

    /// Something tried at a position: a token kind, or a description.
    enum Expectation: Equatable {
        case token(TokenKind)
        case description(String)

        var text: String {
            switch self {
            case .token(let kind): return kind.displayName
            case .description(let text): return text
            }
        }
    }

    // MARK: - Token helpers

    var peek: Token { tokens[current - base] }

    /// The token `ahead` places on (at most ``lookahead``; the end of file past it).
    func peek(_ ahead: Int) -> Token { tokens[min(current + ahead - base, tokens.count - 1)] }

    var previous: Token { tokens[max(current - 1, 0) - base] }

    /// The token at `index` however far ahead (the end of file past it).
    mutating func token(at index: Int) -> Token {
        while index - base >= tokens.count, stream != nil { refill() }
        return tokens[min(index - base, tokens.count - 1)]
    }

    /// True when there is a token at `index` (the end of file is the last).
    mutating func hasToken(at index: Int) -> Bool {
        while index - base >= tokens.count, stream != nil { refill() }
        return index - base < tokens.count
    }

    /// Reads the next piece of ``stream``, first dropping the tokens before the previous one.
    mutating func refill() {
        guard stream != nil else { return }
        let drop = max(current - 1 - base, 0)
        if drop > 0, drop >= tokens.count / 2 {
            tokens.removeSubrange(0..<drop)
            base += drop
        }
        stream!.next(into: &tokens)
        if stream!.finished {
            lexical = stream!.diagnostics
            stream = nil
        }
    }

    var isAtEnd: Bool { peek.kind == .endOfFile }

    /// True when the current token is of `kind`; otherwise notes `kind` as expected here.
    mutating func check(_ kind: TokenKind) -> Bool {
        if peek.kind == kind { return true }
        note(.token(kind))
        return false
    }

    /// Notes a description (such as "an expression") as expected here.
    mutating func expect(_ description: String) {
        note(.description(description))
    }

    mutating func note(_ e: Expectation) {
        for i in 0..<expectedCount where expected[i] == e { return }
        if expectedCount < expected.count { expected[expectedCount] = e } else { expected.append(e) }
        expectedCount += 1
    }

    /// What was expected here, as the words of a message (each once, in the order tried).
    var expectedWords: [String] {
        var words: [String] = []
        for e in expected[..<expectedCount] where !words.contains(e.text) { words.append(e.text) }
        return words
    }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[current - base]
        if current - base < tokens.count - 1 { current += 1 }
        if stream != nil, current - base + Parser.lookahead >= tokens.count { refill() }
        expectedCount = 0
        switch t.kind {
        case .leftParen, .leftBracket, .leftBrace, .interpolationStart:
            openBrackets.append(t.kind)
            countOpen(t.kind, by: 1)
        case .rightParen: close(.leftParen)
        case .rightBracket: close(.leftBracket)
        case .rightBrace: close(.leftBrace)
        case .interpolationEnd: close(.interpolationStart)
        default: break
        }
        return t
    }

    /// Closes the innermost open `opener` and what was left open inside it; a closer
    /// without an opener closes nothing.
    mutating func close(_ opener: TokenKind) {
        guard openCount(opener) > 0, let at = openBrackets.lastIndex(of: opener) else { return }
        for kind in openBrackets[at...] { countOpen(kind, by: -1) }
        openBrackets.removeSubrange(at...)
    }

    /// How many `opener`s ``openBrackets`` holds.
    func openCount(_ opener: TokenKind) -> Int {
        switch opener {
        case .leftParen: return openCounts.paren
        case .leftBracket: return openCounts.bracket
        case .leftBrace: return openCounts.brace
        default: return openCounts.interpolation
        }
    }

    mutating func countOpen(_ opener: TokenKind, by n: Int) {
        switch opener {
        case .leftParen: openCounts.paren += n
        case .leftBracket: openCounts.bracket += n
        case .leftBrace: openCounts.brace += n
        default: openCounts.interpolation += n
        }
    }

    /// Consumes the current token when it is of `kind`.
    mutating func match(_ kind: TokenKind) -> Bool {
        if check(kind) {
            advance()
            return true
        }
        return false
    }

    /// Consumes a token of `kind` or reports what was expected and aborts the statement.
    @discardableResult
    mutating func consume(_ kind: TokenKind) throws(Abort) -> Token {
        if check(kind) { return advance() }
        throw error()
    }

    /// Skips line breaks (inside brackets and map literals, where they mean nothing).
    mutating func skipNewlines() {
        while peek.kind == .newline { advance() }
    }

    /// Reports "expected ..., found ..." at the current token.
    mutating func error() -> Abort {
        var span = peek.span
        if peek.kind == .endOfFile, current > 0, !source.text(of: previous.span).contains("\n") {
            // Point just after the last token rather than at an empty last line.
            let last = previous.span
            span = SourceSpan(offset: last.offset + last.length, length: 0, line: last.line,
                              column: last.column + source.text(of: last).unicodeScalars.count)
        }
        report(.unexpectedToken(found: describe(peek), expected: expectedWords), span)
        return Abort()
    }

    mutating func report(_ kind: DiagnosticKind, _ span: SourceSpan, severity: Diagnostic.Severity = .error) {
        guard diagnostics.count < Parser.maxDiagnostics else {
            dropped += 1
            return
        }
        diagnostics.append(Diagnostic(kind, at: span, in: source, severity: severity))
    }

    /// How a token is named in a message: `'foo'`, `'42'`, `end of line`, `a string`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier, .integer, .float, .duration: return "'\(DiagnosticKind.shown(token.text))'"
        case .stringStart, .rawString: return "a string"
        case .invalid: return "'\(DiagnosticKind.shown(source.text(of: token.span)))'"
        default: return token.kind.displayName
        }
    }

    /// Enters one level of nesting (the caller leaves it with ``leave()``), or reports that
    /// it is too deep and enters nothing.
    mutating func enter(_ span: SourceSpan) throws(Abort) {
        // The stack is checked too: a build whose frames are larger (a sanitizer's), or a
        // thread with a small stack, reports nesting too deep before it would overflow.
        if depth >= Parser.maxDepth || cscout_stack_remaining() < Parser.stackReserve {
            report(.nestingTooDeep(limit: Parser.maxDepth), span)
            nestingReported = true
            throw Abort()
        }
        depth += 1
    }

    mutating func leave() { depth -= 1 }
}
