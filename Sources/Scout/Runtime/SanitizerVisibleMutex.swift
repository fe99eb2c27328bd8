import CScoutSystem
import Synchronization

/// A `Synchronization.Mutex` whose critical sections ThreadSanitizer can see.
///
/// On Linux, `Mutex` locks with raw futex system calls that ThreadSanitizer does not
/// intercept, so it reports every pair of properly locked accesses from two threads as a
/// race. Each critical section here tells it "acquire" on entry and "release" on exit (on
/// this object's address); in a build without ThreadSanitizer those calls do nothing.
public final class SanitizerVisibleMutex<Value: Sendable>: Sendable {
    @usableFromInline let mutex: Mutex<Value>

    /// A lock around `value`.
    public init(_ value: sending Value) {
        mutex = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value. Inlinable, so that a caller in another
    /// module gets a version made for its types rather than the generic one.
    @inlinable public func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> sending Result) throws(E) -> sending Result {
        let address = Unmanaged.passUnretained(self).toOpaque()
        return try mutex.withLock { (value: inout Value) throws(E) -> sending Result in
            cscout_tsan_acquire(address)
            defer { cscout_tsan_release(address) }
            return try body(&value)
        }
    }
}
