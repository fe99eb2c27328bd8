import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Many children at once, and the streaming output handler.
@Suite struct ProcessConcurrencyTests {
    typealias Support = ProcessTestSupport

    @Test func twoHundredConcurrentRunsAllSucceed() async throws {
        let supervisor = ProcessSupervisor.shared
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask { try await supervisor.run(ProcessSpec(program: .argv(["true"]))).succeeded }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 })
    }

    @Test func childrenThatExitAtOnceStillHaveTheirOutputCaptured() async throws {
        let supervisor = ProcessSupervisor.shared
        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let outcome = try await supervisor.run(ProcessSpec(program: .argv(["echo", "child \(index)"])))
                    return (index, Support.text(outcome.stdout))
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(outputs.count == 100)
        for (index, output) in outputs {
            #expect(output == "child \(index)\n")
        }
    }

    @Test func theOutputHandlerSeesEveryByteInOrder() async throws {
        let recorder = OutputRecorder()
        let outcome = try await ProcessSupervisor.shared.run(
            ProcessSpec(program: .shell("seq 1 60000; seq 1 30000 >&2"), captureLimit: 100),
            onOutput: recorder.handler)
        let expectedOut = Support.seqOutput(60000)
        #expect(recorder.bytes(.stdout) == expectedOut)
        #expect(recorder.bytes(.stderr) == Support.seqOutput(30000))
        #expect(recorder.chunkCount > 2)
        // The capture is bounded independently of the handler.
        #expect(outcome.stdout == Array(expectedOut.suffix(100)))
        #expect(outcome.stdoutDroppedBytes == expectedOut.count - 100)
    }

    @Test func aLargeOutputDoesNotStallOtherChildren() async throws {
        let supervisor = ProcessSupervisor.shared
        async let big = supervisor.run(ProcessSpec(program: .shell("head -c 20000000 /dev/zero"), captureLimit: 16))
        async let small = supervisor.run(ProcessSpec(program: .argv(["echo", "small"])))
        let (bigOutcome, smallOutcome) = try await (big, small)
        #expect(bigOutcome.stdoutDroppedBytes == 20_000_000 - 16)
        #expect(Support.text(smallOutcome.stdout) == "small\n")
    }
}
