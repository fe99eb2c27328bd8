import Scout

/// Shows values as the REPL prints them: pretty JSON (``Value/jsonText(pretty:)``), strings
/// quoted, durations as the language writes them (`1.5s`), and on a terminal in colours:
/// keys, strings, numbers and durations, `null` and booleans each in their own.
struct ValuePrinter: Sendable {
    /// Whether to colour.
    let color: Bool

    /// The value, pretty-printed, without a final line break.
    func format(_ value: Value) -> String {
        var out = ""
        write(SecretMask.standardStreams.mask(value), into: &out, indent: 0)
        return out
    }

    /// The value on one line, cut to `width` columns with `…` when longer.
    func preview(_ value: Value, width: Int) -> String {
        let text: String
        if case .duration(let d) = value {
            text = Value.formatDuration(d)
        } else {
            // Masked before it is cut: a cut must not leave part of a secret to show.
            text = SecretMask.standardStreams.mask(value.jsonText())
        }
        return ValuePrinter.truncate(text, to: width)
    }

    /// `text` cut to `width` display columns, ending with `…` when it was cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var out = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let w = DisplayWidth.of(scalar)
            if used + w > max(0, width - 1) { break }
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out + "…"
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func write(_ value: Value, into out: inout String, indent: Int) {
        switch value {
        case .null:
            out += paint("null", "35")
        case .bool(let b):
            out += paint(b ? "true" : "false", "35")
        case .int, .double:
            out += paint(value.jsonText(), "36")
        case .duration(let d):
            out += paint(Value.formatDuration(d), "36")
        case .string:
            out += paint(value.jsonText(), "32")
        case .list(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (n, element) in elements.enumerated() {
                if n > 0 { out += "," }
                out += "\n" + String(repeating: "  ", count: indent + 1)
                write(element, into: &out, indent: indent + 1)
            }
            out += "\n" + String(repeating: "  ", count: indent) + "]"
        case .map(let map):
            guard !map.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (n, entry) in map.enumerated() {
                if n > 0 { out += "," }
                out += "\n" + String(repeating: "  ", count: indent + 1)
                out += paint(Value.string(entry.key).jsonText(), "34;1") + ": "
                write(entry.value, into: &out, indent: indent + 1)
            }
            out += "\n" + String(repeating: "  ", count: indent) + "}"
        }
    }
}
