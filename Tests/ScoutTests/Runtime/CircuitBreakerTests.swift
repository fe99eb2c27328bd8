import Testing
@testable import Scout

extension RuntimeTests {
    /// `CircuitBreaker`: CLOSED → OPEN → HALF_OPEN → CLOSED or OPEN, driven by a `ManualClock`;
    /// the report; the executor's CIRCUIT_OPEN; one breaker per command.
    @Suite struct CircuitBreakerTests {
        typealias Support = RuntimeTestSupport

        static func breaker(failures: Int = 3, successes: Int = 2, timeout: Double = 30) -> (CircuitBreaker, ManualClock) {
            let clock = ManualClock()
            let config = CircuitBreakerConfig(failureThreshold: failures, successThreshold: successes, timeout: .seconds(timeout))
            return (CircuitBreaker(config: config, clock: clock), clock)
        }

        @Test func theDefaultsAreTheGuides() {
            let config = CircuitBreakerConfig()
            #expect(config.failureThreshold == 5)
            #expect(config.successThreshold == 2)
            #expect(config.timeout == .seconds(30))
            #expect(config.toValue() == ["failure_threshold": 5, "success_threshold": 2, "timeout_seconds": 30.0])
            let clamped = CircuitBreakerConfig(failureThreshold: 0, successThreshold: -1, timeout: .seconds(-3))
            #expect(clamped == CircuitBreakerConfig(failureThreshold: 1, successThreshold: 1, timeout: .seconds(0)))
        }

        @Test func closedCountsConsecutiveFailuresAndOpensAtTheThreshold() {
            let (breaker, _) = Self.breaker(failures: 3)
            #expect(breaker.currentState == .closed)
            breaker.recordFailure()
            breaker.recordFailure()
            #expect(breaker.currentState == .closed)
            #expect(breaker.allowRequest())
            breaker.recordSuccess()
            #expect(breaker.report().consecutiveFailures == 0)
            breaker.recordFailure()
            breaker.recordFailure()
            #expect(breaker.currentState == .closed)
            breaker.recordFailure()
            #expect(breaker.currentState == .open)
            #expect(!breaker.allowRequest())
            #expect(!breaker.allowRequest())
            let report = breaker.report()
            #expect(report.state == .open)
            #expect(report.consecutiveFailures == 3)
            #expect(report.totalFailures == 5)
            #expect(report.totalSuccesses == 1)
            #expect(report.rejected == 2)
            #expect(report.timesOpened == 1)
            #expect(report.untilHalfOpen == .seconds(30))
        }

        @Test func openTurnsHalfOpenAfterTheTimeout() {
            let (breaker, clock) = Self.breaker(failures: 1, timeout: 30)
            breaker.recordFailure()
            #expect(breaker.currentState == .open)
            clock.advance(by: 29.5)
            #expect(breaker.currentState == .open)
            #expect(breaker.report().untilHalfOpen == .milliseconds(500))
            #expect(!breaker.allowRequest())
            clock.advance(by: 0.5)
            #expect(breaker.currentState == .halfOpen)
            #expect(breaker.report().untilHalfOpen == nil)
            #expect(breaker.allowRequest())
        }

        @Test func halfOpenClosesAfterSuccessThresholdSuccesses() {
            let (breaker, clock) = Self.breaker(failures: 2, successes: 2, timeout: 10)
            breaker.recordFailure()
            breaker.recordFailure()
            clock.advance(by: 10)
            #expect(breaker.allowRequest())
            breaker.recordSuccess()
            #expect(breaker.currentState == .halfOpen)
            #expect(breaker.report().halfOpenSuccesses == 1)
            #expect(breaker.allowRequest())
            breaker.recordSuccess()
            #expect(breaker.currentState == .closed)
            let report = breaker.report()
            #expect(report.consecutiveFailures == 0)
            #expect(report.halfOpenSuccesses == 0)
            // Closed again: it takes failureThreshold new failures to open it.
            breaker.recordFailure()
            #expect(breaker.currentState == .closed)
            breaker.recordFailure()
            #expect(breaker.currentState == .open)
            #expect(breaker.report().timesOpened == 2)
        }

