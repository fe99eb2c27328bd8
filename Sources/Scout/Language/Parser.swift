import CScoutSystem

/// The recursive-descent parser: one method per rule of `grammar/scout.ebnf`.
///
/// The expression rules (`Parser+Expressions.swift`) serve both the language's statements
/// (`Parser+Statements.swift`) and the `${...}` templates of the JSON task list.
public struct Parser {
    /// Nesting of expressions and blocks deeper than this is an error, not a stack overflow.
    public static let maxDepth = 100
    /// The stack the parser leaves unused for what runs after it (the checker, the evaluator).
    static let stackReserve = 256 << 10
    /// The parser keeps this many diagnostics; it counts the others (``DiagnosticKind/moreErrors(_:)``).
    public static let maxDiagnostics = 100

    let source: SourceFile
    var tokens: [Token]
    var current = 0
    /// The token kinds tried at the current position since the last `advance()`, for messages.
    var expected: [String] = []
    var depth = 0
    /// Set once nesting too deep was reported: the blocks around it are then left at the
    /// end of the file without being reported as unclosed, which would only repeat it.
    var nestingReported = false
    /// The brackets open at the current token (`(`, `[`, `{` and `${`), so that recovery
    /// can skip to the end of the statement it started in (``synchronize(to:)``).
    var openBrackets: [TokenKind] = []
    /// How many of each opener ``openBrackets`` holds.
    var openCounts: [TokenKind: Int] = [:]
    /// True while an expression is being parsed (its depth is checked when the outermost ends).
    var inExpression = false
    /// False inside the condition of `if`, `for` and clauses: there a `{` starts a block.
    var mapLiteralsAllowed = true
    var diagnostics: [Diagnostic] = []
    /// Diagnostics past ``maxDiagnostics``: counted, not kept.
    var dropped = 0
    /// Names the parser treats as functions when written `name(`; others are commands.
    var functionNames: Set<String>

    init(source: SourceFile, tokens: [Token], functionNames: Set<String> = FunctionTable.builtins.names) {
        self.source = source
        self.tokens = tokens
        self.functionNames = functionNames
    }

    /// Thrown inside the parser to unwind to the nearest statement boundary.
    struct Abort: Error {}

    // MARK: - Token helpers

    var peek: Token { tokens[current] }

    func peek(_ ahead: Int) -> Token { tokens[min(current + ahead, tokens.count - 1)] }

    var previous: Token { tokens[max(current - 1, 0)] }

    var isAtEnd: Bool { peek.kind == .endOfFile }

    /// True when the current token is of `kind`; otherwise notes `kind` as expected here.
    mutating func check(_ kind: TokenKind) -> Bool {
        if peek.kind == kind { return true }
        let name = kind.displayName
        if !expected.contains(name) { expected.append(name) }
        return false
    }

    /// Notes a description (such as "an expression") as expected here.
    mutating func expect(_ description: String) {
        if !expected.contains(description) { expected.append(description) }
    }

    @discardableResult
    mutating func advance() -> Token {
        let t = tokens[current]
        if current < tokens.count - 1 { current += 1 }
        if !expected.isEmpty { expected.removeAll(keepingCapacity: true) }
        switch t.kind {
        case .leftParen, .leftBracket, .leftBrace, .interpolationStart:
            openBrackets.append(t.kind)
            openCounts[t.kind, default: 0] += 1
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
        guard openCounts[opener, default: 0] > 0, let at = openBrackets.lastIndex(of: opener) else { return }
        for kind in openBrackets[at...] { openCounts[kind, default: 0] -= 1 }
        openBrackets.removeSubrange(at...)
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
        report(.unexpectedToken(found: describe(peek), expected: expected), span)
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
