/// The part of a supervisor that callers and the supervisor thread share, always under
/// `SupervisorCore.state`'s lock.
struct SupervisorSharedState: Sendable {
    /// The thread, its epoll descriptor and its eventfd exist.
    var started = false
    /// The supervisor thread's epoll descriptor.
    var epollFD: Int32 = -1
    /// The eventfd that wakes the supervisor thread.
    var wakeFD: Int32 = -1
    /// The eventfd was signalled and the thread has not yet taken the work since.
    var wakeSignalled = false
    /// Spawned children waiting to be registered with the loop.
    var pending: [ChildRegistration] = []
    /// Ids of children whose awaiting task was cancelled.
    var cancelRequests: [UInt64] = []
    /// `terminateAll` calls not yet picked up.
    var terminateRequests: [TerminateAllRequest] = []
    /// Every child between spawn and reap, by id.
    var running: [UInt64: RunningChild] = [:]
    /// How many children have left `running` so far.
    var endedCount: UInt64 = 0
    /// Launches waiting for a child to end (descriptors ran out).
    var endWaiters: [CheckedContinuation<Void, Never>] = []
    /// The next child id (ids are never reused).
    var nextID: UInt64 = 1
    /// The owning `ProcessSupervisor` is gone: the thread ends once idle.
    var shutdownRequested = false
}
