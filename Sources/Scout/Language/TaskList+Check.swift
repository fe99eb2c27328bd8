/// The static checks of a JSON task list, the same a script gets before anything runs.
extension TaskList {
    /// Checks tasks without running them: unknown commands (with the closest name), arguments
    /// that do not fit the command's parameters, unknown or cyclic `needs`, and names that
    /// nothing defines. Defined are `definedNames` (the `--var` variables), every task's
    /// `store_as` and `name`, and a task's own `variables`. Errors come first in task order,
    /// each naming the task's index and field; an undefined name in a condition is a warning
    /// (it is null there).
    package static func check(
        _ tasks: [BatchTask], file: String, commands: CommandRegistry = .standard, functions: FunctionTable = .builtins,
        definedNames: Set<String> = [], capabilities: Capabilities = .all
    ) -> [TaskListError] {
        var checker = Checker(commands: commands, functions: functions, userCommands: [:], definedNames: definedNames, capabilities: capabilities)
        var listDefined = definedNames
        for task in tasks {
            for name in [task.storeAs, task.name].compactMap({ $0 }) {
                listDefined.insert(ValuePath(parsing: name)?.root ?? name)
            }
        }
        var found: [TaskListError] = []
        func harvest(_ index: Int, _ field: (Diagnostic) -> String) {
            for d in checker.diagnostics {
                found.append(TaskListError(file: file, index: index, field: field(d), message: d.message, severity: d.severity,
                                           help: d.kind.help, span: d.span.line > 0 ? d.span : nil))
            }
            checker.diagnostics = []
        }
        for (index, task) in tasks.enumerated() {
            checker.defined = listDefined
            for (name, value) in task.variables {
                checker.expression(value, lenient: false)
                harvest(index) { _ in "variables.\(name)" }
                checker.defined.insert(name)
            }
            for (field, condition) in [("stop_if", task.stopIf), ("if", task.condition), ("skip_if", task.skipIf)] {
                guard let condition else { continue }
                checker.expression(condition, lenient: true)
                harvest(index) { _ in field }
            }
            checker.checkCommand(task.command, at: .none, task.arguments)
            harvest(index) { d in
                switch d.kind {
                case .unknownArgument(_, let a, _), .wrongArgumentType(_, let a, _, _): return "args.\(a)"
                case .missingArgument, .runtime: return "args"
                default: return "command"
                }
            }
            for a in task.arguments {
                checker.expression(a.value, lenient: false)
                harvest(index) { _ in a.label.map { "args.\($0)" } ?? "args" }
            }
        }
        do {
            _ = try TaskGraph(labels: tasks.map(\.label), needs: tasks.map(\.needs))
        } catch {
            switch error {
            case .unknown(let index, let name, let suggestion):
                found.append(TaskListError(file: file, index: index, field: "needs", message: "needs an unknown task '\(name)'",
                                           help: suggestion.map { "did you mean '\($0)'?" }))
            case .cycle(let names):
                let index = tasks.firstIndex { $0.label == names.first } ?? 0
                found.append(TaskListError(file: file, index: index, field: "needs", message: PipelineExecutor.describe(error)))
            case .duplicate(let name):
                let index = tasks.lastIndex { $0.label == name } ?? 0
                found.append(TaskListError(file: file, index: index, field: "name", message: PipelineExecutor.describe(error)))
            }
        }
        return found.filter { $0.severity == .error } + found.filter { $0.severity == .warning }
    }
}
