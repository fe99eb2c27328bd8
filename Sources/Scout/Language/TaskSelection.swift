/// Running only some `task` blocks of a script, as `just lint` or `make lint` would: the
/// tasks a user can name, and the program that runs just those.
///
/// A task can be named when it stands at the top level of the script or inside the
/// `parallel` and `sequential` blocks there. Running a task also runs what it reads: the tasks
/// its `needs` and its expressions name (`task deploy if build.ok` brings `build`), the
/// top-level one-line tasks whose `store as` names it reads, and so on; the definitions
/// (`let`, `param`, `command`, `use`) always run. Everything else is left out.
package struct TaskSelection: Sendable {
    /// A task the command line can name.
    package struct Entry: Sendable {
        /// Its name.
        package var name: String
        /// Where it is declared.
        package var span: SourceSpan
        /// The tasks it `needs`.
        package var needs: [String]
    }

    /// The tasks that can be named, in source order.
    package let entries: [Entry]
    private let program: Program

    /// The selectable tasks of a program.
    package init(_ program: Program) {
        self.program = program
        var entries: [Entry] = []
        func walk(_ statements: [Statement]) {
            for s in statements {
                switch s.kind {
                case .taskBlock(let block):
                    entries.append(Entry(name: block.name.text, span: block.name.span, needs: block.clauses.needs.map(\.text)))
                case .parallel(_, let body), .sequential(let body):
                    walk(body)
                default:
                    break
                }
            }
        }
        walk(program.statements)
        self.entries = entries
    }

    /// The names of the tasks that can be named.
    package var names: [String] { entries.map(\.name) }

    /// The program that runs `names` and what they read, in the script's order and structure.
    package func program(running names: Set<String>) -> Program {
        let taskNames = Set(self.names)
        var keep = names
        var lineNames = Set<String>()
        // Grow the set until what is kept reads nothing more that the script provides.
        while true {
            let kept = prune(program.statements, tasks: keep, lines: lineNames)
            let read = NameReferences.collect(kept)
            let moreTasks = read.intersection(taskNames).subtracting(keep)
            let moreLines = read.intersection(storedByLines).subtracting(lineNames)
            if moreTasks.isEmpty && moreLines.isEmpty {
                return Program(source: program.source, statements: kept)
            }
            keep.formUnion(moreTasks)
            lineNames.formUnion(moreLines)
        }
    }

    /// The `store as` names of the top-level one-line tasks.
    private var storedByLines: Set<String> {
        var out = Set<String>()
        for s in program.statements {
            if case .task(let line) = s.kind, let name = line.clauses.storeAs { out.insert(name.text) }
        }
        return out
    }

    private func prune(_ statements: [Statement], tasks: Set<String>, lines: Set<String>) -> [Statement] {
        var out: [Statement] = []
        for s in statements {
            switch s.kind {
            case .let, .param, .command, .use:
                out.append(s)
            case .task(let line):
                if let name = line.clauses.storeAs, lines.contains(name.text) { out.append(s) }
            case .taskBlock(let block):
                if tasks.contains(block.name.text) { out.append(s) }
            case .parallel(let max, let body):
                let inner = prune(body, tasks: tasks, lines: lines)
                if !inner.isEmpty { out.append(Statement(.parallel(max: max, body: inner), s.span)) }
            case .sequential(let body):
                let inner = prune(body, tasks: tasks, lines: lines)
                if !inner.isEmpty { out.append(Statement(.sequential(inner), s.span)) }
            default:
                break
            }
        }
        return out
    }
}
