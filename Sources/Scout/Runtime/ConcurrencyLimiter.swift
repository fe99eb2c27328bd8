/// The run-wide cap on tasks running commands at once (`--jobs`): an async semaphore, first
/// come first served. A task holds a slot while its command runs, never while it waits for
/// tasks of its own (a task block, a user command), so nested parallel blocks cannot
/// deadlock on it. A waiting task that is cancelled stops waiting.
final class ConcurrencyLimiter: Sendable {
    struct Waiter: Sendable {
        let id: Int
        let continuation: CheckedContinuation<Bool, Never>
    }

    struct State: Sendable {
        var limit: Int
        var inUse = 0
        var waiters: [Waiter] = []
        var nextId = 0
        /// Waiters given an id but not queued yet.
        var pending: Set<Int> = []
        /// Waiters cancelled before they were queued.
        var cancelled: Set<Int> = []
    }

    private let state: SanitizerVisibleMutex<State>

    init(limit: Int) {
        state = SanitizerVisibleMutex(State(limit: max(1, limit)))
    }

    /// Changes the cap; waiters get the slots a larger cap frees.
    func setLimit(_ limit: Int) {
        let woken = state.withLock { s -> [Waiter] in
            s.limit = max(1, limit)
            return ConcurrencyLimiter.admit(&s)
        }
        for w in woken { w.continuation.resume(returning: true) }
    }

    /// Slots in use now.
    var inUse: Int { state.withLock { $0.inUse } }

    /// Waits for a slot; false (and no slot) when the task was cancelled while waiting.
    func acquire() async -> Bool {
        if Task.isCancelled { return false }
        let id = state.withLock { s -> Int? in
            if s.inUse < s.limit, s.waiters.isEmpty {
                s.inUse += 1
                return nil
            }
            s.nextId += 1
            s.pending.insert(s.nextId)
            return s.nextId
        }
        guard let id else { return true }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.cancelled.remove(id) != nil { return true }
                    s.pending.remove(id)
                    s.waiters.append(Waiter(id: id, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume(returning: false) }
                // A slot may have been freed between the first check and queueing.
                let woken = state.withLock { ConcurrencyLimiter.admit(&$0) }
                for w in woken { w.continuation.resume(returning: true) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> Waiter? in
                if let i = s.waiters.firstIndex(where: { $0.id == id }) { return s.waiters.remove(at: i) }
                // Not queued yet: it stops waiting as soon as it would queue. Already admitted: nothing to do.
                if s.pending.remove(id) != nil { s.cancelled.insert(id) }
                return nil
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Gives a slot back; the longest waiter gets it.
    func release() {
        let woken = state.withLock { s -> [Waiter] in
            s.inUse -= 1
            return ConcurrencyLimiter.admit(&s)
        }
        for w in woken { w.continuation.resume(returning: true) }
    }

    /// Hands free slots to waiters in the order they came.
    private static func admit(_ s: inout State) -> [Waiter] {
        var woken: [Waiter] = []
        while s.inUse < s.limit, !s.waiters.isEmpty {
            s.inUse += 1
            woken.append(s.waiters.removeFirst())
        }
        return woken
    }
}
