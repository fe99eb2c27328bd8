import Testing
@testable import Scout
import ScoutTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The Slurm runner against a real single-node cluster (``SlurmCluster``), one for the
/// whole suite. Skipped, saying what to install, when Slurm is missing.
@Suite(.serialized, .slurmCluster, .enabled(if: SlurmCluster.shouldRun, Comment(rawValue: SlurmCluster.installNote)))
struct SlurmRunnerTests {
    /// Runs the runners' `srun`s, apart from `ProcessSupervisor.shared`.
    static let supervisor = ProcessSupervisor()

    /// The suite's cluster; fails the test when there is none (Slurm is missing).
    func cluster() throws -> SlurmCluster {
        try #require(SlurmCluster.current, Comment(rawValue: SlurmCluster.installNote))
    }

    func runner(_ settings: SlurmSettings = SlurmSettings(partition: "debug", cpus: 1, memory: "100M", time: .seconds(300))) throws -> SlurmRunner {
        SlurmRunner(settings: settings, supervisor: Self.supervisor, environment: try cluster().environment)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func aStepKeepsItsOutputItsStderrApartAndItsExitStatus() async throws {
        let runner = try runner()
        let recorder = OutputRecorder()
        let outcome = try await runner.run(
            ProcessSpec(program: .shell("echo out; echo err >&2; exit 3")), label: "exit three", onOutput: recorder.handler)
        #expect(outcome.status == .exited(3))
        #expect(Self.text(outcome.stdout) == "out\n")
        #expect(Self.text(outcome.stderr) == "err\n")
        #expect(Self.text(recorder.bytes(.stdout)) == "out\n")
        #expect(Self.text(recorder.bytes(.stderr)) == "err\n")

        let killed = try await runner.run(ProcessSpec(program: .shell("kill -9 $$")), label: "killed", onOutput: nil)
        #expect(killed.status == .exited(137))
        // srun's summary ("task 0: Killed") is gone; srun may add an I/O notice of its own
        // when the task is killed ("srun: error: IO: ..."), which is kept.
        #expect(!Self.text(killed.stderr).contains("task 0:"), "\(Self.text(killed.stderr))")

        let one = try await runner.run(ProcessSpec(program: .argv(["false"])), label: "false", onOutput: nil)
        #expect(one.status == .exited(1))
        let fine = try await runner.run(ProcessSpec(program: .argv(["true"])), label: "true", onOutput: nil)
        #expect(fine.succeeded)
    }

    @Test func aStepGetsTheTasksVariablesDirectoryAndInput() async throws {
        let runner = try runner()
        let directory = ProcessTestSupport.makeTemporaryDirectory()
        defer { rmdir(directory) }
        let spec = ProcessSpec(
            program: .shell(#"printf '%s|' "$GREETING"; pwd; cat"#), workingDirectory: directory,
            environmentOverrides: ["GREETING": "hello there"], input: .bytes(Array("line one\nline two\n".utf8)))
        let outcome = try await runner.run(spec, label: "env cwd stdin", onOutput: nil)
        #expect(outcome.status == .exited(0))
        #expect(Self.text(outcome.stdout) == "hello there|\(directory)\nline one\nline two\n")

        // No input: the step reads end-of-file at once. An argv has no shell to expand `$HOME`.
        let empty = try await runner.run(ProcessSpec(program: .argv(["cat"])), label: "no input", onOutput: nil)
        #expect(empty.succeeded && empty.stdout.isEmpty)
        let literal = try await runner.run(ProcessSpec(program: .argv(["printf", "%s", "$HOME"])), label: "argv", onOutput: nil)
        #expect(Self.text(literal.stdout) == "$HOME")

        // A directory that does not exist fails as it does for a local process.
        await #expect(throws: RunnerError.process(.workingDirectoryNotFound(directory + "/missing"))) {
            _ = try await runner.run(ProcessSpec(program: .argv(["true"]), workingDirectory: directory + "/missing"), label: "missing", onOutput: nil)
        }
    }

    @Test func aTimeoutEndsTheStepOnTheCluster() async throws {
        let cluster = try cluster()
        let runner = try runner()
        let marker = "scout-slurm-timeout-\(getpid())"
        let started = ContinuousClock.now
        let outcome = try await runner.run(
            ProcessSpec(program: .shell("sleep 300; echo \(marker)"), timeout: .seconds(2)), label: "timeout", onOutput: nil)
        #expect(outcome.timedOut)
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(await cluster.noJobs(named: runner.jobNamePrefix))
        #expect(await LiveProcesses.noneLeft(matching: marker, within: .seconds(30)))
    }

    @Test func cancellingTheTaskEndsTheStepOnTheCluster() async throws {
        let cluster = try cluster()
        let runner = try runner()
        let marker = "scout-slurm-cancel-\(getpid())"
        let task = Task { try await runner.run(ProcessSpec(program: .shell("sleep 300; echo \(marker)")), label: "cancel me", onOutput: nil) }
        #expect(await LiveProcesses.running(matching: marker, within: .seconds(60)))
        #expect(try await cluster.jobs(named: runner.jobNamePrefix).count == 1)
        task.cancel()
        let outcome = try await task.value
        #expect(outcome.cancelled)
        #expect(await cluster.noJobs(named: runner.jobNamePrefix))
        #expect(await LiveProcesses.noneLeft(matching: marker, within: .seconds(30)))
    }

    @Test func aJobAskingForMoreThanTheNodeHasIsRefusedWithSlurmsReason() async throws {
        let runner = try runner(SlurmSettings(partition: "debug", cpus: 4096))
        do {
            _ = try await runner.run(ProcessSpec(program: .argv(["true"])), label: "too big", onOutput: nil)
            Issue.record("the job ran")
        } catch {
            guard case .engine(let message) = error else { throw error }
            #expect(message.hasPrefix("slurm refused the job: Unable to allocate resources"), "\(message)")
        }
        let unknown = try self.runner(SlurmSettings(partition: "no-such-partition"))
        await #expect(throws: RunnerError.self) {
            _ = try await unknown.run(ProcessSpec(program: .argv(["true"])), label: "unknown partition", onOutput: nil)
        }
    }

