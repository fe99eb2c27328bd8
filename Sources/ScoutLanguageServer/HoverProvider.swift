import Scout

/// `textDocument/hover`: the help of a keyword, command or function, and for a name the
/// script defines, what it is, the line that defines it and the comment describing it.
struct HoverProvider: Sendable {
    let context: LanguageContext

    func hover(_ document: Document, at offset: Int) -> Value {
        let analysis = document.analysis
        guard let index = analysis.tokenIndex(at: offset) else { return .null }
        let token = analysis.tokens[index]
        var text: String?
        switch token.kind {
        case .keyword(let k):
            text = context.documentation.keyword(k.rawValue)
        case .identifier:
            text = identifier(token, index: index, offset: offset, in: analysis)
        default:
            break
        }
        guard let text else { return .null }
        return ["contents": ["kind": "plaintext", "value": .string(text)], "range": document.encoding.range(of: token.span)]
    }

    func identifier(_ token: Token, index: Int, offset: Int, in analysis: ScriptAnalysis) -> String? {
        if let occurrence = analysis.symbols.occurrence(at: offset) {
            if let definition = analysis.symbols.definition(of: occurrence) {
                return describe(definition, in: analysis)
            }
            if occurrence.isCommand, let spec = context.commands.spec(occurrence.name) {
                return context.documentation.command(spec)
            }
            if occurrence.argumentOf == nil,
               let imported = ImportedNames.definition(of: occurrence.name, isCommand: occurrence.isCommand, in: analysis) {
                let kind = occurrence.isCommand ? "command" : "variable"
                let line = imported.file.source.lineText(imported.statement.line).drop { $0 == " " || $0 == "\t" }
                var out = "(\(kind) of \(imported.file.path)) \(occurrence.name)\n\n\(line)\n"
                if let comment = DocComments(imported.file.source).description(ofLine: imported.statement.line) { out += "\n" + comment + "\n" }
                return out
            }
            if let command = occurrence.argumentOf, let p = context.commands.spec(command)?.parameter(occurrence.name) {
                return "(argument of \(command)) \(p.name): \(p.type.description)\(p.required ? ", required" : "")\n\n\(p.summary)\n"
            }
        }
        if index > 0, analysis.tokens[index - 1].kind == .dot {
            return LanguageContext.resultFields.contains(token.text) ? "(result field) \(token.text)\n" : nil
        }
        if index + 1 < analysis.tokens.count, analysis.tokens[index + 1].kind == .leftParen, let f = context.functions[token.text] {
            return context.documentation.function(f)
        }
        if let spec = context.commands.spec(token.text), analysis.commandToken(before: index)?.span == token.span {
            return context.documentation.command(spec)
        }
        return nil
    }

    /// `task lint`, the line that defines it, and its comment.
    func describe(_ d: SymbolOccurrence, in analysis: ScriptAnalysis) -> String {
        var out = "(\(d.definition?.noun ?? "name")) \(d.name)\n"
        let line = analysis.source.lineText(d.statement.line)
        out += "\n" + line.drop { $0 == " " || $0 == "\t" } + "\n"
        if let comment = DocComments(analysis.source).description(ofLine: d.statement.line) {
            out += "\n" + comment + "\n"
        }
        return out
    }
}
