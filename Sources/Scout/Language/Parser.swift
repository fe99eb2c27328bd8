/// The recursive-descent parser: one method per rule of `grammar/scout.ebnf`.
///
/// The expression rules (`Parser+Expressions.swift`) serve both the language's statements
/// (`Parser+Statements.swift`) and the `${...}` templates of the JSON task list.
public struct Parser {
    /// Nesting of expressions and blocks deeper than this is an error, not a stack overflow.
    public static let maxDepth = 100
    /// After this many diagnostics the parser stops.
    public static let maxDiagnostics = 50

    let source: SourceFile
    var tokens: [Token]
    var current = 0
    /// The token kinds tried at the current position since the last `advance()`, for messages.
    var expected: [String] = []
    var depth = 0
    /// False inside the condition of `if`, `for` and clauses: there a `{` starts a block.
    var mapLiteralsAllowed = true
    var diagnostics: [Diagnostic] = []
    /// `{` consumed and not yet closed: error recovery skips to the end of the statement it
    /// was in, past braces the failed statement opened.
    var openBraces = 0
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
        if t.kind == .leftBrace { openBraces += 1 } else if t.kind == .rightBrace { openBraces -= 1 }
        if !expected.isEmpty { expected.removeAll(keepingCapacity: true) }
        return t
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
        if peek.kind == .endOfFile, current > 0 {
            // Point just after the last token rather than at an empty last line.
            let last = previous.span
            let width = source.text(of: last).unicodeScalars.count
            if !source.text(of: last).contains("\n") {
                span = SourceSpan(offset: last.offset + last.length, length: 0, line: last.line, column: last.column + width)
            }
        }
        report(.unexpectedToken(found: describe(peek), expected: expected), span)
        return Abort()
    }

    mutating func report(_ kind: DiagnosticKind, _ span: SourceSpan, severity: Diagnostic.Severity = .error) {
        guard diagnostics.count < Parser.maxDiagnostics else { return }
        diagnostics.append(Diagnostic(kind, at: span, in: source, severity: severity))
    }

    /// How a token is named in a message: `'foo'`, `'42'`, `end of line`, `a string`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier, .integer, .float, .duration: return "'\(token.text)'"
        case .stringStart, .rawString: return "a string"
        case .invalid: return "'\(source.text(of: token.span))'"
        default: return token.kind.displayName
        }
    }

    /// Enters one level of nesting, or reports that it is too deep.
    mutating func enter(_ span: SourceSpan) throws(Abort) {
        depth += 1
        if depth > Parser.maxDepth {
            report(.nestingTooDeep(limit: Parser.maxDepth), span)
            throw Abort()
        }
    }

    mutating func leave() { depth -= 1 }
}
