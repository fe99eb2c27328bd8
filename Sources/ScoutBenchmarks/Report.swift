/// The goal rows of one run, printed as each is measured and again as a summary table at
/// the end (plain text, or with `--markdown` a Markdown table for the README's Speed section).
struct Report {
    private(set) var rows: [GoalRow] = []

    /// Adds a row and prints its verdict under the workload's details.
    mutating func add(_ row: GoalRow) {
        rows.append(row)
        print("  => \(Report.plain(row.workload)): ratio \(row.ratio), goal \(row.goal): \(row.verdict)")
    }

    /// The summary: a verdict and two lines per row, or a Markdown table.
    func summary(markdown: Bool) -> String {
        let met = rows.filter { $0.met == true }.count
        let footer = "\(met) of \(rows.count) goals met\n"
        if markdown {
            var text = "| " + GoalRow.headers.joined(separator: " | ") + " |\n"
            text += "|" + String(repeating: "---|", count: GoalRow.headers.count) + "\n"
            for row in rows { text += "| " + row.cells.joined(separator: " | ") + " |\n" }
            return text + "\n" + footer
        }
        let width = rows.map(\.verdict.count).max() ?? 0
        var text = ""
        for row in rows {
            let cells = row.cells.map(Report.plain)
            text += row.verdict.padded(width + 1) + cells[0] + "\n"
            text += String(repeating: " ", count: width + 1) + "Scout \(cells[1]) · peer \(cells[2]) · ratio \(cells[3]) · goal \(cells[4])\n"
        }
        return text + footer
    }

    /// `text` without Markdown's backticks.
    static func plain(_ text: String) -> String { String(text.filter { $0 != "`" }) }
}
