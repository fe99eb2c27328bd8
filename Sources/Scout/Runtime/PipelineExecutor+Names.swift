/// The names tasks are shown by: in progress lines, events, the summary and output labels.
extension PipelineExecutor {
    /// The most characters of a first argument a task's name shows.
    static let argumentNameLimit = 24

    /// A task's own name: its block or `store as` name, else its command and a short form of
    /// its first argument (`run make lint`, `sleep 2s`), so that unnamed tasks can be told
    /// apart. `first` is the evaluated first argument, when the task got that far. Secrets
    /// are masked before the argument is cut, so no part of one shows.
    static func ownName(_ task: BatchTask, first: Value?, secrets: SecretMask) -> String {
        if let label = task.label { return label }
        let text: String?
        if let first {
            text = first.stringValue ?? first.description
        } else if let argument = task.arguments.first(where: { $0.label == nil }) ?? task.arguments.first {
            text = staticText(argument.value)
        } else {
            text = nil
        }
        guard let text = text.map({ shortened(secrets.mask($0)) }), !text.isEmpty else { return task.command }
        return task.command + " " + text
    }

    /// The first argument of a task, evaluated: the first positional one, else the first named one.
    static func firstArgument(_ positional: [Value], _ named: ValueMap) -> Value? {
        if let first = positional.first { return first }
        var entries = named.makeIterator()
        return entries.next()?.value
    }

    /// An argument as written, for a task that did not get as far as evaluating it.
    static func staticText(_ e: Expression) -> String {
        if case .literal(let v) = e.kind { return v.stringValue ?? v.description }
        var text = ExpressionPrinter.source(e)
        if text.count >= 2, text.first == "\"", text.last == "\"" { text = String(text.dropFirst().dropLast()) }
        return text
    }

    /// The first line of `text`, its runs of white space made one space, cut to ``argumentNameLimit``.
    static func shortened(_ text: String) -> String {
        // Most arguments are short single lines: nothing to do.
        if text.utf8.count <= argumentNameLimit, !text.utf8.contains(where: { $0 == 10 || $0 == 9 || $0 == 13 }), !text.contains("  ") {
            return text
        }
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return words.count > argumentNameLimit ? String(words.prefix(argumentNameLimit - 1)) + "…" : words
    }

    /// The name progress shows: the own name and, inside a loop, the iteration (`compile [f=a.c]`).
    static func shownName(_ own: String) -> String {
        guard let iteration = PipelineExecutor.iteration else { return own }
        return own + " [" + iteration + "]"
    }

    /// The iteration label for a loop variable's value, after the enclosing loops' parts:
    /// `f=a.c`, `os=linux, arch=arm` (see ``IterationLabel``).
    package static func iterationLabel(_ variable: String, _ value: Value, secrets: SecretMask = SecretMask()) -> String {
        IterationLabel(variable: variable, value: value, secrets: secrets, outer: currentIteration).text
    }
}
