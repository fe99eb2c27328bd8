/// The hosts of an SSH pool: which task slots are taken on each, and which hosts are still
/// in the pool.
///
/// ``acquire(avoiding:)`` hands out a free slot on the least busy host, or waits in a queue
/// (suspended, not polling) until ``release(_:)`` or a host leaving the pool settles it.
/// Each host counts its connection failures in a row; at `maxFailures` it leaves the pool
/// for good, and a success sets the count back to zero.
final class SSHHostPool: Sendable {
    /// A taken slot: the host's index in the pool and the slot's number on that host.
    struct Slot: Sendable, Equatable {
        var host: Int
        var number: Int
    }

    /// What ``acquire(avoiding:)`` got.
    enum Grant: Sendable, Equatable {
        case slot(Slot)
        /// No host is left; the message names each with its last error.
        case unreachable(String)
        /// The waiting task was cancelled.
        case cancelled
    }

    private struct Host {
        var name: String
        var busy: [Bool]
        var failures = 0
        var lastError = ""
        var removed = false
        var running: Int { busy.count { $0 } }
    }

    private struct Waiter {
        var id: Int
        var avoiding: Set<Int>
        var continuation: CheckedContinuation<Grant, Never>
    }

    private struct State {
        var hosts: [Host]
        var waiters: [Waiter] = []
        var nextWaiter = 0
    }

    private let state: SanitizerVisibleMutex<State>
    private let maxFailures: Int

    /// A pool of `hosts`, each running up to `perHost` tasks at once.
    init(hosts: [String], perHost: Int, maxFailures: Int) {
        let slots = max(1, perHost)
        state = SanitizerVisibleMutex(State(hosts: hosts.map { Host(name: $0, busy: Array(repeating: false, count: slots)) }))
        self.maxFailures = max(1, maxFailures)
    }

    /// The name of host `index`.
    func name(_ index: Int) -> String {
        state.withLock { $0.hosts[index].name }
    }

    /// How many tasks run on each host now.
    func running() -> [Int] {
        state.withLock { $0.hosts.map(\.running) }
    }

    /// How many tasks wait for a slot.
    func waiting() -> Int {
        state.withLock { $0.waiters.count }
    }

    /// A free slot, preferring hosts not in `avoiding` (those a task already failed on) while
    /// any of them is in the pool; waits while every such host is full.
    func acquire(avoiding: Set<Int> = []) async -> Grant {
        let id = state.withLock { s in
            defer { s.nextWaiter += 1 }
            return s.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Grant, Never>) in
                let granted: Grant? = state.withLock { s in
                    if Task.isCancelled { return .cancelled }
                    if let grant = Self.grant(avoiding: avoiding, in: &s.hosts) { return grant }
                    s.waiters.append(Waiter(id: id, avoiding: avoiding, continuation: continuation))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let waiter = state.withLock { s -> Waiter? in
                guard let at = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: at)
            }
            waiter?.continuation.resume(returning: .cancelled)
        }
    }

    /// Frees `slot` and hands it (or another) to the tasks waiting.
    func release(_ slot: Slot) {
        let settled = state.withLock { s in
            s.hosts[slot.host].busy[slot.number] = false
            return Self.settle(&s)
        }
        for (continuation, grant) in settled { continuation.resume(returning: grant) }
    }

    /// A task reached the host: its failures in a row start again from zero.
    func recordSuccess(_ host: Int) {
        state.withLock { $0.hosts[host].failures = 0 }
    }

    /// A task could not reach the host; after `maxFailures` in a row it leaves the pool.
    /// Returns true when it left.
    @discardableResult
    func recordFailure(_ host: Int, message: String) -> Bool {
        let (removed, settled) = state.withLock { s in
            s.hosts[host].failures += 1
            s.hosts[host].lastError = message
            guard !s.hosts[host].removed, s.hosts[host].failures >= maxFailures else { return (false, [(CheckedContinuation<Grant, Never>, Grant)]()) }
            s.hosts[host].removed = true
            return (true, Self.settle(&s))
        }
        for (continuation, grant) in settled { continuation.resume(returning: grant) }
        return removed
    }

    /// The hosts still in the pool.
    func liveHosts() -> [Int] {
        state.withLock { s in s.hosts.indices.filter { !s.hosts[$0].removed } }
    }

    /// Grants what can be granted to the waiters, first come first served.
    private static func settle(_ s: inout State) -> [(CheckedContinuation<Grant, Never>, Grant)] {
        var settled: [(CheckedContinuation<Grant, Never>, Grant)] = []
        var index = 0
        while index < s.waiters.count {
            if let grant = grant(avoiding: s.waiters[index].avoiding, in: &s.hosts) {
                settled.append((s.waiters.remove(at: index).continuation, grant))
            } else {
                index += 1
            }
        }
        return settled
    }

    /// Takes a slot on the least busy eligible host; nil when they are all full.
    private static func grant(avoiding: Set<Int>, in hosts: inout [Host]) -> Grant? {
        let live = hosts.indices.filter { !hosts[$0].removed }
        if live.isEmpty { return .unreachable(unreachableMessage(hosts)) }
        let preferred = live.filter { !avoiding.contains($0) }
        let candidates = preferred.isEmpty ? live : preferred
        guard let host = candidates.filter({ hosts[$0].running < hosts[$0].busy.count }).min(by: { hosts[$0].running < hosts[$1].running }),
              let number = hosts[host].busy.firstIndex(of: false)
        else { return nil }
        hosts[host].busy[number] = true
        return .slot(Slot(host: host, number: number))
    }

    /// Each host with its last ssh error: `node1 (Connection refused), node2`.
    func lastErrors() -> String {
        state.withLock { Self.describe($0.hosts) }
    }

    private static func unreachableMessage(_ hosts: [Host]) -> String {
        if hosts.isEmpty { return "the ssh pool has no hosts" }
        return "no ssh host is reachable: " + describe(hosts)
    }

    private static func describe(_ hosts: [Host]) -> String {
        hosts.map { $0.lastError.isEmpty ? $0.name : "\($0.name) (\($0.lastError))" }.joined(separator: ", ")
    }
}
