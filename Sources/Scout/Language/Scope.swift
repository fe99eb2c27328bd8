/// A child scope: the body of a `for`, a `task` block or a user command. Names it defines
/// stay in it; assigning a name that an enclosing scope holds updates that one.
public final class Scope: VariableScope {
    private let parent: any VariableScope
    private let names = SanitizerVisibleMutex(ValueMap())

    /// A scope inside `parent`.
    public init(parent: any VariableScope) {
        self.parent = parent
    }

    public func lookup(_ name: String) -> Value? {
        if let v = names.withLock({ $0[name] }) { return v }
        return parent.lookup(name)
    }

    public func assign(_ name: String, _ value: Value) {
        let isLocal = names.withLock { $0[name] != nil }
        if !isLocal, parent.lookup(name) != nil {
            parent.assign(name, value)
        } else {
            names.withLock { $0[name] = value }
        }
    }

    public func define(_ name: String, _ value: Value) {
        names.withLock { $0[name] = value }
    }

    public func visibleNames() -> [String] {
        names.withLock { $0.keys } + parent.visibleNames()
    }
}
