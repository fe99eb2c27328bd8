import Scout

/// `textDocument/formatting`: the layout of `scout fmt`, as one edit of the whole text (none
/// when the text is already laid out). A text that does not parse is not formatted: the
/// request fails with the first syntax error.
struct FormattingProvider: Sendable {
    func format(_ document: Document) throws(JSONRPCError) -> Value {
        let text: String
        do {
            text = try Formatter.format(document.source)
        } catch {
            let first = error.diagnostics.first.map { "\($0.span.line):\($0.span.column): \($0.message)" } ?? "the script does not parse"
            throw JSONRPCError(JSONRPCError.requestFailed, "not formatted: \(first)")
        }
        if Array(text.utf8) == document.source.bytes { return .list([]) }
        return .list([["range": document.encoding.wholeRange, "newText": .string(text)]])
    }
}
