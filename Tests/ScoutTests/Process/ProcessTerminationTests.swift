import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Stopping children: timeouts, TERM then KILL, task cancellation, leftover background
/// processes, `terminateAll` and `signalAll`. Every test checks that nothing is left.
@Suite struct ProcessTerminationTests {
    typealias Support = ProcessTestSupport
    let clock = ContinuousClock()

    @Test func timeoutTerminatesTheChildAndLeavesNothing() async throws {
        // The outcome shows the timeout ended it (no bound on the wall clock: on a busy machine
        // even this takes seconds).
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(
            program: .argv(["sleep", "30"]), timeout: .milliseconds(200)))
        #expect(outcome.timedOut)
        #expect(!outcome.cancelled)
        #expect(!outcome.succeeded)
        #expect(outcome.status == .signaled(SIGTERM))
        #expect(outcome.duration >= .milliseconds(200))
        #expect(Support.processIsGone(outcome.pid))
        #expect(kill(-outcome.pid, 0) == -1)
        #expect(await Support.groupIsGone(outcome.pid))
    }

    @Test func aChildIgnoringTermIsKilledAfterTheGrace() async throws {
        let start = clock.now
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(
            program: .shell("trap '' TERM; echo ready; sleep 30; echo survived"),
            timeout: .milliseconds(200), killGrace: .milliseconds(300)))
        #expect(clock.now - start >= .milliseconds(500))
        #expect(outcome.timedOut)
        #expect(outcome.status == .signaled(SIGKILL))
        #expect(Support.text(outcome.stdout) == "ready\n")
        #expect(Support.processIsGone(outcome.pid))
        #expect(await Support.groupIsGone(outcome.pid))
    }

    @Test func cancellingTheAwaitingTaskKillsTheGroup() async throws {
        let recorder = OutputRecorder()
        let task = Task {
            try await ProcessSupervisor.shared.run(
                ProcessSpec(program: .shell("sleep 30 & echo started; sleep 30")), onOutput: recorder.handler)
        }
        await recorder.waitForFirstChunk()
        task.cancel()
        let outcome = try await task.value
        #expect(outcome.cancelled)
        #expect(!outcome.timedOut)
        #expect(!outcome.succeeded)
        #expect(outcome.status == .signaled(SIGTERM))
        #expect(Support.text(outcome.stdout) == "started\n")
        #expect(Support.processIsGone(outcome.pid))
        #expect(await Support.groupIsGone(outcome.pid))
    }

    @Test func aTaskCancelledBeforeTheRunStillReturnsAnOutcome() async throws {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["sleep", "30"])))
        }
        let outcome = try await task.value
        #expect(outcome.cancelled)
        #expect(Support.processIsGone(outcome.pid))
    }

    @Test func aBackgroundGrandchildDoesNotHangTheRunAndIsKilled() async throws {
        let start = clock.now
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(program: .shell("sleep 100 & echo started")))
        // Waiting for the grandchild would take 100 s; a busy machine takes a few.
        #expect(clock.now - start < .seconds(60))
        #expect(outcome.status == .exited(0))
        #expect(outcome.succeeded)
        #expect(Support.text(outcome.stdout) == "started\n")
        #expect(await Support.groupIsGone(outcome.pid))
    }

    @Test func aDetachedGrandchildWithoutOurPipesIsKilledToo() async throws {
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(
            program: .shell("sleep 100 >/dev/null 2>&1 & echo $!")))
        #expect(outcome.succeeded)
        let grandchild = try #require(Int32(Support.text(outcome.stdout).dropLast()))
        #expect(await Support.groupIsGone(outcome.pid))
        #expect(Support.liveMembers(ofGroup: outcome.pid).contains(grandchild) == false)
    }

    @Test func outputWrittenAfterTheLeaderExitsIsDrainedToEndOfFile() async throws {
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(
            program: .shell("(sleep 0.1; echo late) & echo early"), outputDrainGrace: .seconds(20)))
        #expect(Support.text(outcome.stdout) == "early\nlate\n")
        #expect(await Support.groupIsGone(outcome.pid))
    }

    @Test func terminateAllKillsEveryRunningChild() async throws {
        let supervisor = ProcessSupervisor()
        let recorder = OutputRecorder()
        let commands = ["echo a; exec sleep 30", "echo b; sleep 30", "trap '' TERM; echo c; sleep 30"]
        let outcomes = try await withThrowingTaskGroup(of: ProcessOutcome.self) { group in
            for command in commands {
                group.addTask {
                    try await supervisor.run(ProcessSpec(program: .shell(command)), onOutput: recorder.handler)
                }
            }
            var arrived = 0
            for await _ in recorder.arrivalStream {
                arrived += 1
                if arrived == commands.count { break }
            }
            #expect(supervisor.runningCount == 3)
            #expect(supervisor.runningProcessGroups().count == 3)
            await supervisor.terminateAll(grace: .milliseconds(300))
            #expect(supervisor.runningCount == 0)
            #expect(supervisor.runningProcessGroups().isEmpty)
            var outcomes: [ProcessOutcome] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.count == 3)
        for outcome in outcomes {
            #expect(outcome.cancelled)
            #expect(Support.processIsGone(outcome.pid))
            #expect(await Support.groupIsGone(outcome.pid))
        }
        #expect(outcomes.filter { $0.status == .signaled(SIGKILL) }.count == 1)
        #expect(outcomes.filter { $0.status == .signaled(SIGTERM) }.count == 2)
    }

    @Test func terminateAllWithNothingRunningReturnsAtOnce() async {
        let supervisor = ProcessSupervisor()
        await supervisor.terminateAll(grace: .seconds(10))
        #expect(supervisor.runningCount == 0)
    }

    @Test func signalAllReachesEveryGroup() async throws {
        let supervisor = ProcessSupervisor()
        let recorder = OutputRecorder()
        let outcomes = try await withThrowingTaskGroup(of: ProcessOutcome.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await supervisor.run(ProcessSpec(program: .shell("echo up; sleep 30")), onOutput: recorder.handler)
                }
            }
            var arrived = 0
            for await _ in recorder.arrivalStream {
                arrived += 1
                if arrived == 2 { break }
            }
            supervisor.signalAll(SIGINT)
            var outcomes: [ProcessOutcome] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        for outcome in outcomes {
            #expect(outcome.status == .signaled(SIGINT))
            #expect(!outcome.cancelled && !outcome.timedOut)
            #expect(await Support.groupIsGone(outcome.pid))
        }
        #expect(supervisor.runningCount == 0)
    }
}
