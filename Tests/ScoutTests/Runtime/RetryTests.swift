import Testing
@testable import Scout

extension RuntimeTests {
    /// Retries: the delay formula with jitter, RETRY events, attempts, which results are retried.
    /// A `ManualClock` records the waits, so nothing really sleeps.
    @Suite struct RetryTests {
        typealias Support = RuntimeTestSupport

        static let delays: [(k: Int, jitter: Double, seconds: Double)] = [
            (0, 0, 1), (1, 0, 2), (2, 0, 4), (3, 0, 8), (4, 0, 16), (5, 0, 30), (6, 0, 30), (2000, 0, 30),
            (0, 1, 1.1), (0, -1, 0.9), (2, 0.5, 4.2), (2, -0.5, 3.8), (5, 1, 33), (5, -1, 27),
            (1, 3, 2.2), (1, -3, 1.8),
        ]

        @Test(arguments: delays)
        func delayIsMinOfMaxDelayAndBaseTimesTwoToTheKSpreadByJitter(k: Int, jitter: Double, seconds: Double) {
            let config = RetryConfig(maxRetries: 3, baseDelay: .seconds(1), maxDelay: .seconds(30), jitterFactor: 0.1)
            #expect(abs(config.delay(forRetry: k, jitter: jitter).seconds - seconds) < 1e-9)
        }

        @Test func theDefaultsAreTheGuides() {
            let config = RetryConfig()
            #expect(config == RetryConfig(maxRetries: 3, baseDelay: .seconds(1), maxDelay: .seconds(30), jitterFactor: 0.1))
            #expect(config.toValue() == ["max_retries": 3, "base_delay": 1.0, "max_delay": 30.0, "jitter_factor": 0.1])
            #expect(RetryConfig.none.maxRetries == 0)
        }

        @Test func outOfRangeSettingsAreClamped() {
            let config = RetryConfig(maxRetries: -2, baseDelay: .seconds(-1), maxDelay: .seconds(-5), jitterFactor: 7)
            #expect(config.maxRetries == 0)
            #expect(config.baseDelay == .zero)
            #expect(config.maxDelay == .zero)
            #expect(config.jitterFactor == 1)
            #expect(config.delay(forRetry: 3, jitter: 1) == .zero)
            #expect(RetryConfig(baseDelay: .seconds(2), maxDelay: .seconds(1), jitterFactor: 0).delay(forRetry: 0, jitter: 0) == .seconds(1))
        }

        @Test func onlyFailuresAreRetryable() {
            #expect(RetryConfig.isRetryable(.failure("exit 1")))
            var timedOut = TaskResult.failure("timed out")
            timedOut.timedOut = true
            #expect(RetryConfig.isRetryable(timedOut))
            #expect(!RetryConfig.isRetryable(.error("unknown command 'x'")))
            #expect(!RetryConfig.isRetryable(.success()))
            #expect(!RetryConfig.isRetryable(.skipped()))
        }

        // MARK: - Through the executor

        static func jitters(_ values: [Double]) -> @Sendable () -> Double {
            let next = SanitizerVisibleMutex(0)
            return {
                let i = next.withLock { n in
                    defer { n += 1 }
                    return n
                }
                return values[i % values.count]
            }
        }

