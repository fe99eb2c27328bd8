/// Puts a script's comments and blank lines around the lines ``LayoutPrinter`` laid out,
/// and writes the result, as ``Formatter`` documents:
///
/// - a comment that stood on a line of its own comes before the line that follows it in
///   the source, at that line's indentation (one level deeper before a closing `}` or `]`:
///   it stays at the end of its block);
/// - a comment that followed code on its line stays at the end of the output line holding
///   that code, two spaces after it; when that line already has one (lines joined by the
///   layout), the next comments go on lines of their own after it;
/// - a blank line stays (one, however many there were) before a statement or a comment
///   that had one or more before it, except first in a block and before a closing line.
struct CommentWeaver {
    let source: LayoutSource
    var out: [String] = []
    /// The last source line the output has reached.
    var lastLine = 0
    /// True at the start of the file and after a line that opens a block: no blank line then.
    var afterOpener = true

    init(source: LayoutSource) {
        self.source = source
    }

    /// The formatted text: the lines with their comments, ending with one line break
    /// (empty when there is nothing at all).
    static func weave(_ lines: [LayoutLine], source: LayoutSource) -> String {
        var weaver = CommentWeaver(source: source)
        let comments = source.comments
        var next = 0
        // Comments before the first line (a shebang, a header) go first.
        var before: [Comment] = []
        while next < comments.count, lines.first.map({ comments[next].span.offset < $0.start }) ?? true {
            before.append(comments[next])
            next += 1
        }
        weaver.ownLine(before, beforeLine: lines.first)
        for (n, line) in lines.enumerated() {
            weaver.emit(line)
            let following = n + 1 < lines.count ? lines[n + 1] : nil
            var gap: [Comment] = []
            while next < comments.count, following.map({ comments[next].span.offset < $0.start }) ?? true {
                gap.append(comments[next])
                next += 1
            }
            if let first = gap.first, source.hasTextBefore(first.span.offset) {
                weaver.out[weaver.out.count - 1] += "  " + Self.trimmed(first.text)
                weaver.lastLine = max(weaver.lastLine, first.span.line)
                gap.removeFirst()
            }
            weaver.ownLine(gap, beforeLine: following)
        }
        guard !weaver.out.isEmpty else { return "" }
        return weaver.out.joined(separator: "\n") + "\n"
    }

    /// A comment's text without the spaces (and `\r`) at its end.
    static func trimmed(_ text: String) -> String {
        var t = Substring(text)
        while let c = t.last, c == " " || c == "\t" || c == "\r" || c == "\r\n" { t = t.dropLast() }
        return String(t)
    }

    static func indentation(_ level: Int) -> String {
        String(repeating: "  ", count: level)
    }

    /// Comments on lines of their own before `line` (at the end of the file when nil).
    mutating func ownLine(_ comments: [Comment], beforeLine line: LayoutLine?) {
        guard !comments.isEmpty else { return }
        var level = line?.indent ?? 0
        if line?.role == .closing { level += 1 }
        for comment in comments {
            let ownLine = !source.hasTextBefore(comment.span.offset)
            if ownLine, !afterOpener, source.hasBlankLine(between: lastLine, and: comment.span.line) { out.append("") }
            out.append(Self.indentation(level) + Self.trimmed(comment.text))
            lastLine = max(lastLine, comment.span.line)
            afterOpener = false
        }
    }

    mutating func emit(_ line: LayoutLine) {
        let first = source.line(of: line.start)
        if line.role == .statement, !afterOpener, source.hasBlankLine(between: lastLine, and: first) { out.append("") }
        out.append(Self.indentation(line.indent) + line.text)
        lastLine = max(lastLine, source.line(of: line.end))
        afterOpener = line.opens
    }
}
