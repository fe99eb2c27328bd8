/// A REPL meta-command: an input that starts with `:`.
enum MetaCommand: Equatable {
    case help
    case vars
    case results
    case load(String)
    case save(String)
    case reset
    case quit
    /// A name that is none of the above.
    case unknown(String)
    /// `:load` or `:save` without a file.
    case missingFile(String)

    /// The names, for completion and suggestions.
    static let names = [":help", ":vars", ":results", ":load", ":save", ":reset", ":quit", ":q"]

    /// The meta-command in `input`, or nil when it does not start with `:`.
    init?(parsing input: String) {
        let trimmed = input.trimmingWhitespace()
        guard trimmed.hasPrefix(":") else { return nil }
        let name: String
        let argument: String
        if let space = trimmed.firstIndex(where: \.isWhitespace) {
            name = String(trimmed[..<space])
            argument = String(trimmed[space...]).trimmingWhitespace()
        } else {
            name = trimmed
            argument = ""
        }
        switch name {
        case ":help", ":h", ":?": self = .help
        case ":vars": self = .vars
        case ":results": self = .results
        case ":reset": self = .reset
        case ":quit", ":q", ":exit": self = .quit
        case ":load", ":save":
            if argument.isEmpty {
                self = .missingFile(name)
            } else {
                self = name == ":load" ? .load(argument) : .save(argument)
            }
        default: self = .unknown(name)
        }
    }
}

extension String {
    /// The string without whitespace (line breaks included) at either end.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
