/// One parameter of a command: its name, type, and whether it may be given by position.
public struct ParameterSpec: Sendable, Hashable {
    /// The name a named argument uses.
    public var name: String
    /// What values it accepts.
    public var type: ParameterType
    /// Whether a task must give it.
    public var required: Bool
    /// Whether it may be given by position (positional parameters fill in declaration order).
    public var positional: Bool
    /// Whether it collects every remaining positional argument into a list.
    public var variadic: Bool
    /// One line for `scout help COMMAND`.
    public var summary: String

    /// A parameter.
    public init(_ name: String, _ type: ParameterType, required: Bool = false, positional: Bool = false, variadic: Bool = false, summary: String = "") {
        self.name = name
        self.type = type
        self.required = required
        self.positional = positional || variadic
        self.variadic = variadic
        self.summary = summary
    }
}