        @Test func aTaskThatKeepsFailingIsTriedMaxRetriesPlusOneTimes() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { task in .failure("exit status 1 (attempt \(task.attempt))") }
            let retry = RetryConfig(maxRetries: 3, baseDelay: .seconds(1), maxDelay: .seconds(30), jitterFactor: 0.1)
            let (executor, reporter) = Support.executor(runner, clock: clock, retry: retry) { $0.jitter = Self.jitters([0.5, -1, 1]) }
            let results = await executor.run([BatchTask(command: "flaky")])
            let result = results[0]
            #expect(result.status == .failure)
            #expect(result.attempts == 4)
            #expect(result.error == "exit status 1 (attempt 4)")
            #expect(runner.calls.map(\.attempt) == [1, 2, 3, 4])
            #expect(clock.sleeps.count == 3)
            for (slept, expected) in zip(clock.sleeps, [1.05, 1.8, 4.4]) { #expect(abs(slept - expected) < 1e-9) }
            #expect(result.durationMs == 7250)
            #expect(Support.trace(reporter) == [
                "batch:start running", "task:0:flaky running",
                "task:0:flaky retry", "task:0:flaky retry", "task:0:flaky retry",
                "task:0:flaky failure", "batch:complete complete",
            ])
            let retries = reporter.history.filter { $0.status == .retry }
            #expect(retries.map { $0.metadata["attempt"] } == [1, 2, 3])
            #expect(retries.map { $0.metadata["next_attempt"] } == [2, 3, 4])
            #expect(retries.map { $0.metadata["delay_ms"] } == [1050, 1800, 4400])
            #expect(retries.map { $0.metadata["error"] } == ["exit status 1 (attempt 1)", "exit status 1 (attempt 2)", "exit status 1 (attempt 3)"])
            #expect(retries.map(\.message) == [
                "flaky failed (attempt 1 of 4), retrying in 1.1s",
                "flaky failed (attempt 2 of 4), retrying in 1.8s",
                "flaky failed (attempt 3 of 4), retrying in 4.4s",
            ])
            let failure = try #require(reporter.history.first { $0.status == .failure })
            #expect(failure.metadata["attempts"] == 4)
        }

        @Test func aTaskThatSucceedsOnARetryIsASuccessWithItsAttempts() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { task in task.attempt < 3 ? .failure("not yet") : .success(output: "done") }
            let (executor, reporter) = Support.executor(runner, clock: clock, retry: RetryConfig(maxRetries: 5, baseDelay: .milliseconds(500), jitterFactor: 0))
            let context = executor.context
            var task = BatchTask(command: "fetch")
            task.storeAs = "fetch"
            let results = await executor.run([task])
            #expect(results[0].status == .success)
            #expect(results[0].attempts == 3)
            #expect(results[0].output == "done")
            #expect(clock.sleeps == [0.5, 1.0])
            #expect(context.getVar("fetch.attempts") == 3)
            #expect(Support.trace(reporter) == [
                "batch:start running", "task:0:fetch running", "task:0:fetch retry", "task:0:fetch retry",
                "task:0:fetch success", "batch:complete complete",
            ])
        }

        @Test func errorResultsAreNotRetried() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { _ in .error("unknown command 'deploi' (did you mean 'deploy'?)") }
            let (executor, reporter) = Support.executor(runner, clock: clock, retry: RetryConfig(maxRetries: 3))
            let results = await executor.run([BatchTask(command: "deploi")])
            #expect(results[0].status == .error)
            #expect(results[0].attempts == 1)
            #expect(runner.calls.count == 1)
            #expect(clock.sleeps.isEmpty)
            #expect(!reporter.history.contains { $0.status == .retry })
        }

        @Test func unknownCommandsAndBadArgumentsFromTheRegistryAreNotRetried() async throws {
            let clock = ManualClock()
            let reporter = ProgressReporter()
            let executor = PipelineExecutor(
                context: BatchContext(), taskRunner: CommandRegistry.standard.taskRunner(), reporter: reporter,
                retryConfig: RetryConfig(maxRetries: 3), clock: clock,
                configuration: ExecutorConfiguration(output: DiscardedOutput(), jitter: { 0 }))
            let results = await executor.run(try Support.tasks("""
                [{"command": "rnu", "args": {"cmd": "true"}},
                 {"command": "run", "args": {"cmd": "true", "timout": 5}},
                 {"command": "run", "args": {"cmd": 42}},
                 {"command": "sleep", "args": {}}]
                """))
            #expect(Support.statuses(results) == ["error", "error", "error", "error"])
            #expect(results.map(\.attempts) == [1, 1, 1, 1])
            #expect(results.map { $0.error ?? "" } == [
                "unknown command 'rnu' (did you mean 'run'?)",
                "run has no argument 'timout' (did you mean 'timeout'?)",
                "argument 'cmd' of run must be a command line (string) or an argv list, not an int",
                "sleep needs the argument 'duration'",
            ])
            #expect(clock.sleeps.isEmpty)
            #expect(!reporter.history.contains { $0.status == .retry })
        }

        @Test func aTasksOwnPolicyReplacesTheExecutors() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { _ in .failure("no") }
            let (executor, _) = Support.executor(runner, clock: clock, retry: RetryConfig(maxRetries: 5, jitterFactor: 0))
            let tasks = try Support.tasks("""
                [{"command": "once", "retry": 0}, {"command": "twice", "retry": {"max_retries": 1, "base_delay": "250ms"}}]
                """)
            let results = await executor.run(tasks)
            #expect(results.map(\.attempts) == [1, 2])
            #expect(clock.sleeps.count == 1)
            #expect(abs(clock.sleeps[0] - 0.25) <= 0.025 + 1e-9)
        }

        @Test func withoutAPolicyAFailureIsNotRetried() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { _ in .failure("no") }
            let (executor, _) = Support.executor(runner, clock: clock)
            let results = await executor.run([BatchTask(command: "x")])
            #expect(results[0].attempts == 1)
            #expect(clock.sleeps.isEmpty)
        }

        @Test func aTimedOutAttemptIsAFailureAndIsRetried() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { _ in
                // Waits until cancelled: only the task's timeout ends it.
                let (stream, continuation) = AsyncStream<Void>.makeStream()
                for await _ in stream {}
                withExtendedLifetime(continuation) {}
                return .failure("cancelled")
            }
            let (executor, reporter) = Support.executor(runner, clock: clock, retry: RetryConfig(maxRetries: 2, baseDelay: .seconds(1), jitterFactor: 0))
            var task = BatchTask(command: "hang")
            task.timeout = .seconds(5)
            let results = await executor.run([task])
            #expect(results[0].status == .failure)
            #expect(results[0].timedOut)
            #expect(results[0].error == "timed out after 5s")
            #expect(results[0].attempts == 3)
            #expect(clock.sleeps == [5, 1, 5, 2, 5])
            #expect(reporter.history.filter { $0.status == .retry }.count == 2)
            #expect(reporter.history.first { $0.status == .failure }?.metadata["timed_out"] == true)
        }
    }
}
