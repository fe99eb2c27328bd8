import Scout

/// Where hover and completion take the words of the language's help: the `scout` command
/// passes its own (`scout help KEYWORD`, `scout help COMMAND`, `scout help FUNCTION`).
package struct Documentation: Sendable {
    /// The help of a keyword, or nil.
    package var keyword: @Sendable (String) -> String?
    /// The help of a command.
    package var command: @Sendable (CommandSpec) -> String
    /// The help of a function.
    package var function: @Sendable (ScoutFunction) -> String

    /// Help from the given sources.
    package init(keyword: @escaping @Sendable (String) -> String?, command: @escaping @Sendable (CommandSpec) -> String,
                 function: @escaping @Sendable (ScoutFunction) -> String) {
        self.keyword = keyword
        self.command = command
        self.function = function
    }

    /// Commands and functions by their summaries; no keyword help.
    package static let summaries = Documentation(
        keyword: { _ in nil },
        command: { spec in "\(Documentation.usage(of: spec))\n    \(spec.summary)\n" },
        function: { f in "\(f.name)(\(f.parameters))\n    \(f.summary)\n" })

    /// `run COMMAND [SHELL]`: how a command is written, positional parameters in capitals.
    package static func usage(of spec: CommandSpec) -> String {
        var usage = spec.name
        for p in spec.parameters where p.positional {
            usage += p.variadic ? " [\(p.name)...]" : (p.required ? " \(p.name.uppercased())" : " [\(p.name.uppercased())]")
        }
        return usage
    }
}
