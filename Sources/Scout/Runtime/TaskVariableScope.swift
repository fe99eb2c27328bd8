/// The scope a task's own expressions are evaluated in when it sets `variables`: the values
/// it set, over the shared scope. The variables are written to the shared scope as well (as
/// the guide's `set_var` does), but tasks running in parallel each read their own values,
/// not those another task wrote in between.
final class TaskVariableScope: VariableScope {
    private let parent: any VariableScope
    private let own = SanitizerVisibleMutex(ValueMap())

    /// An empty overlay over `parent`.
    init(over parent: any VariableScope) {
        self.parent = parent
    }

    /// Sets one of the task's variables, here and in the shared scope.
    func set(_ name: String, _ value: Value) {
        own.withLock { $0[name] = value }
        parent.assign(name, value)
    }

    func lookup(_ name: String) -> Value? {
        own.withLock { $0[name] } ?? parent.lookup(name)
    }

    func assign(_ name: String, _ value: Value) {
        own.withLock { if $0[name] != nil { $0[name] = value } }
        parent.assign(name, value)
    }

    func define(_ name: String, _ value: Value) { assign(name, value) }

    func visibleNames() -> [String] {
        let mine = own.withLock { $0.keys }
        return mine + parent.visibleNames().filter { !mine.contains($0) }
    }
}
