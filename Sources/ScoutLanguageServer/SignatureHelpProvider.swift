import Scout

/// `textDocument/signatureHelp`: inside `f(...)` the function's parameters; on a task line
/// the command's, the active one the argument being written (by its name when it has one,
/// else by its position).
struct SignatureHelpProvider: Sendable {
    let context: LanguageContext

    func help(_ document: Document, at offset: Int) -> Value {
        let analysis = document.analysis
        let tokens = analysis.tokens
        var end = 0
        while end < tokens.count, tokens[end].span.offset < offset, tokens[end].kind != .endOfFile { end += 1 }
        // Walk back from the cursor: an unclosed `(` after a function's name is a call.
        var depth = 0
        var commas = 0
        var i = end - 1
        while i >= 0 {
            let t = tokens[i]
            switch t.kind {
            case .rightParen, .rightBracket, .rightBrace: depth += 1
            case .leftBracket, .leftBrace:
                if depth == 0 { i = -1; continue }
                depth -= 1
            case .leftParen:
                if depth == 0 {
                    if i > 0, tokens[i - 1].kind == .identifier, let f = context.functions[tokens[i - 1].text] {
                        let parameters = f.parameters.split(separator: ",").map { $0.drop { $0 == " " } }.map(String.init)
                        return signature("\(f.name)(\(f.parameters))", documentation: f.summary, parameters: parameters, active: commas)
                    }
                    i = -1
                    continue
                }
                depth -= 1
            case .comma where depth == 0: commas += 1
            case .newline, .semicolon: if depth == 0 { i = -1; continue }
            default: break
            }
            i -= 1
        }
        guard end > 0, let command = analysis.commandToken(before: end - 1), command.span.offset < offset else { return .null }
        return commandSignature(command, tokens: tokens, end: end, in: analysis)
    }

    func commandSignature(_ command: Token, tokens: [Token], end: Int, in analysis: ScriptAnalysis) -> Value {
        let names: [String]
        let parameters: [String]
        let documentation: String
        if let d = LanguageContext.userCommand(command.text, in: analysis.statements) {
            names = d.parameters.map(\.name.text)
            parameters = names
            documentation = "command \(command.text)"
        } else if let spec = context.commands.spec(command.text) {
            names = spec.parameters.map(\.name)
            parameters = spec.parameters.map { $0.positional ? $0.name : "\($0.name):" }
            documentation = spec.summary
        } else {
            return .null
        }
        // The argument being written: the name before its `:`, else its position.
        var position = 0
        var named: String?
        var depth = 0
        var i = tokens.firstIndex { $0.span == command.span }.map { $0 + 1 } ?? end
        var argumentStart = true
        while i < end {
            let t = tokens[i]
            switch t.kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth -= 1
            case .comma where depth == 0:
                position += 1
                named = nil
                argumentStart = true
                i += 1
                continue
            case .identifier where depth == 0 && argumentStart:
                if i + 1 < tokens.count, tokens[i + 1].kind == .colon { named = t.text }
            default: break
            }
            argumentStart = false
            i += 1
        }
        let active = named.flatMap { names.firstIndex(of: $0) } ?? min(position, max(names.count - 1, 0))
        let label = parameters.isEmpty ? command.text : command.text + " " + parameters.joined(separator: ", ")
        return signature(label, documentation: documentation, parameters: parameters, active: active)
    }

    func signature(_ label: String, documentation: String, parameters: [String], active: Int) -> Value {
        [
            "signatures": [[
                "label": .string(label),
                "documentation": .string(documentation),
                "parameters": .list(parameters.map { ["label": .string($0)] }),
            ]],
            "activeSignature": 0,
            "activeParameter": .int(max(0, min(active, max(parameters.count - 1, 0)))),
        ]
    }
}
