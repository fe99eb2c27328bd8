/// An error while evaluating an expression: what went wrong and where.
public struct EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var kind: DiagnosticKind
    /// The expression or part of it at fault.
    public var span: SourceSpan

    /// An error of the given kind at a span.
    public init(_ kind: DiagnosticKind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// A runtime error with a message.
    public static func runtime(_ message: String, _ span: SourceSpan) -> EvaluationError {
        EvaluationError(.runtime(message), span)
    }

    public var description: String {
        var text = kind.message
        if let help = kind.help { text += " (\(help))" }
        return text
    }
}
