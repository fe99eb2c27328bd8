extension Value: CustomStringConvertible {
    /// The value as `print` and `${...}` show it: a string as it is, a duration in the
    /// language's notation (`2s`), anything else as compact JSON.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .duration(let d): return Value.formatDuration(d)
        default: return jsonText()
        }
    }

    /// The value as JSON text. Durations become strings such as `"250ms"`; non-finite floats become `null`.
    public func jsonText(pretty: Bool = false) -> String {
        var out = ""
        writeJSON(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func writeJSON(into out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += Value.formatDouble(d, json: true)
        case .string(let s): Value.writeJSONString(s, into: &out)
        case .duration(let d): Value.writeJSONString(Value.formatDuration(d), into: &out)
        case .list(let l):
            if l.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (n, element) in l.enumerated() {
                if n > 0 { out += "," }
                if pretty { Value.newline(&out, indent + 1) }
                element.writeJSON(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { Value.newline(&out, indent) }
            out += "]"
        case .map(let m):
            if m.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (n, entry) in m.enumerated() {
                if n > 0 { out += "," }
                if pretty { Value.newline(&out, indent + 1) }
                Value.writeJSONString(entry.key, into: &out)
                out += pretty ? ": " : ":"
                entry.value.writeJSON(into: &out, pretty: pretty, indent: indent + 1)
            }
            if pretty { Value.newline(&out, indent) }
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int) {
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    /// Writes `s` as a JSON string literal, escaping quotes, backslashes and control characters.
    static func writeJSONString(_ s: String, into out: inout String) {
        out += "\""
        // Runs of characters that need no escape are copied whole.
        let utf8 = s.utf8
        var runStart = utf8.startIndex
        var i = runStart
        while i != utf8.endIndex {
            let byte = utf8[i]
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else {
                i = utf8.index(after: i)
                continue
            }
            out += s[runStart..<i]
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\r"): out += "\\r"
            case UInt8(ascii: "\t"): out += "\\t"
            default:
                let hex = String(byte, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            i = utf8.index(after: i)
            runStart = i
        }
        if runStart == utf8.startIndex {
            out += s
        } else {
            out += s[runStart..<i]
        }
        out += "\""
    }

    /// Formats a float: integral values keep a `.0` (`3.0`), others the shortest exact form.
    static func formatDouble(_ d: Double, json: Bool) -> String {
        if d.isNaN { return json ? "null" : "nan" }
        if d.isInfinite { return json ? "null" : (d > 0 ? "inf" : "-inf") }
        return d.description
    }

    /// Formats a duration in the language's own notation: `1h`, `5m`, `2s`, `250ms`, `1.5ms`.
    package static func formatDuration(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        let negative = seconds < 0 || attoseconds < 0
        let sign = negative ? "-" : ""
        let (wholeNanos, overflow) = seconds.magnitude.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow, wholeNanos < UInt64(Int64.max) - 1_000_000_000 else {
            // Beyond what Int64 nanoseconds hold: seconds, as a float.
            return sign + d.seconds.magnitude.description + "s"
        }
        let totalNanos = Int64(wholeNanos) + abs(attoseconds) / 1_000_000_000
        if totalNanos == 0 { return "0s" }
        let units: [(Int64, String)] = [(3_600_000_000_000, "h"), (60_000_000_000, "m"), (1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us")]
        for (size, name) in units where totalNanos % size == 0 {
            return sign + String(totalNanos / size) + name
        }
        if totalNanos >= 1_000_000_000 {
            return sign + (Double(totalNanos) / 1e9).description + "s"
        }
        return sign + (Double(totalNanos) / 1e6).description + "ms"
    }
}

extension Duration {
    /// The duration in seconds, as a float.
    package var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }

    /// The duration in whole milliseconds.
    package var milliseconds: Int {
        let (s, atto) = components
        return Int(s) * 1000 + Int(atto / 1_000_000_000_000_000)
    }
}
