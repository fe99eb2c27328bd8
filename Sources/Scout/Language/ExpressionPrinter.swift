/// Writes expressions back as source text: for messages (`status.clean`), `--dry-run`, and
/// the compact AST dump the parser tests compare.
package enum ExpressionPrinter {
    /// The expression as a dotted path (`a.b[0]`), when it is one.
    package static func path(_ e: Expression) -> String? {
        switch e.kind {
        case .variable(let n): return n
        case .member(let base, let name): return path(base).map { "\($0).\(name)" }
        case .index(let base, let index):
            guard let p = path(base) else { return nil }
            if case .literal(let v) = index.kind { return "\(p)[\(v.jsonText())]" }
            return nil
        default: return nil
        }
    }

    /// The expression as source text, fully parenthesised where operators nest.
    package static func source(_ e: Expression) -> String {
        switch e.kind {
        case .literal(let v):
            if case .duration(let d) = v { return Value.formatDuration(d) }
            return v.jsonText()
        case .interpolated(let parts):
            var out = "\""
            for part in parts {
                switch part {
                case .text(let t):
                    let quoted = Value.string(t).jsonText()
                    out += quoted.dropFirst().dropLast().replacing("$", with: "\\$")
                case .interpolation(let inner): out += "${" + source(inner) + "}"
                }
            }
            return out + "\""
        case .variable(let n): return n
        case .list(let elements): return "[" + elements.map(source).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { mapKey($0.key) + ": " + source($0.value) }.joined(separator: ", ") + "}"
        case .member(let base, let name): return source(base) + "." + name
        case .index(let base, let index): return source(base) + "[" + source(index) + "]"
        case .call(let name, let args): return name + "(" + args.map(source).joined(separator: ", ") + ")"
        case .unary(let op, let operand): return op.rawValue + source(operand)
        case .binary(let op, let l, let r): return "(" + source(l) + " " + op.rawValue + " " + source(r) + ")"
        }
    }

    static func mapKey(_ key: String) -> String {
        let isName = key.first.map { $0 == "_" || $0.isLetter && $0.isASCII } ?? false
            && key.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return isName ? key : Value.string(key).jsonText()
    }
}
