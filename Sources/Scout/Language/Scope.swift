import CScoutSystem
import Synchronization

/// A child scope: the body of a `for`, a `task` block or a user command. Names it defines
/// stay in it; assigning a name that an enclosing scope holds updates that one.
///
/// One is made for every loop iteration, so it is one allocation: the lock is stored in
/// place (and shown to ThreadSanitizer as ``SanitizerVisibleMutex`` shows its own).
package final class Scope: VariableScope {
    private let parent: any VariableScope
    /// Room for a few names from the start: a loop's variable and what its body stores.
    private let names = Mutex(ValueMap(minimumCapacity: 4))

    /// A scope inside `parent`.
    package init(parent: any VariableScope) {
        self.parent = parent
    }

    private func withNames<R: Sendable>(_ body: (inout ValueMap) -> R) -> R {
        let address = Unmanaged.passUnretained(self).toOpaque()
        return names.withLock { (map: inout ValueMap) -> R in
            cscout_tsan_acquire(address)
            defer { cscout_tsan_release(address) }
            return body(&map)
        }
    }

    package func lookup(_ name: String) -> Value? {
        if let v = withNames({ $0[name] }) { return v }
        return parent.lookup(name)
    }

    package func assign(_ name: String, _ value: Value) {
        let isLocal = withNames { $0[name] != nil }
        if !isLocal, parent.lookup(name) != nil {
            parent.assign(name, value)
        } else {
            withNames { $0[name] = value }
        }
    }

    package func define(_ name: String, _ value: Value) {
        withNames { $0[name] = value }
    }

    /// Forgets every name defined here, to be the scope of a loop's next iteration.
    func removeAll() {
        withNames { $0.removeAll() }
    }

    package func visibleNames() -> [String] {
        withNames { $0.keys } + parent.visibleNames()
    }
}
