/// The short diff `scout fmt --check` shows for a file that would change: one hunk in the
/// unified format around the first lines that differ, cut after a few lines (the hunk's
/// header counts the lines shown; a last line says how many more were left out).
enum FormatDiff {
    /// Context lines shown before and after the lines that differ.
    static let context = 3
    /// At most this many removed and this many added lines are shown.
    static let limit = 10

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

    /// `--- NAME`, `+++ NAME (formatted)`, then the hunk of the first lines that differ
    /// between `old` and `new`; empty when they are the same.
    static func render(name: String, old: String, new: String) -> String {
        let a = lines(old)
        let b = lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let removed = a[prefix..<(a.count - suffix)]
        let added = b[prefix..<(b.count - suffix)]
        if removed.isEmpty && added.isEmpty { return "" }
        let before = a[max(0, prefix - context)..<prefix]
        let cut = removed.count > limit || added.count > limit
        let after = cut ? [] : a[(a.count - suffix)..<min(a.count, a.count - suffix + context)]
        let shownRemoved = removed.prefix(limit)
        let shownAdded = added.prefix(limit)
        let oldCount = before.count + shownRemoved.count + after.count
        let newCount = before.count + shownAdded.count + after.count
        let oldStart = oldCount == 0 ? before.startIndex : before.startIndex + 1
        let newStart = newCount == 0 ? before.startIndex : before.startIndex + 1
        var out = "--- \(name)\n+++ \(name) (formatted)\n"
        out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
        func show(_ mark: String, _ line: Line) {
            out += mark + line.text + "\n"
            if !line.broken { out += "\\ No newline at end of file\n" }
        }
        for line in before { show(" ", line) }
        for line in shownRemoved { show("-", line) }
        for line in shownAdded { show("+", line) }
        for line in after { show(" ", line) }
        if cut {
            out += "(and \(removed.count - shownRemoved.count) more lines removed, \(added.count - shownAdded.count) more added)\n"
        }
        return out
    }
}
