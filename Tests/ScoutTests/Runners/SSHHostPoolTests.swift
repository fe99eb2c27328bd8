import Testing
@testable import Scout

/// The SSH pool's slots and host failures, without any ssh.
@Suite struct SSHHostPoolTests {
    static func slot(_ grant: SSHHostPool.Grant) throws -> SSHHostPool.Slot {
        guard case .slot(let slot) = grant else { throw PoolTestError(grant: grant) }
        return slot
    }

    struct PoolTestError: Error {
        var grant: SSHHostPool.Grant
    }

    @Test func slotsGoToTheLeastBusyHostUpToTheLimit() async throws {
        let pool = SSHHostPool(hosts: ["a", "b"], perHost: 2, maxFailures: 3)
        var hosts: [Int] = []
        for _ in 0..<4 { hosts.append(try Self.slot(await pool.acquire()).host) }
        #expect(hosts == [0, 1, 0, 1])
        #expect(pool.running() == [2, 2])
    }

    @Test func aFullPoolMakesTasksWaitInTurn() async throws {
        let pool = SSHHostPool(hosts: ["a"], perHost: 1, maxFailures: 3)
        let first = try Self.slot(await pool.acquire())
        let second = Task { await pool.acquire() }
        while pool.waiting() < 1 { await Task.yield() }
        let third = Task { await pool.acquire() }
        while pool.waiting() < 2 { await Task.yield() }
        pool.release(first)
        let secondSlot = try Self.slot(await second.value)
        #expect(secondSlot == first)
        #expect(pool.waiting() == 1)
        pool.release(secondSlot)
        #expect(try Self.slot(await third.value) == first)
    }

    @Test func aRetryAvoidsTheHostThatFailedWhileAnotherIsThere() async throws {
        let pool = SSHHostPool(hosts: ["a", "b"], perHost: 1, maxFailures: 3)
        let busy = try Self.slot(await pool.acquire(avoiding: [0]))
        #expect(busy.host == 1)
        // b is full and a is to be avoided: wait for b rather than go back to a.
        let retry = Task { await pool.acquire(avoiding: [0]) }
        while pool.waiting() < 1 { await Task.yield() }
        #expect(pool.running() == [0, 1])
        pool.release(busy)
        #expect(try Self.slot(await retry.value).host == 1)
        // Once a has left the others, a task avoiding every host still gets one.
        let only = SSHHostPool(hosts: ["a"], perHost: 1, maxFailures: 3)
        #expect(try Self.slot(await only.acquire(avoiding: [0])).host == 0)
    }

    @Test func failuresInARowTakeAHostOutAndASuccessForgivesThem() async throws {
        let pool = SSHHostPool(hosts: ["a", "b"], perHost: 1, maxFailures: 2)
        #expect(!pool.recordFailure(0, message: "refused"))
        pool.recordSuccess(0)
        #expect(!pool.recordFailure(0, message: "refused"))
        #expect(pool.recordFailure(0, message: "refused again"))
        #expect(pool.liveHosts() == [1])
        let held = try Self.slot(await pool.acquire())
        #expect(held.host == 1)
        let waiter = Task { await pool.acquire() }
        while pool.waiting() < 1 { await Task.yield() }
        pool.recordFailure(1, message: "timed out")
        pool.recordFailure(1, message: "no route")
        #expect(await waiter.value == .unreachable("no ssh host is reachable: a (refused again), b (no route)"))
    }

    @Test func aWaitingTaskThatIsCancelledLeavesTheQueue() async throws {
        let pool = SSHHostPool(hosts: ["a"], perHost: 1, maxFailures: 3)
        let held = try Self.slot(await pool.acquire())
        let waiter = Task { await pool.acquire() }
        while pool.waiting() < 1 { await Task.yield() }
        waiter.cancel()
        #expect(await waiter.value == .cancelled)
        #expect(pool.waiting() == 0)
        pool.release(held)
        #expect(pool.running() == [0])
        #expect(await SSHHostPool(hosts: [], perHost: 1, maxFailures: 1).acquire() == .unreachable("the ssh pool has no hosts"))
    }
}
