import Scout

/// `textDocument/publishDiagnostics`: what `scout check` reports for the text, errors and
/// warnings, at the same places (a span of no length is one character wide, as the carets
/// of `scout check` are).
struct DiagnosticsProvider: Sendable {
    /// The interpreter whose checker `scout check` uses: the standard commands and the plugins on PATH.
    let interpreter: Interpreter

    /// The parameters of the notification for a document.
    func publish(_ document: Document) -> Value {
        let diagnostics = interpreter.check(document.source)
        return [
            "uri": .string(document.uri),
            "version": .int(document.version),
            "diagnostics": .list(diagnostics.map { DiagnosticsProvider.value(of: $0, in: document.encoding) }),
        ]
    }

    /// One diagnostic as the protocol writes it.
    static func value(of d: Diagnostic, in encoding: PositionEncoding) -> Value {
        var message = d.message
        if let help = d.kind.help { message += "\nhelp: \(help)" }
        return [
            "range": range(of: d.span, in: encoding),
            "severity": .int(d.severity == .error ? 1 : 2),
            "source": "scout",
            "message": .string(message),
        ]
    }

    static func range(of span: SourceSpan, in encoding: PositionEncoding) -> Value {
        guard span.line > 0 else { return encoding.range(of: SourceSpan(offset: 0, length: 0, line: 1, column: 1)) }
        var span = span
        let bytes = encoding.bytes
        if span.length == 0, span.offset < bytes.count, bytes[span.offset] != UInt8(ascii: "\n") {
            span.length = PositionEncoding.decode(bytes, at: span.offset).1
        }
        return encoding.range(of: span)
    }
}