    @Test func fiftyShortTasksEightAtATime() async throws {
        let cluster = try cluster()
        let runner = try runner()
        let started = ContinuousClock.now
        let outputs = try await withThrowingTaskGroup(of: (Int, ProcessOutcome).self) { group in
            var results: [Int: ProcessOutcome] = [:]
            for index in 0..<50 {
                if index >= 8, let (done, outcome) = try await group.next() { results[done] = outcome }
                group.addTask {
                    let spec = ProcessSpec(program: .shell(#"echo "task $N""#), environmentOverrides: ["N": "\(index)"])
                    return (index, try await runner.run(spec, label: "short \(index)", onOutput: nil))
                }
            }
            for try await (done, outcome) in group { results[done] = outcome }
            return results
        }
        let elapsed = ContinuousClock.now - started
        print("SlurmRunnerTests: 50 tasks, 8 at a time, took \(elapsed)")
        #expect(outputs.count == 50)
        for (index, outcome) in outputs {
            #expect(outcome.succeeded && Self.text(outcome.stdout) == "task \(index)\n", "\(index): \(outcome.status) \(Self.text(outcome.stderr))")
        }
        #expect(await cluster.noJobs(named: runner.jobNamePrefix))
    }

    @Test func shutdownCancelsEveryJobOfTheRunner() async throws {
        let cluster = try cluster()
        // Held in the queue for an hour, and one running: shutdown ends them all.
        let runner = try runner(SlurmSettings(partition: "debug", flags: ["--begin=now+3600"]))
        let running = try self.runner()
        let queued = (0..<3).map { index in
            Task { try await runner.run(ProcessSpec(program: .argv(["true"])), label: "queued \(index)", onOutput: nil) }
        }
        try await SlurmCluster.waitFor("three queued jobs", within: .seconds(60)) {
            (try? await cluster.jobs(named: runner.jobNamePrefix).count) == 3
        }
        let marker = "scout-slurm-shutdown-\(getpid())"
        let long = Task { try await running.run(ProcessSpec(program: .shell("sleep 300; echo \(marker)")), label: "long", onOutput: nil) }
        #expect(await LiveProcesses.running(matching: marker, within: .seconds(60)))

        await runner.shutdown()
        await running.shutdown()
        #expect(await cluster.noJobs(named: runner.jobNamePrefix))
        #expect(await cluster.noJobs(named: running.jobNamePrefix))
        for task in queued {
            let outcome = try await task.value
            #expect(outcome.cancelled && !outcome.succeeded)
        }
        let ended = try await long.value
        #expect(ended.cancelled, "\(ended.status): \(Self.text(ended.stderr))")
        #expect(await LiveProcesses.noneLeft(matching: marker, within: .seconds(30)))
        await runner.shutdown()
        await running.shutdown()
    }
}
