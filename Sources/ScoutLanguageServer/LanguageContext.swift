import Scout

/// What the server knows beside the documents: the commands (built in and plugins), the
/// functions, and the help text of both and of the keywords.
struct LanguageContext: Sendable {
    let commands: CommandRegistry
    let functions: FunctionTable
    let documentation: Documentation

    /// The fields of a task's result, as the runtime builds them.
    static let resultFields: [String] = {
        guard case .map(let fields) = TaskResult.success().toValue() else { return [] }
        return fields.keys
    }()

    /// The parameters of a command a script defines, or nil.
    static func userCommand(_ name: String, in statements: [Statement]) -> CommandDefinition? {
        for s in statements {
            if case .command(let d) = s.kind, d.name.text == name { return d }
        }
        return nil
    }
}
