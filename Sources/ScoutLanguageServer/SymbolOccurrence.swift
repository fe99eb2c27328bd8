import Scout

/// A name written in a script: where a value or command is defined, or where it is used.
struct SymbolOccurrence: Sendable {
    /// The name.
    var name: String
    /// Where the name itself is written.
    var span: SourceSpan
    /// True for a command's name (a definition or a task that calls it); false for values.
    var isCommand: Bool
    /// For a definition: what it defines; nil for a use.
    var definition: SymbolKind?
    /// For a definition: the bytes where the name is visible (a loop's or command's body,
    /// or the whole script).
    var scope: Range<Int>
    /// For a definition: the statement that defines it.
    var statement: SourceSpan
    /// For a named argument's name (`channel` in `notify "x", channel: "#dev"`): the command
    /// called, whose parameter it names.
    var argumentOf: String? = nil

    /// True when `offset` is in the name or just after it.
    func contains(_ offset: Int) -> Bool {
        offset >= span.offset && offset <= span.offset + span.length
    }
}
