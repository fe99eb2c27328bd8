import Scout

/// What `./ci.scout --help` and `./ci.scout --list` print: the script's tasks and options,
/// each with the description its comment gives.
struct ScriptHelp {
    let program: Program
    let name: String

    /// `--list`: one task a line, as `just --list` shows recipes.
    func list() -> String {
        let docs = DocComments(program.source)
        let entries = TaskSelection(program).entries
        guard !entries.isEmpty else { return "\(name) has no tasks (a task is a `task NAME { ... }` block)\n" }
        var rows: [(String, String)] = []
        for e in entries {
            var text = docs.description(ofLine: e.span.line) ?? ""
            if !e.needs.isEmpty { text += (text.isEmpty ? "" : " ") + "(needs \(e.needs.joined(separator: ", ")))" }
            rows.append((e.name, text))
        }
        return "Tasks:\n" + ScriptHelp.table(rows)
    }

    /// `--help`: usage, tasks and options.
    func help() -> String {
        let docs = DocComments(program.source)
        let parameters = ScriptArguments.parameters(of: program)
        let tasks = TaskSelection(program).entries
        let readsArgs = NameReferences.collect(program.statements).contains("args")
        var out = "Usage: \(name) [OPTIONS]\(tasks.isEmpty ? "" : " [TASK...]")\(readsArgs ? " [ARGS...]" : "")\n"
        if !tasks.isEmpty {
            out += "\n" + list()
        }
        var rows: [(String, String)] = []
        for p in parameters {
            var text = docs.description(ofLine: p.name.span.line) ?? ""
            if p.kind == .list { text += (text.isEmpty ? "" : " ") + "(repeatable)" }
            if let d = p.defaultValue {
                text += (text.isEmpty ? "" : " ") + "(default: \(program.source.text(of: d.span)))"
            } else {
                text += (text.isEmpty ? "" : " ") + "(required)"
            }
            rows.append((ScriptArguments.usage(p), text))
        }
        if !tasks.isEmpty { rows.append(("-l, --list", "list the tasks")) }
        rows.append(("-h, --help", "show this help"))
        out += "\nOptions:\n" + ScriptHelp.table(rows)
        out += "\nScout's run options (-n, -j N, -q, -v, --fail-fast, --var NAME=VALUE, --output MODE, ...) work here too: see scout --help.\n"
        return out
    }

    /// Two columns, the first padded to its widest entry.
    static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        return rows.map { left, right in
            right.isEmpty ? "  \(left)\n" : "  \(left)\(String(repeating: " ", count: width - DisplayWidth.of(left) + 3))\(right)\n"
        }.joined()
    }
}