        @Test func aFailureWhileHalfOpenReopensItForAnotherTimeout() {
            let (breaker, clock) = Self.breaker(failures: 1, successes: 3, timeout: 10)
            breaker.recordFailure()
            clock.advance(by: 10)
            #expect(breaker.allowRequest())
            breaker.recordSuccess()
            breaker.recordFailure()
            #expect(breaker.currentState == .open)
            #expect(breaker.report().timesOpened == 2)
            #expect(breaker.report().untilHalfOpen == .seconds(10))
            clock.advance(by: 9)
            #expect(!breaker.allowRequest())
            clock.advance(by: 1)
            #expect(breaker.currentState == .halfOpen)
            #expect(breaker.report().halfOpenSuccesses == 0)
        }

        @Test func recordsAfterTheTimeoutCountAsHalfOpenEvenBeforeAnyoneAsks() {
            let (breaker, clock) = Self.breaker(failures: 1, successes: 2, timeout: 5)
            breaker.recordFailure()
            clock.advance(by: 6)
            breaker.recordSuccess()
            breaker.recordSuccess()
            #expect(breaker.currentState == .closed)

            let (other, otherClock) = Self.breaker(failures: 1, successes: 2, timeout: 5)
            other.recordFailure()
            otherClock.advance(by: 6)
            other.recordFailure()
            #expect(other.report().timesOpened == 2)
            #expect(other.currentState == .open)
        }

