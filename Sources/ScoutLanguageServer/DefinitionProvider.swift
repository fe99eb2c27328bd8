import Scout

/// `textDocument/definition`, `textDocument/references` and `textDocument/documentHighlight`:
/// where a variable, task, stored result or command is defined, and every place it is written.
struct DefinitionProvider: Sendable {
    func definition(_ document: Document, at offset: Int) -> Value {
        let analysis = document.analysis
        if let path = ImportedNames.file(namedAt: offset, in: analysis) {
            return ["uri": .string(Document.uri(ofPath: path)), "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]]]
        }
        guard let occurrence = analysis.symbols.occurrence(at: offset) else { return .null }
        if let d = analysis.symbols.definition(of: occurrence) { return location(d.span, in: document) }
        guard occurrence.argumentOf == nil,
              let imported = ImportedNames.definition(of: occurrence.name, isCommand: occurrence.isCommand, in: analysis) else { return .null }
        return ["uri": .string(imported.file.uri), "range": PositionEncoding(imported.file.source).range(of: imported.name.span)]
    }

    func references(_ document: Document, at offset: Int, includeDeclaration: Bool) -> Value {
        let symbols = document.analysis.symbols
        guard let occurrence = symbols.occurrence(at: offset) else { return .null }
        let all = symbols.occurrences(sameAs: occurrence).filter { includeDeclaration || $0.definition == nil }
        return .list(all.map { location($0.span, in: document) })
    }

    /// `textDocument/documentHighlight`: the places of the name at the offset, definitions
    /// marked as written (3), uses as read (2).
    func highlights(_ document: Document, at offset: Int) -> Value {
        let symbols = document.analysis.symbols
        guard let occurrence = symbols.occurrence(at: offset) else { return .null }
        return .list(symbols.occurrences(sameAs: occurrence).map { o -> Value in
            ["range": document.encoding.range(of: o.span), "kind": .int(o.definition == nil ? 2 : 3)]
        })
    }

    func location(_ span: SourceSpan, in document: Document) -> Value {
        ["uri": .string(document.uri), "range": document.encoding.range(of: span)]
    }
}
