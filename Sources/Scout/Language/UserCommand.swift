/// A command defined in a script with `command NAME(PARAMS) { BODY }`.
struct UserCommand: Sendable {
    /// The definition.
    let definition: CommandDefinition
    /// The source it was written in.
    let source: SourceFile
    /// For a command of a file imported with a namespace: that namespace (`"deploy."`) and
    /// the scope that holds the file's top-level `let`s, where its body looks names up.
    var module: (namespace: String, scope: any VariableScope)?
}
