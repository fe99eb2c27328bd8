/// Reads the guide's JSON task list: an array of task objects (or `{"tasks": [...]}`), each with
/// `command`, `args`, `mode`, `variables`, `if`, `skip_if`, `stop_if`, `store_as`,
/// `extract_steps`, `subbatch_mode`, and optionally `name`, `needs`, `retry`, `timeout`,
/// `runner` (`"local"`, `"slurm"`, or `{"runner": "ssh", "hosts": [...]}`).
///
/// Every `${...}` is parsed here, so a bad expression is reported before anything runs.
public enum TaskList {
    /// The fields a task object may have.
    package static let fields = [
        "command", "args", "mode", "variables", "if", "skip_if", "stop_if", "store_as", "extract_steps",
        "subbatch_mode", "name", "needs", "retry", "timeout", "runner",
    ]

    /// Parses JSON text into tasks; `name` is the file name used in messages.
    public static func parse(_ text: String, name: String) throws(TaskListError) -> [BatchTask] {
        let value: Value
        do { value = try JSONParser.parse(text) } catch {
            throw TaskListError(file: name, index: nil, field: nil, message: "invalid JSON at \(error.line):\(error.column): \(error.message)")
        }
        return try tasks(from: value, file: name)
    }

    /// Tasks from a JSON value: an array of task objects, or an object with `tasks` (or `steps`).
    public static func tasks(from value: Value, file: String) throws(TaskListError) -> [BatchTask] {
        var list: [Value]
        switch value {
        case .list(let l): list = l
        case .map(let m):
            guard case .list(let l)? = m["tasks"] ?? m["steps"] else {
                throw TaskListError(file: file, index: nil, field: nil, message: "expected an array of tasks, or an object with \"tasks\"")
            }
            list = l
        default:
            throw TaskListError(file: file, index: nil, field: nil, message: "expected an array of tasks, found \(Operators.article(value))")
        }
        var tasks: [BatchTask] = []
        tasks.reserveCapacity(list.count)
        for (i, element) in list.enumerated() {
            tasks.append(try task(from: element, index: i, file: file))
        }
        return tasks
    }

    /// One task from its JSON object.
    package static func task(from value: Value, index: Int, file: String) throws(TaskListError) -> BatchTask {
        func fail(_ field: String?, _ message: String) -> TaskListError {
            TaskListError(file: file, index: index, field: field, message: message)
        }
        guard case .map(let object) = value else { throw fail(nil, "a task must be an object, found \(Operators.article(value))") }
        for key in object.keys where !fields.contains(key) {
            let hint = Suggestion.closest(to: key, in: fields).map { " (did you mean \"\($0)\"?)" } ?? ""
            throw fail(key, "unknown field\(hint)")
        }
        guard let commandValue = object["command"] else { throw fail("command", "missing: every task needs a command") }
        guard case .string(let command) = commandValue, !command.isEmpty else {
            throw fail("command", "must be a non-empty string, found \(Operators.article(commandValue))")
        }
        var task = BatchTask(command: command)

        if let args = object["args"] {
            switch args {
            case .map(let m):
                for (k, v) in m { task.arguments.append(TaskArgument(label: k, value: try template(v, file: file, index: index, field: "args.\(k)"))) }
            case .null: break
            default: throw fail("args", "must be an object, found \(Operators.article(args))")
            }
        }
        if let mode = object["mode"], !mode.isNull { task.mode = try executionMode(mode, fail("mode", "")) }
        if let sub = object["subbatch_mode"], !sub.isNull { task.subbatchMode = try executionMode(sub, fail("subbatch_mode", "")) }
        if let vars = object["variables"] {
            switch vars {
            case .map(let m):
                for (k, v) in m { task.variables.append((k, try template(v, file: file, index: index, field: "variables.\(k)"))) }
            case .null: break
            default: throw fail("variables", "must be an object, found \(Operators.article(vars))")
            }
        }
        task.condition = try condition(object["if"], file: file, index: index, field: "if")
        task.skipIf = try condition(object["skip_if"], file: file, index: index, field: "skip_if")
        task.stopIf = try condition(object["stop_if"], file: file, index: index, field: "stop_if")
        if let store = object["store_as"], !store.isNull {
            guard case .string(let s) = store, ValuePath(parsing: s) != nil, !s.isEmpty else {
                throw fail("store_as", "must be a variable name, found \(store.jsonText())")
            }
            task.storeAs = s
        }
        if let extract = object["extract_steps"], !extract.isNull {
            guard case .bool(let b) = extract else { throw fail("extract_steps", "must be true or false, found \(extract.jsonText())") }
            task.extractSteps = b
        }
        if let name = object["name"], !name.isNull {
            guard case .string(let s) = name, !s.isEmpty else { throw fail("name", "must be a non-empty string") }
            task.name = s
        }
        if let needs = object["needs"], !needs.isNull {
            switch needs {
            case .string(let s): task.needs = [s]
            case .list(let l):
                for n in l {
                    guard case .string(let s) = n else { throw fail("needs", "must be a list of task names") }
                    task.needs.append(s)
                }
            default: throw fail("needs", "must be a task name or a list of them")
            }
        }
        if let retry = object["retry"], !retry.isNull {
            task.retry = try retryConfig(retry, file: file, index: index)
        }
        if let timeout = object["timeout"], !timeout.isNull {
            guard let d = duration(timeout) else { throw fail("timeout", "must be seconds or a duration such as \"5m\", found \(timeout.jsonText())") }
            task.timeout = d
        }
        if let runner = object["runner"], !runner.isNull {
            do { task.runner = try RunnerSpec(runner) } catch { throw fail("runner", error.message) }
        }
        return task
    }

