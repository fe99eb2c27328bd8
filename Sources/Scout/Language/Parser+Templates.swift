/// Entry points for expressions that stand alone: conditions and `${...}` templates of the
/// JSON task list, and expressions typed at the REPL.
extension Parser {
    /// Parses a whole source as one expression.
    package static func parseExpression(_ source: SourceFile, functions: Set<String> = FunctionTable.builtins.names) throws(DiagnosticList) -> Expression {
        let (tokens, lexical) = Lexer.tokenize(source)
        var parser = Parser(source: source, tokens: tokens, functionNames: functions)
        var result: Expression?
        do {
            parser.skipNewlines()
            let e = try parser.expression()
            parser.skipNewlines()
            if !parser.check(.endOfFile) { throw parser.error() }
            result = e
        } catch {}
        let all = Parser.merge(lexical, parser.diagnostics)
        if let result, !all.contains(where: { $0.severity == .error }) { return result }
        throw DiagnosticList(all)
    }

    /// Parses a template: text with `${...}` interpolations. A template that is exactly one
    /// interpolation (`"${files}"`) gives that expression, so the value keeps its type; text
    /// without interpolation gives a string constant.
    package static func parseTemplate(_ source: SourceFile, functions: Set<String> = FunctionTable.builtins.names) throws(DiagnosticList) -> Expression {
        let (tokens, lexical) = Lexer.tokenizeTemplate(source)
        var parser = Parser(source: source, tokens: tokens, functionNames: functions)
        var result: Expression?
        do {
            let e = try parser.string()
            if !parser.check(.endOfFile) { throw parser.error() }
            result = e
        } catch {}
        let all = Parser.merge(lexical, parser.diagnostics)
        guard var result, !all.contains(where: { $0.severity == .error }) else { throw DiagnosticList(all) }
        if case .interpolated(let parts) = result.kind, parts.count == 1, case .interpolation(let inner) = parts[0] {
            result = inner
        }
        return result
    }

    /// Parses a condition as the JSON task list writes it: `"${status.clean}"` or a bare
    /// expression such as `"status.clean && !skip"` (whose strings may interpolate). Text
    /// around an interpolation is an error: a condition is one expression.
    package static func parseCondition(_ text: String, name: String = "<condition>") throws(DiagnosticList) -> Expression {
        let source = SourceFile(name: name, text: text)
        guard text.contains("${") else { return try parseExpression(source) }
        let e = try parseTemplate(source)
        if case .interpolated(let parts) = e.kind {
            var inner: [Expression] = []
            var onlySpace = true
            for part in parts {
                switch part {
                case .interpolation(let x): inner.append(x)
                case .text(let t): onlySpace = onlySpace && t.allSatisfy(\.isWhitespace)
                }
            }
            if onlySpace, inner.count == 1 { return inner[0] }
            // A bare expression may hold a string with an interpolation: `name == "v${n}"`.
            if let bare = try? parseExpression(source) { return bare }
            throw DiagnosticList([Diagnostic(.invalidClause("a condition must be one expression: write \"${a && b}\" or \"a && b\", not text around ${...}"), at: SourceSpan(offset: 0, length: text.utf8.count, line: 1, column: 1), in: source)])
        }
        return e
    }

    /// Lexer and parser diagnostics in source order; parser errors on a line the lexer
    /// already reported are dropped, since they follow from the lexer's.
    static func merge(_ lexical: [Diagnostic], _ syntax: [Diagnostic]) -> [Diagnostic] {
        func count(_ d: Diagnostic) -> Int? {
            if case .moreErrors(let n) = d.kind { return n }
            return nil
        }
        let more = (lexical + syntax).compactMap(count).reduce(0, +)
        let lexical = lexical.filter { count($0) == nil }
        let lexicalLines = Set(lexical.map(\.span.line))
        let kept = syntax.filter { count($0) == nil && (!lexicalLines.contains($0.span.line) || $0.severity == .warning) }
        let sorted = (lexical + kept).sorted { ($0.span.offset, $0.span.length) < ($1.span.offset, $1.span.length) }
        return more > 0 ? sorted + [Diagnostic(.moreErrors(more), at: .none, in: lexical.first?.source ?? syntax.first?.source)] : sorted
    }
}
