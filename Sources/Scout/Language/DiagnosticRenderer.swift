/// Renders diagnostics as people read them:
///
/// ```text
/// ci.scout:3:5: error: unterminated string
///   |
/// 3 | run "npm test
///   |     ^
///   = help: add a closing '"' on the same line, or use """ for a multi-line string
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Whether to use ANSI colours.
    public var color: Bool

    /// A renderer.
    public init(color: Bool = false) { self.color = color }

    /// One diagnostic, ending with a line break.
    public func render(_ d: Diagnostic) -> String {
        let severity = d.severity == .error ? paint("error", "1;31") : paint("warning", "1;33")
        let name = d.source?.name ?? "<input>"
        var out = ""
        if d.span.line > 0 {
            out += paint("\(name):\(d.span.line):\(d.span.column):", "1") + " \(severity)" + paint(": \(d.message)", "1") + "\n"
        } else {
            out += paint("\(name):", "1") + " \(severity)" + paint(": \(d.message)", "1") + "\n"
        }
        if let source = d.source, d.span.line > 0 {
            let lineText = source.lineText(d.span.line)
            let gutter = String(d.span.line)
            let pad = String(repeating: " ", count: gutter.count)
            let (shown, caretStart, caretWidth) = excerpt(lineText, column: d.span.column, length: d.span.length, source: source, span: d.span)
            out += paint("\(pad) |", "34") + "\n"
            out += paint("\(gutter) |", "34") + " \(shown)\n"
            let carets = String(repeating: " ", count: caretStart) + String(repeating: "^", count: max(1, caretWidth))
            out += paint("\(pad) |", "34") + " " + paint(carets, d.severity == .error ? "1;31" : "1;33") + "\n"
            if let help = d.kind.help { out += paint("\(pad) =", "34") + " help: \(help)\n" }
        } else if let help = d.kind.help {
            out += "  = help: \(help)\n"
        }
        return out
    }

    /// Every diagnostic, then a count line when there are several.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = diagnostics.map(render).joined(separator: "\n")
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if diagnostics.count > 1 {
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
            if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
            out += "\n" + paint(parts.joined(separator: ", "), "1") + "\n"
        }
        return out
    }

    /// The line as shown (tabs expanded, very long lines cut around the span), with the
    /// column and width of the caret in display columns.
    func excerpt(_ line: String, column: Int, length: Int, source: SourceFile, span: SourceSpan) -> (String, Int, Int) {
        let scalars = Array(line.unicodeScalars)
        let startIndex = min(max(0, column - 1), scalars.count)
        let spanText = source.text(of: span)
        let spanScalars = spanText.unicodeScalars.prefix { $0 != "\n" }.count
        let endIndex = min(scalars.count, startIndex + max(spanScalars, length == 0 ? 0 : 1))
        // Cut lines wider than about 200 columns to a window around the span.
        var from = 0
        var to = scalars.count
        if scalars.count > 200 {
            from = max(0, startIndex - 60)
            to = min(scalars.count, max(endIndex, startIndex + 1) + 60)
        }
        var shown = from > 0 ? "..." : ""
        var caretStart = shown.count
        var caretWidth = 0
        for i in from..<to {
            let s = scalars[i]
            let text = s == "\t" ? "    " : String(s)
            let w = s == "\t" ? 4 : DisplayWidth.of(s)
            if i < startIndex { caretStart += w }
            if i >= startIndex && i < endIndex { caretWidth += w }
            shown += text
        }
        if to < scalars.count { shown += "..." }
        return (shown, caretStart, caretWidth)
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
