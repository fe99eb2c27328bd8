/// The descriptions scripts give their tasks and parameters in comments, as `just --list`
/// shows them: the comment at the end of the line that declares it, else the comment lines
/// just above it (no blank line between; a `#!` line is never one).
package struct DocComments: Sendable {
    private let byLine: [Int: String]
    private let trailing: Set<Int>

    /// The comments of a source.
    package init(_ source: SourceFile) {
        let comments = Lexer.tokenize(source, keepingComments: true).comments
        var byLine: [Int: String] = [:]
        var trailing = Set<Int>()
        for c in comments where !c.text.hasPrefix("#!") {
            var text = Substring(c.text.dropFirst())
            while text.first == " " || text.first == "\t" { text = text.dropFirst() }
            while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
            byLine[c.span.line] = String(text)
            let lineStart = source.lineText(c.span.line).prefix { $0 == " " || $0 == "\t" }.count + 1
            if c.span.column > lineStart { trailing.insert(c.span.line) }
        }
        self.byLine = byLine
        self.trailing = trailing
    }

    /// The description of what is declared on `line`, or nil.
    package func description(ofLine line: Int) -> String? {
        if trailing.contains(line), let text = byLine[line], !text.isEmpty { return text }
        var lines: [String] = []
        var k = line - 1
        while k >= 1, let text = byLine[k], !trailing.contains(k) {
            lines.insert(text, at: 0)
            k -= 1
        }
        let joined = lines.filter { !$0.isEmpty }.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }
}
