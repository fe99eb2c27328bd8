/// The shared state of a pipeline run: variables, per-task results and the early-exit flag.
/// Thread-safe: tasks running in parallel read and write it concurrently.
///
/// ```swift
/// let context = BatchContext(initialVars: ["env": "prod"])
/// try context.setVar("version", "1.0.0")
/// try context.setVar("result", ["status": "success", "output": "data"])
/// context.getVar("result.output")   // .string("data")
/// ```
public final class BatchContext: VariableScope {
    struct State: Sendable {
        var variables = ValueMap()
        var results: [(id: String, result: TaskResult)] = []
        /// How many of `results` did not fail (only those are let go).
        var unfailed = 0
        var earlyExitReason: String?
        var halted = false
    }

    private let state: SanitizerVisibleMutex<State>
    /// How many results of tasks that did not fail ``results`` keeps (the most recent); the
    /// results of failed tasks are all kept.
    public let resultLimit: Int

    /// A context holding the given variables, keeping the results of failed tasks and of the
    /// last `resultLimit` others.
    public init(initialVars: [String: Value] = [:], resultLimit: Int = 10_000) {
        var s = State()
        for key in initialVars.keys.sorted() { s.variables[key] = initialVars[key] }
        state = SanitizerVisibleMutex(s)
        self.resultLimit = max(0, resultLimit)
    }

    /// A context holding the given variables, in their order.
    public init(variables: ValueMap, resultLimit: Int = 10_000) {
        var s = State()
        s.variables = variables
        state = SanitizerVisibleMutex(s)
        self.resultLimit = max(0, resultLimit)
    }

    // MARK: - Variables

    /// Sets a variable, or a field or element inside one: `version`, `result.output`, `items[0].name`.
    /// Missing maps on the way are created.
    public func setVar(_ path: String, _ value: Value) throws(ValuePathError) {
        guard let parsed = ValuePath(parsing: path) else { throw .invalidPath(path) }
        try setVar(parsed, value)
    }

    /// Sets the value at a parsed path.
    package func setVar(_ path: ValuePath, _ value: Value) throws(ValuePathError) {
        try state.withLock { (s: inout State) throws(ValuePathError) in
            if path.segments.count == 1 {
                s.variables[path.root] = value
                return
            }
            var root = s.variables[path.root] ?? .null
            try root.assign(value, at: path.segments.dropFirst())
            s.variables[path.root] = root
        }
    }

    /// The value at a path (`result.output`, `items[0].name`), or `nil` when it is not defined.
    /// A field missing from a result is looked up in its `output` (``Value/member(_:)``).
    public func getVar(_ path: String) -> Value? {
        guard let parsed = ValuePath(parsing: path) else { return nil }
        return getVar(parsed)
    }

    /// The value at a path, as `getVar` reads it: `context["result.output"]`.
    public subscript(path: String) -> Value? { getVar(path) }

    /// The value at a parsed path, or `nil`.
    package func getVar(_ path: ValuePath) -> Value? {
        state.withLock { s in
            guard let root = s.variables[path.root] else { return nil }
            return root.lookup(path.segments.dropFirst())
        }
    }

    /// True when the variable at `path` is defined.
    public func hasVar(_ path: String) -> Bool { getVar(path) != nil }

    /// Removes a top-level variable.
    public func removeVar(_ name: String) {
        state.withLock { $0.variables[name] = nil }
    }

    /// A snapshot of every variable, in the order they were first set.
    public var variables: ValueMap { state.withLock { $0.variables } }

    // MARK: - VariableScope

    package func lookup(_ name: String) -> Value? { state.withLock { $0.variables[name] } }

    package func assign(_ name: String, _ value: Value) { state.withLock { $0.variables[name] = value } }

    package func define(_ name: String, _ value: Value) { assign(name, value) }

    package func visibleNames() -> [String] { state.withLock { $0.variables.keys } }

    // MARK: - Results

    /// Records the result of a task under its id (such as `task:0:run`).
    package func recordResult(_ result: TaskResult, id: String) {
        let failed = result.failed
        if !failed, resultLimit == 0 { return }
        let limit = resultLimit
        state.withLock { s in
            s.results.append((id, result))
            if !failed { s.unfailed += 1 }
            // Let go of the oldest in batches, so that each result costs O(1) on average.
            if s.unfailed >= 2 * limit + 1024 {
                var drop = s.unfailed - limit
                s.results.removeAll { entry in
                    guard drop > 0, !entry.result.failed else { return false }
                    drop -= 1
                    return true
                }
                s.unfailed = limit
            }
        }
    }

    /// The recorded results, in the order tasks finished: every failed one, and at least the
    /// last ``resultLimit`` of the others (older ones are let go in batches).
    public var results: [TaskResult] { state.withLock { $0.results.map(\.result) } }

    /// The result recorded under `id`, if any (the latest one when recorded twice).
    public func result(id: String) -> TaskResult? {
        state.withLock { s in s.results.last(where: { $0.id == id })?.result }
    }

    // MARK: - Early exit

    /// Asks the pipeline to stop: nothing new starts; running tasks finish. The first reason wins.
    package func setEarlyExit(_ reason: String) {
        state.withLock { s in
            if s.earlyExitReason == nil { s.earlyExitReason = reason }
        }
    }

    /// Stops the pipeline at once (fail-fast): nothing new starts, and the tasks running in
    /// parallel are ended (their process groups get TERM, then KILL after a grace period).
    package func halt(_ reason: String) {
        state.withLock { s in
            if s.earlyExitReason == nil { s.earlyExitReason = reason }
            s.halted = true
        }
    }

    /// True once ``halt(_:)`` was called: running tasks are to be ended, not waited for.
    public var isHalted: Bool { state.withLock { $0.halted } }

    /// True once the pipeline has been asked to stop.
    package func checkEarlyExit() -> Bool { state.withLock { $0.earlyExitReason != nil } }

    /// Why the pipeline was asked to stop, if it was.
    public var earlyExitReason: String? { state.withLock { $0.earlyExitReason } }

    /// Clears the early-exit flag (the REPL does, before each new input).
    package func clearEarlyExit() {
        state.withLock { s in
            s.earlyExitReason = nil
            s.halted = false
        }
    }

    /// Forgets every variable, result and the early-exit flag.
    package func reset() { state.withLock { $0 = State() } }

    // MARK: - Export

    /// The state as a value: `{variables, results: [{id, ...result}], early_exit, early_exit_reason}`.
    public func toDict() -> Value {
        state.withLock { s in
            var results: [Value] = []
            for (id, r) in s.results {
                var m = ValueMap([("id", .string(id))])
                if case .map(let fields) = r.toValue() { for (k, v) in fields { m[k] = v } }
                results.append(.map(m))
            }
            return .map(ValueMap([
                ("variables", .map(s.variables)),
                ("results", .list(results)),
                ("early_exit", .bool(s.earlyExitReason != nil)),
                ("early_exit_reason", s.earlyExitReason.map(Value.string) ?? .null),
            ]))
        }
    }

    /// The state as JSON text (``toDict()``).
    public func toJSON(pretty: Bool = true) -> String { toDict().jsonText(pretty: pretty) }
}
