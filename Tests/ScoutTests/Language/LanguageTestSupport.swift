@testable import Scout

/// Helpers shared by the language tests: compact token lists, AST dumps, diagnostics as
/// `line:column+width message` strings.
enum LanguageTest {
    /// The tokens of `text` in a compact form, without the final end of file:
    /// `name:x`, `let`, `int:42`, `float:3.5`, `dur:2s`, `"` (string start), `text:abc`,
    /// `${`, `}$` (interpolation end), `"end`, `raw:abc`, `nl`, and operators as written.
    static func tokens(_ text: String) -> [String] {
        tokens(bytes: Array(text.utf8))
    }

    static func tokens(bytes: [UInt8]) -> [String] {
        let (tokens, _) = Lexer.tokenize(SourceFile(name: "t.scout", bytes: bytes))
        return tokens.dropLast().map(describe)
    }

    static func describe(_ t: Token) -> String {
        switch t.kind {
        case .identifier: return "name:\(t.text)"
        case .keyword(let k): return k.rawValue
        case .integer: return "int:\(t.text)"
        case .float: return "float:\(t.text)"
        case .duration: return "dur:\(t.text)"
        case .stringStart: return t.text.count == 3 ? "\"\"\"" : "\""
        case .stringText: return "text:\(t.text)"
        case .interpolationStart: return "${"
        case .interpolationEnd: return "}$"
        case .stringEnd: return "\"end"
        case .rawString: return "raw:\(t.text)"
        case .newline: return "nl"
        case .endOfFile: return "eof"
        case .invalid: return "invalid"
        default:
            let name = t.kind.displayName
            return String(name.dropFirst().dropLast())
        }
    }

    /// The lexer's diagnostics for `bytes`.
    static func lexerDiagnostics(_ bytes: [UInt8]) -> [Diagnostic] {
        Lexer.tokenize(SourceFile(name: "t.scout", bytes: bytes)).diagnostics
    }

    /// `line:column+width message` for a diagnostic.
    static func pin(_ d: Diagnostic) -> String {
        "\(d.span.line):\(d.span.column)+\(d.span.length) \(d.message)"
    }

    /// The parse of `text`: its dump and its diagnostics pinned.
    static func parse(_ text: String) -> (dump: String, diagnostics: [String]) {
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t.scout", text: text))
        return (ASTPrinter.dump(program), diagnostics.map(pin))
    }

    /// The dump of a script that must parse without diagnostics; the diagnostics otherwise.
    static func dump(_ text: String) -> String {
        let (dump, diagnostics) = parse(text)
        return diagnostics.isEmpty ? dump : "diagnostics: " + diagnostics.joined(separator: "; ")
    }

    /// What `Interpreter().check` says about `text`, pinned, with `warning:` before warnings.
    static func check(_ text: String) -> [String] {
        Interpreter().check(SourceFile(name: "t.scout", text: text)).map {
            ($0.severity == .warning ? "warning: " : "") + pin($0)
        }
    }
}
