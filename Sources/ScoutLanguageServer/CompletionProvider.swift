import Scout

/// `textDocument/completion`: after `name.`, the fields of a result (or the keys of a map
/// written in a `let`); elsewhere the keywords, the variables visible there, the commands
/// with their parameters, the functions, and the named arguments of the command being written.
struct CompletionProvider: Sendable {
    let context: LanguageContext
    /// The items that are the same everywhere: commands, functions, keywords.
    let fixedItems: [Value]

    init(context: LanguageContext) {
        self.context = context
        var items: [Value] = []
        for spec in context.commands.all {
            items.append(CompletionProvider.item(spec.name, .method, detail: Documentation.usage(of: spec), documentation: context.documentation.command(spec)))
        }
        for f in context.functions.all {
            items.append(CompletionProvider.item(f.name, .function, detail: "\(f.name)(\(f.parameters))", documentation: f.summary))
        }
        for k in Keyword.allCases {
            items.append(CompletionProvider.item(k.rawValue, .keyword, detail: "keyword"))
        }
        fixedItems = items
    }

    /// Completion item kinds of the protocol.
    enum ItemKind: Int {
        case method = 2, function = 3, field = 5, variable = 6, module = 9, property = 10, keyword = 14, snippet = 15
    }

    func complete(_ document: Document, at offset: Int) -> Value {
        let analysis = document.analysis
        let bytes = analysis.source.bytes
        if analysis.isInTextOrComment(offset) { return list([]) }
        let word = analysis.wordBefore(offset)
        if word.start > 0, bytes[word.start - 1] == UInt8(ascii: ".") {
            let base = analysis.wordBefore(word.start - 1)
            if let first = base.text.first, !first.isNumber {
                return list(fields(of: base.text, at: base.start, in: analysis))
            }
        }
        var items: [Value] = []
        // After `on`: the runners first (`on ssh(hosts: [...])`), then the variables that may hold one.
        var before = word.start
        while before > 0, bytes[before - 1] == UInt8(ascii: " ") || bytes[before - 1] == UInt8(ascii: "\t") { before -= 1 }
        if before < word.start, analysis.wordBefore(before).text == "on" {
            items += CompletionProvider.runnerItems
        }
        if let index = analysis.tokenIndex(at: max(word.start - 1, 0)) ?? analysis.tokenIndex(at: word.start),
           let command = analysis.commandToken(before: index), command.span.offset < word.start {
            items += namedArguments(of: command.text, in: analysis)
        }
        let visible = analysis.symbols.visibleDefinitions(at: offset)
        for d in visible where !d.isCommand {
            items.append(item(d.name, .variable, detail: d.definition?.noun ?? ""))
        }
        for d in visible where d.isCommand {
            let definition = LanguageContext.userCommand(d.name, in: analysis.statements)
            items.append(item(d.name, .method, detail: CompletionProvider.signature(definition, as: d.name)))
        }
        // The commands and top-level lets of the imported files.
        var known = Set(visible.map(\.name))
        for file in ImportedNames.allFiles(of: analysis) {
            let from = String(file.path.split(separator: "/").last ?? "")
            // A namespace's names complete after `NAMESPACE.` (``fields(of:at:in:)``).
            if !file.namespace.isEmpty {
                let namespace = String(file.namespace.prefix { $0 != "." })
                if known.insert(namespace).inserted { items.append(item(namespace, .module, detail: "namespace of \(from)")) }
                continue
            }
            for s in file.statements {
                switch s.kind {
                case .command(let d) where known.insert(d.name.text).inserted:
                    items.append(item(d.name.text, .method, detail: CompletionProvider.signature(d, as: d.name.text) + ", from \(from)"))
                case .let(let n, _) where known.insert(n.text).inserted:
                    items.append(item(n.text, .variable, detail: "let, from \(from)"))
                default:
                    continue
                }
            }
        }
        return list(items + fixedItems)
    }

    /// `command NAME(A, B)`: how a user command is shown, under the name it is called by.
    static func signature(_ definition: CommandDefinition?, as name: String) -> String {
        "command \(name)(\(definition?.parameters.map(\.name.text).joined(separator: ", ") ?? ""))"
    }

    /// What may follow `on`: the runners, with their settings.
    static let runnerItems: [Value] = RunnerSpec.kinds.map { kind in
        let settings = RunnerSpec.settingNames[kind] ?? []
        let detail = settings.isEmpty ? "runner: this machine" : "runner \(kind)(\(settings.joined(separator: ", ")))"
        return item(kind, .module, detail: detail, insert: kind == "ssh" ? "ssh(hosts: [])" : kind)
    }

    /// The fields after `base.`: a result's, or a map literal's keys.
    func fields(of base: String, at offset: Int, in analysis: ScriptAnalysis) -> [Value] {
        let imported = ImportedNames.allFiles(of: analysis).filter { $0.namespace == base + "." }
        if !imported.isEmpty {
            return imported.flatMap { file in
                file.statements.compactMap { s -> Value? in
                    switch s.kind {
                    case .command(let d):
                        return item(d.name.text, .method, detail: CompletionProvider.signature(d, as: "\(base).\(d.name.text)"))
                    case .let(let n, _): return item(n.text, .variable, detail: "let of \(base)")
                    default: return nil
                    }
                }
            }
        }
        if let d = analysis.symbols.definition(named: base, isCommand: false, at: offset), d.definition == .variable {
            for s in analysis.statements where s.span == d.statement {
                if case .let(_, let value) = s.kind, case .map(let entries) = value.kind {
                    return entries.map { item($0.key, .field, detail: "key of \(base)") }
                }
            }
        }
        return LanguageContext.resultFields.map { item($0, .field, detail: "result field") }
    }

    /// `name: ` for each parameter of a command.
    func namedArguments(of command: String, in analysis: ScriptAnalysis) -> [Value] {
        if let d = LanguageContext.userCommand(command, in: analysis.statements) {
            return d.parameters.map { item($0.name.text + ":", .property, detail: "argument of \(command)", insert: $0.name.text + ": ") }
        }
        guard let spec = context.commands.spec(command) else { return [] }
        return spec.parameters.map { p in
            item(p.name + ":", .property, detail: "\(p.type.description)\(p.required ? ", required" : "")", documentation: p.summary, insert: p.name + ": ")
        }
    }

    func item(_ label: String, _ kind: ItemKind, detail: String, documentation: String? = nil, insert: String? = nil) -> Value {
        CompletionProvider.item(label, kind, detail: detail, documentation: documentation, insert: insert)
    }

    static func item(_ label: String, _ kind: ItemKind, detail: String, documentation: String? = nil, insert: String? = nil) -> Value {
        var entries: [(String, Value)] = [("label", .string(label)), ("kind", .int(kind.rawValue)), ("detail", .string(detail))]
        if let documentation, !documentation.isEmpty { entries.append(("documentation", .string(documentation))) }
        if let insert { entries.append(("insertText", .string(insert))) }
        return .map(ValueMap(uniqueKeysWithValues: entries))
    }

    func list(_ items: [Value]) -> Value {
        ["isIncomplete": false, "items": .list(items)]
    }
}
