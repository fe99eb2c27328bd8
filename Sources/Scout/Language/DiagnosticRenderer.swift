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
            let gutter = String(d.span.line)
            let pad = String(repeating: " ", count: gutter.count)
            let (shown, caretStart, caretWidth) = excerpt(of: d.span, in: source)
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

    /// The most diagnostics a list shows; the count line says how many more there were.
    package static let maxShown = 100

    /// Every diagnostic (the first ``maxShown``), then a count line when there are several:
    /// `3 errors`, or `100 errors shown, 25 more` when the list was cut.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var hidden = 0
        var shown: [Diagnostic] = []
        for d in diagnostics {
            if case .moreErrors(let n) = d.kind {
                hidden += n
            } else if shown.count < DiagnosticRenderer.maxShown {
                shown.append(d)
            } else {
                hidden += 1
            }
        }
        var out = shown.map(render).joined(separator: "\n")
        let errors = shown.filter { $0.severity == .error }.count
        let warnings = shown.count - errors
        if shown.count > 1 || hidden > 0 {
            var parts: [String] = []
            if hidden > 0 {
                parts.append("\(errors) error\(errors == 1 ? "" : "s") shown, \(hidden) more")
            } else if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
            if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
            out += "\n" + paint(parts.joined(separator: ", "), "1") + "\n"
        }
        return out
    }

    /// The line the span starts on as shown (tabs expanded, control characters as symbols,
    /// invalid UTF-8 as U+FFFD, lines wider than 200 characters cut to 60 characters around
    /// the span), with the column and width of the carets in display columns. The carets are
    /// placed from the span's byte offset, so they stand under what the line shows even
    /// where the text is not UTF-8.
    func excerpt(of span: SourceSpan, in source: SourceFile) -> (String, Int, Int) {
        let bytes = source.bytes
        let offset = min(max(0, span.offset), bytes.count)
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = offset
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let spanStart = min(offset, lineEnd)
        let spanEnd = min(max(spanStart, offset + span.length), lineEnd)
        let before = String(decoding: bytes[lineStart..<spanStart], as: UTF8.self).unicodeScalars
        let inside = String(decoding: bytes[spanStart..<spanEnd], as: UTF8.self).unicodeScalars
        let after = String(decoding: bytes[spanEnd..<lineEnd], as: UTF8.self).unicodeScalars
        let long = before.count + inside.count + after.count > 200
        let shownBefore = long ? Array(before.suffix(60)) : Array(before)
        let shownInside = long ? Array(inside.prefix(140)) : Array(inside)
        let shownAfter = long ? Array(after.prefix(shownInside.count < inside.count ? 0 : 60)) : Array(after)
        var shown = shownBefore.count < before.count ? "..." : ""
        var caretStart = shown.count
        for scalar in shownBefore {
            let (text, width) = cell(scalar)
            shown += text
            caretStart += width
        }
        var caretWidth = 0
        for scalar in shownInside {
            let (text, width) = cell(scalar)
            shown += text
            caretWidth += width
        }
        for scalar in shownAfter { shown += cell(scalar).0 }
        if shownInside.count + shownAfter.count < inside.count + after.count { shown += "..." }
        return (shown, caretStart, caretWidth)
    }

    /// How one scalar of a source line is shown, and its width: a tab as four spaces, a
    /// control character as its symbol (U+2400...), others as they are.
    func cell(_ scalar: Unicode.Scalar) -> (String, Int) {
        switch scalar.value {
        case 0x09: return ("    ", 4)
        case 0x00..<0x20: return (String(Character(Unicode.Scalar(0x2400 + scalar.value)!)), 1)
        case 0x7F: return ("\u{2421}", 1)
        case 0x80..<0xA0: return ("\u{FFFD}", 1)
        default: return (String(Character(scalar)), DisplayWidth.of(scalar))
        }
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
