/// A command defined in a script with `command NAME(PARAMS) { BODY }`.
struct UserCommand: Sendable {
    /// The definition.
    let definition: CommandDefinition
    /// The source it was written in.
    let source: SourceFile
}
