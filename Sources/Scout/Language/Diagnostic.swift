/// A message about a place in a source: an error or a warning, with its kind and span.
///
/// Rendered by ``DiagnosticRenderer`` as `file:line:col: error: message`, the source line and
/// carets under the span.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable {
        case error, warning
    }

    /// Error or warning.
    public var severity: Severity
    /// What is wrong, with its details.
    public var kind: DiagnosticKind
    /// Where it is.
    public var span: SourceSpan
    /// The source the span points into; `nil` for diagnostics without a source.
    public var source: SourceFile?

    /// A diagnostic of the given kind at a place.
    public init(_ kind: DiagnosticKind, at span: SourceSpan, in source: SourceFile?, severity: Severity = .error) {
        self.kind = kind
        self.span = span
        self.source = source
        self.severity = severity
    }

    /// The one-line message.
    public var message: String { kind.message }

    /// `file:line:col: error: message`, without the source excerpt.
    public var description: String {
        let name = source?.name ?? "<input>"
        if span.line == 0 { return "\(name): \(severity.rawValue): \(message)" }
        return "\(name):\(span.line):\(span.column): \(severity.rawValue): \(message)"
    }

    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.severity == rhs.severity && lhs.kind == rhs.kind && lhs.span == rhs.span
    }
}

/// A list of diagnostics thrown as one error (a script with several syntax errors).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in source order.
    public var diagnostics: [Diagnostic]

    /// Wraps the given diagnostics.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