    static func executionMode(_ v: Value, _ error: TaskListError) throws(TaskListError) -> ExecutionMode {
        guard case .string(let s) = v, let mode = ExecutionMode(rawValue: s) else {
            var e = error
            e.message = "must be \"sequential\" or \"parallel\", found \(v.jsonText())"
            throw e
        }
        return mode
    }

    /// The fields a `retry` object may have.
    static let retryFields = ["max_retries", "base_delay", "max_delay", "jitter_factor"]

    static func retryConfig(_ v: Value, file: String, index: Int) throws(TaskListError) -> RetryConfig {
        if let n = v.intValue { return RetryConfig(maxRetries: n) }
        guard case .map(let m) = v else {
            throw TaskListError(file: file, index: index, field: "retry",
                                message: "must be a number of retries or an object with max_retries, base_delay, max_delay, jitter_factor")
        }
        func fail(_ key: String, _ message: String) -> TaskListError {
            TaskListError(file: file, index: index, field: "retry.\(key)", message: message)
        }
        for key in m.keys where !retryFields.contains(key) {
            throw fail(key, "unknown field" + (Suggestion.closest(to: key, in: retryFields).map { " (did you mean \"\($0)\"?)" } ?? ""))
        }
        func whole(_ key: String) throws(TaskListError) -> Int? {
            guard let x = m[key], !x.isNull else { return nil }
            guard let n = x.intValue else { throw fail(key, "must be a whole number, found \(x.jsonText())") }
            return n
        }
        func number(_ key: String) throws(TaskListError) -> Double? {
            guard let x = m[key], !x.isNull else { return nil }
            guard let d = x.doubleValue else { throw fail(key, "must be a number, found \(x.jsonText())") }
            return d
        }
        func seconds(_ key: String) throws(TaskListError) -> Duration? {
            guard let x = m[key], !x.isNull else { return nil }
            guard let d = duration(x) else { throw fail(key, "must be seconds or a duration such as \"5m\", found \(x.jsonText())") }
            return d
        }
        let defaults = RetryConfig()
        return RetryConfig(
            maxRetries: try whole("max_retries") ?? defaults.maxRetries,
            baseDelay: try seconds("base_delay") ?? defaults.baseDelay,
            maxDelay: try seconds("max_delay") ?? defaults.maxDelay,
            jitterFactor: try number("jitter_factor") ?? defaults.jitterFactor)
    }

    /// Seconds (a number) or a duration written as text (`"250ms"`, `"5m"`); nil when negative
    /// or longer than a duration holds (292 years).
    static func duration(_ v: Value) -> Duration? {
        switch v {
        case .int(let i) where i >= 0 && i < 9_200_000_000: return .seconds(i)
        case .double(let d) where d >= 0 && d < 9.2e9: return .nanoseconds(Int64(d * 1e9))
        case .duration(let d) where d >= .zero: return d
        case .string(let s): return DurationUnit.parse(s).flatMap { $0 >= .zero ? $0 : nil }
        default: return nil
        }
    }

