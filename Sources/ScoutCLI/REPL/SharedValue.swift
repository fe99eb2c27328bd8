import Synchronization

/// A value that threads share, behind a lock: a reference, so closures can hold it.
final class SharedValue<T: Sendable>: Sendable {
    private let mutex: Mutex<T>

    /// A shared value, starting as `value`.
    init(_ value: T) {
        mutex = Mutex(value)
    }

    /// The value now.
    var value: T { mutex.withLock { $0 } }

    /// Changes the value under the lock.
    func update(_ change: (inout T) -> Void) {
        mutex.withLock { change(&$0) }
    }
}
