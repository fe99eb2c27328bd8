import Testing
@testable import Scout

/// `ExecutorConfiguration.maxConcurrency` caps the tasks running commands at once in the whole
/// run, however parallel blocks nest; blocks waiting for their own tasks hold no slot.
@Suite struct GlobalConcurrencyTests {
    /// Counts the commands running at once and the most seen.
    final class Gauge: Sendable {
        let state = SanitizerVisibleMutex((now: 0, peak: 0, ran: 0))

        func work() async {
            state.withLock { s in
                s.now += 1
                s.peak = max(s.peak, s.now)
                s.ran += 1
            }
            try? await Task.sleep(for: .milliseconds(20))
            state.withLock { $0.now -= 1 }
        }

        var peak: Int { state.withLock { $0.peak } }
        var ran: Int { state.withLock { $0.ran } }
    }

    @Test func aHostsCapHoldsAcrossNestedBlocksAndUserCommands() async throws {
        let gauge = Gauge()
        var configuration = InterpreterConfiguration()
        configuration.executor.maxConcurrency = 2
        configuration.executor.output = DiscardedOutput()
        let interpreter = Interpreter(configuration: configuration)
        interpreter.register(CommandSpec("work", summary: "counts itself") { _ in
            await gauge.work()
            return .success()
        })
        let script = """
            command twice() { parallel { work
            work } }
            parallel {
              task a { parallel { work
              work } }
              parallel for i in range(5) { twice }
              work
            }
            """
        let result = try await interpreter.run(SourceFile(name: "t.scout", text: script))
        #expect(!result.failed)
        #expect(gauge.ran == 13)
        #expect(gauge.peak <= 2)
    }

    @Test func theGuidesParallelRunKeepsTheCap() async throws {
        let gauge = Gauge()
        let executor = PipelineExecutor(context: BatchContext(), taskRunner: { _, _ in
            await gauge.work()
            return .success()
        }, configuration: ExecutorConfiguration(maxConcurrency: 3, output: DiscardedOutput()))
        let results = await executor.run(Array(repeating: BatchTask(command: "work"), count: 12), mode: .parallel)
        #expect(results.allSatisfy { $0.ok })
        #expect(gauge.ran == 12)
        #expect(gauge.peak <= 3)
        #expect(executor.limiter.inUse == 0)
    }
}