    /// A JSON value whose strings may hold `${...}`, as an expression. Values nest as deep as
    /// JSON may (``Value/maxDepth``), but expressions no deeper than a script's
    /// (``Parser/maxDepth``): past that, a part without `${...}` stays a constant and a
    /// template is an error, so evaluating one never runs out of stack.
    static func template(_ v: Value, file: String, index: Int, field: String, depth: Int = 0) throws(TaskListError) -> Expression {
        if depth >= Parser.maxDepth, v.isContainer {
            guard !TaskList.holdsTemplate(v) else {
                throw TaskListError(file: file, index: index, field: field,
                                    message: "a ${...} nested deeper than \(Parser.maxDepth) lists and maps (the limit of expressions)")
            }
            return .constant(v)
        }
        switch v {
        case .string(let s) where s.contains("$"):
            do {
                return try Parser.parseTemplate(SourceFile(name: "\(file): task \(index), \(field)", text: s))
            } catch {
                throw TaskListError(file: file, index: index, field: field, message: "bad ${...} expression", diagnostics: error.diagnostics)
            }
        case .list(let l):
            var out: [Expression] = []
            for (n, x) in l.enumerated() { out.append(try template(x, file: file, index: index, field: "\(field)[\(n)]", depth: depth + 1)) }
            return Expression(.list(out), .none)
        case .map(let m):
            var entries: [MapEntry] = []
            for (k, x) in m { entries.append(MapEntry(key: k, value: try template(x, file: file, index: index, field: "\(field).\(k)", depth: depth + 1))) }
            return Expression(.map(entries), .none)
        default:
            return .constant(v)
        }
    }

    /// True when a string somewhere in `v` holds a `$` (iterative: `v` may nest deeply).
    static func holdsTemplate(_ v: Value) -> Bool {
        var pending = [v]
        while let next = pending.popLast() {
            switch next {
            case .string(let s) where s.contains("$"): return true
            case .list(let l): pending += l
            case .map(let m): pending += m.map(\.value)
            default: break
            }
        }
        return false
    }

    static func condition(_ v: Value?, file: String, index: Int, field: String) throws(TaskListError) -> Expression? {
        guard let v, !v.isNull else { return nil }
        switch v {
        case .bool: return .constant(v)
        case .string(let s):
            do {
                return try Parser.parseCondition(s, name: "\(file): task \(index), \(field)")
            } catch {
                throw TaskListError(file: file, index: index, field: field, message: "bad condition", diagnostics: error.diagnostics)
            }
        default:
            throw TaskListError(file: file, index: index, field: field, message: "must be a string expression or a bool, found \(v.jsonText())")
        }
    }
}

/// A task list that cannot be used, naming the task index and the field.
public struct TaskListError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The task's index in the list.
    public var index: Int?
    /// The field at fault.
    public var field: String?
    /// What is wrong.
    public var message: String
    /// Expression errors inside the field, with their position in its text.
    public var diagnostics: [Diagnostic] = []
    /// An error, or a warning of ``TaskList/check(_:file:commands:functions:definedNames:capabilities:)``.
    public var severity: Diagnostic.Severity = .error
    /// A hint of how to put it right (`did you mean 'run'?`).
    public var help: String?
    /// Where in the field's text (an expression) the problem is, when it is in one.
    public var span: SourceSpan?

    /// An error (or warning) about a task list, a task, or one of its fields.
    public init(file: String, index: Int?, field: String?, message: String, diagnostics: [Diagnostic] = [],
                severity: Diagnostic.Severity = .error, help: String? = nil, span: SourceSpan? = nil) {
        self.file = file
        self.index = index
        self.field = field
        self.message = message
        self.diagnostics = diagnostics
        self.severity = severity
        self.help = help
        self.span = span
    }

    public var description: String {
        var location = file
        if let index { location += ": task \(index)" }
        if let field { location += ", field \"\(field)\"" }
        var text = "\(location): \(message)"
        if let help { text += " (\(help))" }
        for d in diagnostics {
            text += "\n  \(d.span.line):\(d.span.column): \(d.message)"
            if let help = d.kind.help { text += " (\(help))" }
        }
        return text
    }
}
