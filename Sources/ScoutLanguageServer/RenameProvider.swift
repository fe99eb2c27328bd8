import Scout

/// `textDocument/prepareRename` and `textDocument/rename`: a variable, task, stored result
/// or command renamed everywhere it is written in the file.
struct RenameProvider: Sendable {
    /// The range of the name at the offset, or nil when nothing there can be renamed.
    func prepare(_ document: Document, at offset: Int) -> Value {
        guard let occurrence = document.analysis.symbols.occurrence(at: offset),
              document.analysis.symbols.definition(of: occurrence) != nil else { return .null }
        return document.encoding.range(of: occurrence.span)
    }

    func rename(_ document: Document, at offset: Int, to newName: String) throws(JSONRPCError) -> Value {
        guard RenameProvider.isName(newName) else {
            throw JSONRPCError(JSONRPCError.invalidParams, "'\(newName)' is not a name: names are letters, digits and _, not starting with a digit, and not a keyword")
        }
        let symbols = document.analysis.symbols
        guard let occurrence = symbols.occurrence(at: offset), symbols.definition(of: occurrence) != nil else {
            throw JSONRPCError(JSONRPCError.requestFailed, "there is no variable, task or command here to rename")
        }
        let edits = symbols.occurrences(sameAs: occurrence).map { o -> Value in
            ["range": document.encoding.range(of: o.span), "newText": .string(newName)]
        }
        return ["changes": .map(ValueMap(uniqueKeysWithValues: [(document.uri, .list(edits))]))]
    }

    /// True for a name the language accepts for a variable, task or command.
    static func isName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return false }
        guard bytes.allSatisfy(ScriptAnalysis.isWordByte) else { return false }
        return Keyword(rawValue: text) == nil
    }
}
