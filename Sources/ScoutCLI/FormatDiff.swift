/// The short diff `scout fmt --check` shows for a file that would change: the first hunk
/// of a unified diff, from the first line that differs to where the two texts agree again
/// for more than three lines, with three lines of context. The lines are matched (longest common
/// subsequence) within a window after the first difference; a hunk longer than a screen
/// is cut, and a last line says so.
enum FormatDiff {
    /// Context lines shown before and after the lines that differ.
    static let context = 3
    /// At most this many lines that differ are shown.
    static let limit = 20
    /// Lines after the first difference that are matched.
    static let window = 400

    /// One line of a text, and whether a line break ends it.
    struct Line: Equatable {
        var text: Substring
        var broken: Bool
    }

    static func lines(_ text: String) -> [Line] {
        var out: [Line] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if let nl = rest.firstIndex(of: "\n") {
                out.append(Line(text: rest[..<nl], broken: true))
                rest = rest[rest.index(after: nl)...]
            } else {
                out.append(Line(text: rest, broken: false))
                rest = ""
            }
        }
        return out
    }

    /// `--- NAME`, `+++ NAME (formatted)`, then the first hunk of the differences between
    /// `old` and `new`; empty when they are the same.
    static func render(name: String, old: String, new: String) -> String {
        let a = lines(old)
        let b = lines(new)
        var first = 0
        while first < a.count, first < b.count, a[first] == b[first] { first += 1 }
        if first == a.count && first == b.count { return "" }

        // The longest common subsequence of the windows after the first difference.
        let x = Array(a[first..<min(a.count, first + window)])
        let y = Array(b[first..<min(b.count, first + window)])
        var common = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                common[i][j] = x[i] == y[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        // Walk it: the hunk ends where more lines agree than the context shows, or at the window's end.
        var body: [(mark: Character, line: Line)] = []
        var i = 0
        var j = 0
        var agreeing = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                agreeing += 1
                if agreeing > context { break }
                body.append((" ", x[i]))
                i += 1
                j += 1
            } else if j == y.count || (i < x.count && common[i + 1][j] >= common[i][j + 1]) {
                agreeing = 0
                body.append(("-", x[i]))
                i += 1
            } else {
                agreeing = 0
                body.append(("+", y[j]))
                j += 1
            }
        }
        // Keep only `context` of the agreeing lines after the last change.
        let trailing = body.reversed().prefix { $0.mark == " " }.count
        body.removeLast(max(0, trailing - context))
        // A long hunk is cut after the runs of changes that fit in the limit; a first run
        // longer than that shows the start of what it removes and of what it adds.
        var note = ""
        if body.filter({ $0.mark != " " }).count > limit {
            var kept = 0
            var end = 0
            while end < body.count {
                var runEnd = end
                while runEnd < body.count, body[runEnd].mark == " " { runEnd += 1 }
                while runEnd < body.count, body[runEnd].mark != " " { runEnd += 1 }
                let changes = body[end..<runEnd].filter { $0.mark != " " }.count
                if kept + changes > limit { break }
                kept += changes
                end = runEnd
            }
            if end == 0 {
                let run = body.prefix { $0.mark != " " }
                let removed = run.filter { $0.mark == "-" }
                let added = run.filter { $0.mark == "+" }
                body = Array(removed.prefix(limit / 2) + added.prefix(limit / 2))
                note = "(cut: \(removed.count) lines removed and \(added.count) added here, the first \(limit / 2) of each shown)\n"
            } else {
                body.removeSubrange(end...)
                note = "(cut after \(kept) changed lines)\n"
            }
        }
        let before = a[max(0, first - context)..<first]
        let oldCount = before.count + body.filter { $0.mark != "+" }.count
        let newCount = before.count + body.filter { $0.mark != "-" }.count
        let start = before.startIndex
        var out = "--- \(name)\n+++ \(name) (formatted)\n"
        out += "@@ -\(oldCount == 0 ? start : start + 1),\(oldCount) +\(newCount == 0 ? start : start + 1),\(newCount) @@\n"
        func show(_ mark: Character, _ line: Line) {
            out += String(mark) + line.text + "\n"
            if !line.broken { out += "\\ No newline at end of file\n" }
        }
        for line in before { show(" ", line) }
        for (mark, line) in body { show(mark, line) }
        out += note
        return out
    }
}
