/// One argument of a task: positional (no label) or named, as an expression evaluated when
/// the task runs.
package struct TaskArgument: Sendable, Hashable {
    /// The name of a named argument; `nil` for a positional one.
    package var label: String?
    /// The expression that gives the value.
    package var value: Expression

    /// An argument.
    package init(label: String?, value: Expression) {
        self.label = label
        self.value = value
    }

    /// A named argument with a constant value.
    package static func named(_ label: String, _ value: Value) -> TaskArgument {
        TaskArgument(label: label, value: .constant(value))
    }

    /// A positional argument with a constant value.
    package static func positional(_ value: Value) -> TaskArgument {
        TaskArgument(label: nil, value: .constant(value))
    }
}
