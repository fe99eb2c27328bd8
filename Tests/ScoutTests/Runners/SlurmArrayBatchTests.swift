import Testing
@testable import Scout
import ScoutTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// ``SlurmArrayBatch`` against the suite's cluster: in ``SlurmRunnerTests`` so that they
/// share its one cluster.
extension SlurmRunnerTests {
    func batch(_ settings: SlurmSettings = SlurmSettings(partition: "debug", cpus: 1, memory: "100M"), maxArraySize: Int = 1000) throws -> SlurmArrayBatch {
        SlurmArrayBatch(settings: settings, supervisor: Self.supervisor, environment: try cluster().environment, maxArraySize: maxArraySize)
    }

    @Test func anArrayJobGivesEachCommandItsOwnOutcome() async throws {
        let cluster = try cluster()
        let batch = try batch(maxArraySize: 8)
        let parent = ProcessTestSupport.makeTemporaryDirectory()
        defer { rmdir(parent) }
        var specs = (0..<20).map { index in
            ProcessSpec(program: .shell(#"echo "item $N"; echo "e$N" >&2; exit $((N % 4))"#), environmentOverrides: ["N": "\(index)"])
        }
        specs.append(ProcessSpec(program: .argv(["cat"]), input: .bytes(Array("fed in\n".utf8))))
        specs.append(ProcessSpec(program: .argv(["pwd"]), workingDirectory: parent))
        specs.append(ProcessSpec(program: .shell("sleep 60"), timeout: .seconds(1)))
        let started = ContinuousClock.now
        let outcomes = try await batch.run(specs, label: "array", directory: parent, parallelLimit: 8)
        print("SlurmRunnerTests: an array job of \(specs.count) commands took \(ContinuousClock.now - started)")
        try #require(outcomes.count == specs.count)
        for index in 0..<20 {
            #expect(outcomes[index].status == .exited(Int32(index % 4)))
            #expect(Self.text(outcomes[index].stdout) == "item \(index)\n")
            #expect(Self.text(outcomes[index].stderr) == "e\(index)\n")
        }
        #expect(Self.text(outcomes[20].stdout) == "fed in\n")
        #expect(Self.text(outcomes[21].stdout) == parent + "\n")
        #expect(outcomes[22].timedOut && outcomes[22].status == .exited(124))
        #expect(await cluster.noJobs(named: batch.jobNamePrefix))
        #expect(LocalFile.names(inDirectory: parent).isEmpty)
    }

    @Test func anArrayJobSlurmRefusesThrowsAndACancelledOneEndsOnTheCluster() async throws {
        let cluster = try cluster()
        let parent = ProcessTestSupport.makeTemporaryDirectory()
        defer { rmdir(parent) }
        let tooBig = try batch(SlurmSettings(partition: "debug", cpus: 4096))
        do {
            _ = try await tooBig.run([ProcessSpec(program: .argv(["true"]))], label: "too big", directory: parent)
            Issue.record("the array job ran")
        } catch {
            guard case .engine(let message) = error else { throw error }
            #expect(message.hasPrefix("slurm refused the job: "), "\(message)")
        }

        let batch = try batch()
        let marker = "scout-slurm-array-cancel-\(getpid())"
        let specs = (0..<3).map { _ in ProcessSpec(program: .shell("sleep 300; echo \(marker)")) }
        let task = Task { try await batch.run(specs, label: "cancel me", directory: parent) }
        #expect(await LiveProcesses.running(3, matching: marker, within: .seconds(60)))
        task.cancel()
        let outcomes = try await task.value
        #expect(outcomes.count == 3 && outcomes.allSatisfy(\.cancelled))
        #expect(await cluster.noJobs(named: batch.jobNamePrefix))
        #expect(await LiveProcesses.noneLeft(matching: marker, within: .seconds(30)))
        #expect(LocalFile.names(inDirectory: parent).isEmpty)
        await batch.shutdown()
    }
}