        @Test func resetClosesAndClearsTheCounts() {
            let (breaker, _) = Self.breaker(failures: 1)
            breaker.recordFailure()
            _ = breaker.allowRequest()
            breaker.reset()
            #expect(breaker.report() == CircuitBreakerReport(
                state: .closed, consecutiveFailures: 0, halfOpenSuccesses: 0, totalFailures: 0, totalSuccesses: 0,
                rejected: 0, timesOpened: 0, untilHalfOpen: nil))
        }

        @Test func theReportAsAMap() {
            let (breaker, _) = Self.breaker(failures: 1, timeout: 30)
            breaker.recordFailure()
            #expect(breaker.report().toValue() == [
                "state": "OPEN", "consecutive_failures": 1, "half_open_successes": 0, "total_failures": 1,
                "total_successes": 0, "rejected": 0, "times_opened": 1, "seconds_until_half_open": 30.0,
            ])
            #expect(CircuitState.allCases.map(\.rawValue) == ["CLOSED", "OPEN", "HALF_OPEN"])
        }

        // MARK: - In the executor

        @Test func anOpenBreakerEmitsCircuitOpenAndStopsThePipeline() async throws {
            let (breaker, clock) = Self.breaker(failures: 2, timeout: 30)
            let runner = FakeRunner { task in task.command == "flaky" ? .failure("503") : .success() }
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context, clock: clock, breaker: breaker)
            let results = await executor.run([
                BatchTask(command: "flaky"), BatchTask(command: "flaky"), BatchTask(command: "lint"), BatchTask(command: "test"),
            ])
            #expect(Support.statuses(results) == ["failure", "failure", "error", "skipped"])
            #expect(runner.calls.map(\.command) == ["flaky", "flaky"])
            #expect(results[2].error == "circuit breaker is open after 2 consecutive failures, retry allowed in 30s")
            #expect(results[3].skipReason == "pipeline stopped: circuit breaker open (lint)")
            #expect(context.earlyExitReason == "circuit breaker open (lint)")
            let open = try #require(reporter.history.first { $0.status == .circuitOpen })
            #expect(open.taskId == "task:2:lint")
            #expect(open.message == "lint not started: circuit breaker is open after 2 consecutive failures, retry allowed in 30s")
            #expect(open.metadata["state"] == "OPEN")
            #expect(open.metadata["consecutive_failures"] == 2)
            // As in the seed, CIRCUIT_OPEN is the task's only event: no FAILURE follows it.
            #expect(Support.trace(reporter).suffix(4) == [
                "task:1:flaky failure", "task:2:lint circuit_open", "task:3:test skipped", "batch:complete complete",
            ])
            #expect(breaker.report().rejected == 1)
        }

        @Test func errorsDoNotCountAsFailuresForTheBreaker() async throws {
            let (breaker, clock) = Self.breaker(failures: 1)
            let runner = FakeRunner { _ in .error("unknown command") }
            let (executor, _) = Support.executor(runner, clock: clock, breaker: breaker)
            let results = await executor.run([BatchTask(command: "a"), BatchTask(command: "b")])
            #expect(Support.statuses(results) == ["error", "error"])
            #expect(breaker.currentState == .closed)
        }

        @Test func theBreakerOpeningBetweenRetriesStopsTheRetries() async throws {
            let (breaker, clock) = Self.breaker(failures: 2, timeout: 60)
            let runner = FakeRunner { _ in .failure("503") }
            let (executor, reporter) = Support.executor(runner, clock: clock, retry: RetryConfig(maxRetries: 5, baseDelay: .seconds(1), jitterFactor: 0), breaker: breaker)
            let results = await executor.run([BatchTask(command: "api")])
            #expect(results[0].status == .error)
            #expect(results[0].attempts == 2)
            #expect(runner.calls.count == 2)
            #expect(Support.trace(reporter) == [
                "batch:start running", "task:0:api running", "task:0:api retry", "task:0:api circuit_open",
                "batch:complete complete",
            ])
            #expect(clock.sleeps == [1])
        }

        @Test func aHalfOpenBreakerLetsTheNextRunTryAgain() async throws {
            let (breaker, clock) = Self.breaker(failures: 1, successes: 1, timeout: 30)
            let failing = SanitizerVisibleMutex(true)
            let runner = FakeRunner { _ in failing.withLock { $0 } ? .failure("down") : .success() }
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context, clock: clock, breaker: breaker)
            let first = await executor.run([BatchTask(command: "api"), BatchTask(command: "api")])
            #expect(Support.statuses(first) == ["failure", "error"])
            context.clearEarlyExit()
            failing.withLock { $0 = false }
            clock.advance(by: 30)
            #expect(breaker.currentState == .halfOpen)
            let second = await executor.run([BatchTask(command: "api"), BatchTask(command: "api")])
            #expect(Support.statuses(second) == ["success", "success"])
            #expect(breaker.currentState == .closed)
        }

        // MARK: - One breaker per command

        @Test func theManagerKeepsBreakersApart() async throws {
            let clock = ManualClock()
            let manager = CircuitBreakerManager(config: CircuitBreakerConfig(failureThreshold: 2, timeout: .seconds(30)), clock: clock)
            #expect(manager.breaker(for: "deploy") === manager.breaker(for: "deploy"))
            #expect(manager.breaker(for: "deploy") !== manager.breaker(for: "lint"))
            manager.breaker(for: "deploy").recordFailure()
            manager.breaker(for: "deploy").recordFailure()
            #expect(manager.breaker(for: "deploy").currentState == .open)
            #expect(manager.breaker(for: "lint").currentState == .closed)
            let reports = manager.reports()
            #expect(reports["deploy"]?.state == .open)
            #expect(reports["lint"]?.state == .closed)
            manager.resetAll()
            #expect(manager.breaker(for: "deploy").currentState == .closed)
        }

        @Test func withAManagerAFailingCommandDoesNotStopAnother() async throws {
            let clock = ManualClock()
            let manager = CircuitBreakerManager(config: CircuitBreakerConfig(failureThreshold: 2, timeout: .seconds(30)), clock: clock)
            let runner = FakeRunner { task in task.command == "deploy" ? .failure("down") : .success() }
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context, clock: clock) { $0.circuitBreakers = manager }
            let results = await executor.run([
                BatchTask(command: "deploy"), BatchTask(command: "lint"), BatchTask(command: "deploy"),
                BatchTask(command: "lint"), BatchTask(command: "deploy"), BatchTask(command: "lint"),
            ])
            #expect(Support.statuses(results) == ["failure", "success", "failure", "success", "error", "skipped"])
            #expect(reporter.history.first { $0.status == .circuitOpen }?.taskId == "task:4:deploy")
            #expect(manager.reports()["lint"]?.state == .closed)
            #expect(manager.reports()["lint"]?.totalSuccesses == 2)
            #expect(manager.reports()["deploy"]?.state == .open)
            let dict = executor.toDict()
            #expect(dict["circuit_breakers"]?["deploy"]?["state"] == "OPEN")
            #expect(dict["circuit_breakers"]?["lint"]?["state"] == "CLOSED")
        }

        @Test func concurrentRecordsAreAllCounted() async {
            let (breaker, _) = Self.breaker(failures: 1_000_000)
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<400 {
                    group.addTask {
                        if i % 2 == 0 { breaker.recordFailure() } else { breaker.recordSuccess() }
                        _ = breaker.allowRequest()
                    }
                }
            }
            let report = breaker.report()
            #expect(report.totalFailures == 200)
            #expect(report.totalSuccesses == 200)
            #expect(report.state == .closed)
        }
    }
}
