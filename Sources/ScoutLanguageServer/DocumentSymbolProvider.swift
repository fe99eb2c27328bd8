import Scout

/// `textDocument/documentSymbol`: the tasks (at any depth, nested in the task blocks that
/// hold them), the commands, and the top-level `let`s and `param`s.
struct DocumentSymbolProvider: Sendable {
    /// Symbol kinds of the protocol.
    enum Kind: Int {
        case method = 6, function = 12, variable = 13, constant = 14
    }

    func symbols(_ document: Document) -> Value {
        .list(symbols(in: document.analysis.statements, topLevel: true, document: document))
    }

    func symbols(in statements: [Statement], topLevel: Bool, document: Document) -> [Value] {
        var out: [Value] = []
        for s in statements {
            switch s.kind {
            case .taskBlock(let block):
                let children = symbols(in: block.body, topLevel: false, document: document)
                out.append(symbol(block.name, .method, detail: "task", statement: s.span, children: children, document: document))
            case .task(let line):
                if let name = line.clauses.storeAs {
                    out.append(symbol(name, .method, detail: "\(line.command.text) store as", statement: s.span, children: [], document: document))
                }
            case .command(let d):
                let parameters = d.parameters.map(\.name.text).joined(separator: ", ")
                out.append(symbol(d.name, .function, detail: "command(\(parameters))", statement: s.span, children: [], document: document))
            case .let(let name, _) where topLevel:
                out.append(symbol(name, .variable, detail: "let", statement: s.span, children: [], document: document))
            case .param(let p) where topLevel:
                out.append(symbol(p.name, .constant, detail: "param", statement: s.span, children: [], document: document))
            case .parallel(_, let body), .sequential(let body):
                out += symbols(in: body, topLevel: false, document: document)
            case .for(let loop):
                out += symbols(in: loop.body, topLevel: false, document: document)
            case .if(_, let then, let otherwise):
                out += symbols(in: then + (otherwise ?? []), topLevel: false, document: document)
            default:
                break
            }
        }
        return out
    }

    func symbol(_ name: Name, _ kind: Kind, detail: String, statement: SourceSpan, children: [Value], document: Document) -> Value {
        var range = statement
        if name.span.offset + name.span.length > range.offset + range.length { range = range.through(name.span) }
        return [
            "name": .string(name.text),
            "detail": .string(detail),
            "kind": .int(kind.rawValue),
            "range": document.encoding.range(of: range),
            "selectionRange": document.encoding.range(of: name.span),
            "children": .list(children),
        ]
    }
}
