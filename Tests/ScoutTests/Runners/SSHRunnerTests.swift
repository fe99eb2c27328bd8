import ScoutTestSupport
import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// One task at a time through ``SSHRunner`` against real sshd servers on this machine: what
/// goes with the command, what comes back, and how a timeout or a cancellation ends it there.
@Suite(.serialized, .enabled(if: SSHFixture.enabled, Comment(rawValue: SSHFixture.installNote)))
struct SSHRunnerTests {
    @Test func statusStdoutAndStderrComeBackApartWithoutMarkers() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1"]) { runner in
                let recorder = OutputRecorder()
                let spec = ProcessSpec(program: .shell("echo out; echo err >&2; echo more; printf unfinished >&2; exit 3 # \(fixture.token)"))
                let outcome = try await runner.run(spec, label: "t", onOutput: recorder.handler)
                #expect(outcome.status == .exited(3))
                #expect(!outcome.timedOut && !outcome.cancelled)
                #expect(ProcessTestSupport.text(outcome.stdout) == "out\nmore\n")
                #expect(ProcessTestSupport.text(outcome.stderr) == "err\nunfinished")
                #expect(ProcessTestSupport.text(recorder.bytes(.stdout)) == "out\nmore\n")
                #expect(ProcessTestSupport.text(recorder.bytes(.stderr)) == "err\nunfinished")
            }
        }
    }

    @Test func aRemoteStatus255OrSignalIsTheCommandsNotAHostFailure() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1"], maxHostFailures: 1) { runner in
                let exited = try await runner.run(ProcessSpec(program: .shell("echo bye; exit 255 # \(fixture.token)")), label: "t", onOutput: nil)
                #expect(exited.status == .exited(255))
                #expect(ProcessTestSupport.text(exited.stdout) == "bye\n")
                let killed = try await runner.run(ProcessSpec(program: .shell("kill -KILL $$; : \(fixture.token)")), label: "t", onOutput: nil)
                #expect(killed.status == .exited(128 + SIGKILL))
                // Neither counted against the host: with maxHostFailures 1 it would be gone.
                let after = try await runner.run(ProcessSpec(program: .shell("true # \(fixture.token)")), label: "t", onOutput: nil)
                #expect(after.status == .exited(0))
            }
        }
    }

    @Test func environmentDirectoryAndInputGoWithTheCommand() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node2"]) { runner in
                let directory = fixture.directory + "/work dir"
                mkdir(directory, 0o755)
                defer { rmdir(directory) }
                let spec = ProcessSpec(
                    program: .shell("pwd; echo \"$GREETING\"; cat # \(fixture.token)"),
                    workingDirectory: directory, environmentOverrides: ["GREETING": "it's a \"test\" $HOME"],
                    input: .bytes(Array("from stdin\n".utf8)))
                let outcome = try await runner.run(spec, label: "t", onOutput: nil)
                #expect(outcome.status == .exited(0))
                #expect(ProcessTestSupport.text(outcome.stdout) == "\(directory)\nit's a \"test\" $HOME\nfrom stdin\n")

                let argv = try await runner.run(ProcessSpec(program: .argv(["printf", "[%s]", "a b", "it's", "$x", fixture.token])), label: "t", onOutput: nil)
                #expect(ProcessTestSupport.text(argv.stdout) == "[a b][it's][$x][\(fixture.token)]")

                let noInput = try await runner.run(ProcessSpec(program: .shell("cat; echo done # \(fixture.token)")), label: "t", onOutput: nil)
                #expect(ProcessTestSupport.text(noInput.stdout) == "done\n")
            }
        }
    }

    @Test func aMissingDirectoryIsAClearFailure() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1"]) { runner in
                let missing = fixture.directory + "/missing"
                await #expect(throws: RunnerError.process(.workingDirectoryNotFound("node1:" + missing))) {
                    try await runner.run(ProcessSpec(program: .shell("true # \(fixture.token)"), workingDirectory: missing), label: "t", onOutput: nil)
                }
            }
        }
    }

    @Test func aTimeoutEndsTheRemoteProcessGroup() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1"]) { runner in
                // $PPID is the wrapper, the remote group's leader.
                let spec = ProcessSpec(
                    program: .shell("echo $PPID; sleep 301 & sleep 300; : \(fixture.token)"), timeout: .seconds(2), killGrace: .seconds(2))
                let outcome = try await runner.run(spec, label: "slow", onOutput: nil)
                #expect(outcome.timedOut)
                #expect(!outcome.cancelled)
                #expect(outcome.status == .signaled(SIGTERM))
                let pgid = try #require(Int32(ProcessTestSupport.text(outcome.stdout).trimmingSpaces()))
                #expect(await ProcessTestSupport.groupIsGone(pgid), "the remote group is gone")
                #expect(await LiveProcesses.noneLeft(matching: fixture.token))
            }
        }
    }

    @Test func aTermIgnoringCommandGetsKilledAfterTheGrace() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1"]) { runner in
                let spec = ProcessSpec(
                    program: .shell("trap '' TERM; echo $PPID; sleep 300; : \(fixture.token)"), timeout: .seconds(1), killGrace: .seconds(1))
                let outcome = try await runner.run(spec, label: "stubborn", onOutput: nil)
                #expect(outcome.timedOut)
                #expect(outcome.status == .signaled(SIGKILL))
                let pgid = try #require(Int32(ProcessTestSupport.text(outcome.stdout).trimmingSpaces()))
                #expect(await ProcessTestSupport.groupIsGone(pgid))
                #expect(await LiveProcesses.noneLeft(matching: fixture.token))
            }
        }
    }

    @Test func cancellingTheAwaitingTaskEndsTheRemoteProcessGroup() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node2"]) { runner in
                let recorder = OutputRecorder()
                let spec = ProcessSpec(program: .shell("echo $PPID; sleep 300; : \(fixture.token)"), killGrace: .seconds(2))
                let handler = recorder.handler
                let task = Task { try await runner.run(spec, label: "long", onOutput: handler) }
                await recorder.waitForFirstChunk()
                #expect(await LiveProcesses.running(matching: "sleep 300; : \(fixture.token)"))
                task.cancel()
                let outcome = try await task.value
                #expect(outcome.cancelled)
                #expect(!outcome.timedOut)
                #expect(outcome.status == .signaled(SIGTERM))
                let pgid = try #require(Int32(ProcessTestSupport.text(outcome.stdout).trimmingSpaces()))
                #expect(await ProcessTestSupport.groupIsGone(pgid))
                #expect(await LiveProcesses.noneLeft(matching: fixture.token))
            }
        }
    }

    @Test func cancellingAtAnyMomentLeavesNothingRunning() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1", "node2"]) { runner in
                for delay in [0, 1, 5, 20, 50, 100, 200, 400] {
                    let spec = ProcessSpec(program: .shell("sleep 300; : \(fixture.token) \(delay)"), killGrace: .seconds(2))
                    let task = Task { try await runner.run(spec, label: "t", onOutput: nil) }
                    try await Task.sleep(for: .milliseconds(delay))
                    task.cancel()
                    let outcome = try await task.value
                    #expect(outcome.cancelled, "cancelled after \(delay) ms")
                    #expect(await LiveProcesses.noneLeft(matching: fixture.token), "nothing left after \(delay) ms")
                }
            }
        }
    }

    @Test func aTaskWaitingForASlotCanBeCancelledAndNeverRuns() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1"], perHost: 1) { runner in
                let recorder = OutputRecorder()
                let handler = recorder.handler
                let long = Task {
                    try await runner.run(ProcessSpec(program: .shell("echo running; sleep 300; : \(fixture.token)")), label: "long", onOutput: handler)
                }
                await recorder.waitForFirstChunk()
                let flag = fixture.directory + "/ran"
                let waiting = Task {
                    try await runner.run(ProcessSpec(program: .shell("touch \(flag); : \(fixture.token)")), label: "waiting", onOutput: nil)
                }
                while runner.pool.waiting() == 0 { try await Task.sleep(for: .milliseconds(5)) }
                waiting.cancel()
                let outcome = try await waiting.value
                #expect(outcome.cancelled)
                #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty)
                long.cancel()
                #expect(try await long.value.cancelled)
                #expect(access(flag, F_OK) != 0, "the cancelled task never ran")
                #expect(runner.pool.running() == [0])
            }
        }
    }

    @Test func leftoverBackgroundProcessesAreKilledAsLocally() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1"]) { runner in
                let spec = ProcessSpec(program: .shell("sleep 300 >/dev/null 2>&1 & echo $PPID; : \(fixture.token)"))
                let outcome = try await runner.run(spec, label: "t", onOutput: nil)
                #expect(outcome.status == .exited(0))
                let pgid = try #require(Int32(ProcessTestSupport.text(outcome.stdout).trimmingSpaces()))
                #expect(await ProcessTestSupport.groupIsGone(pgid), "the background sleep is gone")
                #expect(await LiveProcesses.noneLeft(matching: fixture.token))
            }
        }
    }
}

extension SSHFixture {
    /// Runs `body` with a runner over `hosts`, shut down however `body` ends; after the
    /// shutdown no master connection is left.
    func withRunner(_ hosts: [String], perHost: Int = 4, maxHostFailures: Int = 3, _ body: (SSHRunner) async throws -> Void) async throws {
        let runner = SSHRunner(settings: settings(hosts, perHost: perHost, maxHostFailures: maxHostFailures), supervisor: ProcessSupervisor())
        do {
            try await body(runner)
        } catch {
            await runner.shutdown()
            throw error
        }
        let masters = runner.masterPids()
        await runner.shutdown()
        for pid in masters { #expect(ProcessTestSupport.processIsGone(pid), "master \(pid) is gone after shutdown") }
        #expect(runner.masterPids().isEmpty)
    }
}
