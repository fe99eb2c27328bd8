import Testing
@testable import Scout

extension RuntimeTests {
    /// `PipelineExecutor`: each field of the guide's task table executed from JSON, the event
    /// stream, modes, concurrency, `needs`, errors and fail-fast.
    @Suite struct PipelineExecutorTests {
        typealias Support = RuntimeTestSupport

        // MARK: - The guide's task table, executed

        @Test func commandReachesTheRunnerAndNamesTheEvents() async throws {
            let runner = FakeRunner()
            let (executor, reporter) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(#"[{"command": "build"}, {"command": "test"}]"#))
            #expect(runner.calls.map(\.command) == ["build", "test"])
            #expect(runner.calls.map(\.index) == [0, 1])
            #expect(runner.calls.map(\.id) == ["task:0:build", "task:1:test"])
            #expect(results.map(\.command) == ["build", "test"])
            #expect(results.map(\.output) == ["ran build", "ran test"])
            #expect(Support.trace(reporter) == [
                "batch:start running", "task:0:build running", "task:0:build success",
                "task:1:test running", "task:1:test success", "batch:complete complete",
            ])
        }

        @Test func argsAreEvaluatedWithTheirInterpolations() async throws {
            let runner = FakeRunner()
            let context = BatchContext(initialVars: ["dir": "src", "files": ["a.py", "b.py"], "level": 2])
            let (executor, _) = Support.executor(runner, context: context)
            _ = await executor.run(try Support.tasks("""
                [{"command": "check", "args": {"paths": ["${dir}", "tests"], "files": "${files}", "label": "level ${level}",
                  "opts": {"strict": "${level > 1}"}, "count": 3}}]
                """))
            let call = try #require(runner.calls.first)
            #expect(Value.map(call.args) == [
                "paths": ["src", "tests"], "files": ["a.py", "b.py"], "label": "level 2", "opts": ["strict": true], "count": 3,
            ])
            #expect(call.args.keys == ["paths", "files", "label", "opts", "count"])
        }

        @Test(.timeLimit(.minutes(1)))
        func aTasksModeOverridesTheRunsModeForItsGroup() async throws {
            // Two tasks can only both finish if they run at the same time: each waits for the other.
            let meeting = Rendezvous(parties: 2)
            let runner = FakeRunner { task in
                if task.command == "meet" { await meeting.arrive() }
                return .success()
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [{"command": "first"}, {"command": "meet", "mode": "parallel"}, {"command": "meet", "mode": "parallel"}, {"command": "last"}]
                """), mode: .sequential)
            #expect(Support.statuses(results) == ["success", "success", "success", "success"])
            #expect(runner.calls.first?.command == "first")
            #expect(runner.calls.last?.command == "last")
        }

        @Test func aSequentialTaskInsideAParallelRunWaitsForTheGroupBeforeIt() async throws {
            let log = SanitizerVisibleMutex<[String]>([])
            let runner = FakeRunner { task in
                log.withLock { $0.append("start \(task.index)") }
                for _ in 0..<20 { await Task.yield() }
                log.withLock { $0.append("end \(task.index)") }
                return .success()
            }
            let (executor, _) = Support.executor(runner)
            _ = await executor.run(try Support.tasks("""
                [{"command": "a"}, {"command": "b"}, {"command": "gate", "mode": "sequential"}, {"command": "c"}]
                """), mode: .parallel)
            let entries = log.withLock { $0 }
            let gateStart = try #require(entries.firstIndex(of: "start 2"))
            let gateEnd = try #require(entries.firstIndex(of: "end 2"))
            #expect(entries.firstIndex(of: "end 0")! < gateStart)
            #expect(entries.firstIndex(of: "end 1")! < gateStart)
            #expect(entries.firstIndex(of: "start 3")! > gateEnd)
        }

        @Test func argumentsNestedToTheJSONLimitAreEvaluated() async throws {
            // The task list itself nests 4 levels: [ { "args": { "deep": ... } } ]. Data nests
            // to the JSON limit; a ${...} to the limit of expressions.
            let data = JSONParser.maxDepth - 4
            let template = Parser.maxDepth - 1
            func nested(_ depth: Int, _ inner: String) -> String { String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth) }
            let runner = FakeRunner()
            let (executor, _) = Support.executor(runner, context: BatchContext(initialVars: ["x": 1]))
            let results = await executor.run(try Support.tasks(#"[{"command": "a", "args": {"deep": \#(nested(data, "2")), "template": \#(nested(template, #""${x}""#))}}]"#))
            #expect(results[0].ok)
            #expect(runner.calls.first?.args["deep"]?.jsonText() == nested(data, "2"))
            #expect(runner.calls.first?.args["template"]?.jsonText() == nested(template, "1"))
            #expect(throws: TaskListError.self) {
                try Support.tasks(#"[{"command": "a", "args": {"deep": \#(nested(Parser.maxDepth + 1, #""${x}""#))}}]"#)
            }
        }

        @Test func variablesAreSetBeforeTheArgumentsAreEvaluatedAndStayInTheContext() async throws {
            let runner = FakeRunner()
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context)
            _ = await executor.run(try Support.tasks("""
                [{"command": "run", "args": {"cmd": "echo Hello ${name}"}, "variables": {"name": "World"}},
                 {"command": "run", "args": {"cmd": "echo ${greeting}"}, "variables": {"who": "you", "greeting": "Hi ${who}"}}]
                """))
            #expect(runner.commandLines == ["echo Hello World", "echo 'Hi you'"])
            #expect(context.getVar("name") == "World")
            #expect(context.getVar("greeting") == "Hi you")
        }

        @Test func ifRunsTheTaskOnlyWhenTheConditionIsTrue() async throws {
            let runner = FakeRunner { task in
                task.command == "git_status" ? .success(output: ["clean": true, "branch": "main"]) : .success()
            }
            let (executor, reporter) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [{"command": "git_status", "args": {}, "store_as": "status"},
                 {"command": "run", "args": {"cmd": "npm test"}, "if": "${status.clean}"},
                 {"command": "run", "args": {"cmd": "npm publish"}, "if": "${var_exists}"},
                 {"command": "run", "args": {"cmd": "echo main"}, "if": "status.branch == 'main'"}]
                """))
            #expect(Support.statuses(results) == ["success", "success", "skipped", "success"])
            #expect(runner.commandLines == ["git_status", "npm test", "echo main"])
            #expect(results[2].skipReason == "if var_exists is false")
            let skipped = try #require(reporter.history.first { $0.status == .skipped })
            #expect(skipped.taskId == "task:2:run")
            #expect(skipped.message == "run skipped: if var_exists is false")
            #expect(skipped.metadata["reason"] == "if var_exists is false")
        }

        @Test func skipIfSkipsTheTaskWhenTheConditionIsTrue() async throws {
            let runner = FakeRunner()
            let context = BatchContext(initialVars: ["skip_build": true, "skip_docs": false])
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks("""
                [{"command": "build", "args": {}, "skip_if": "${skip_build}"},
                 {"command": "docs", "skip_if": "${skip_docs}"},
                 {"command": "lint", "skip_if": "${never_set}"}]
                """))
            #expect(Support.statuses(results) == ["skipped", "success", "success"])
            #expect(results[0].skipReason == "skip_if skip_build is true")
            #expect(runner.calls.map(\.command) == ["docs", "lint"])
        }

        @Test func stopIfCheckedAfterTheTaskStopsThePipeline() async throws {
            let runner = FakeRunner { task in
                task.command == "deploy" ? .failure("deploy failed") : .success()
            }
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks("""
                [{"command": "deploy", "args": {}, "store_as": "deploy_result", "stop_if": "${deploy_result.failed}"},
                 {"command": "notify", "args": {"message": "Deployment complete"}}]
                """))
            #expect(Support.statuses(results) == ["failure", "skipped"])
            #expect(runner.calls.map(\.command) == ["deploy"])
            #expect(context.earlyExitReason == "stop_if deploy_result.failed was true after deploy_result")
            #expect(results[1].skipReason == "pipeline stopped: stop_if deploy_result.failed was true after deploy_result")
            let complete = try #require(reporter.history.last)
            #expect(complete.metadata["stopped"] == "stop_if deploy_result.failed was true after deploy_result")
        }

        @Test func stopIfCheckedBeforeTheTaskKeepsItFromRunning() async throws {
            let runner = FakeRunner { task in
                task.command == "deploy" ? .failure("deploy failed") : .success()
            }
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks("""
                [{"command": "deploy", "args": {}, "store_as": "deploy_result"},
                 {"command": "notify", "args": {"message": "Deployment complete"}, "stop_if": "${deploy_result.failed}"},
                 {"command": "cleanup"}]
                """))
            #expect(Support.statuses(results) == ["failure", "skipped", "skipped"])
            #expect(runner.calls.map(\.command) == ["deploy"])
            #expect(context.earlyExitReason == "stop_if deploy_result.failed was true before notify")
            #expect(results[1].skipReason == "stop_if deploy_result.failed was true before notify")
            #expect(results[2].skipReason == "pipeline stopped: stop_if deploy_result.failed was true before notify")
            #expect(Support.trace(reporter) == [
                "batch:start running", "task:0:deploy running", "task:0:deploy failure",
                "task:1:notify skipped", "task:2:cleanup skipped", "batch:complete complete",
            ])
        }

        @Test func aFalseStopIfLetsThePipelineContinue() async throws {
            let runner = FakeRunner()
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks("""
                [{"command": "deploy", "store_as": "deploy_result", "stop_if": "${deploy_result.failed}"},
                 {"command": "notify", "stop_if": "${deploy_result.failed}"}]
                """))
            #expect(Support.statuses(results) == ["success", "success"])
            #expect(!context.checkEarlyExit())
        }

        @Test func storeAsKeepsTheResultObjectForLaterTasks() async throws {
            let runner = FakeRunner { task in
                task.command == "git_status" ? .success(output: ["branch": "feature/x", "clean": false]) : .success()
            }
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context)
            _ = await executor.run(try Support.tasks("""
                [{"command": "git_status", "args": {}, "store_as": "git_status"},
                 {"command": "run", "args": {"cmd": "echo ${git_status.branch}"}, "store_as": "results.echo"}]
                """))
            #expect(runner.commandLines.last == "echo feature/x")
            let stored = try #require(context.getVar("git_status"))
            #expect(stored["status"] == "success")
            #expect(stored["ok"] == true)
            #expect(stored["failed"] == false)
            #expect(stored["skipped"] == false)
            #expect(stored["output"] == ["branch": "feature/x", "clean": false])
            #expect(stored["error"] == .null)
            #expect(stored["attempts"] == 1)
            #expect(stored["command"] == "git_status")
            #expect(stored.mapValue?.keys == [
                "status", "ok", "failed", "skipped", "output", "error", "exit_code", "stdout", "stderr",
                "duration_ms", "attempts", "command", "timed_out", "skip_reason", "up_to_date",
            ])
            #expect(context.getVar("results.echo.command") == "run")
        }

        @Test func aSkippedTaskStoresASkippedResult() async throws {
            let context = BatchContext()
            let (executor, _) = Support.executor(FakeRunner(), context: context)
            _ = await executor.run(try Support.tasks(#"[{"command": "build", "if": "false", "store_as": "build"}]"#))
            #expect(context.getVar("build.status") == "skipped")
            #expect(context.getVar("build.skipped") == true)
            #expect(context.getVar("build.failed") == false)
            #expect(context.getVar("build.attempts") == 0)
        }

        @Test func extractStepsRunsTheOutputsStepsInTheSubbatchMode() async throws {
            let runner = FakeRunner { task in
                task.command == "plan" ? .success(output: ["steps": [["command": "lint"], ["command": "test"]]]) : .success()
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [{"command": "plan", "args": {"prompt": "Add authentication to the app"}, "extract_steps": true, "subbatch_mode": "parallel"}]
                """))
            #expect(runner.calls.map(\.command).sorted() == ["lint", "plan", "test"])
            #expect(results[0].subBatch?["summary"] == ["total": 2, "successes": 2, "failures": 0])
            #expect(runner.calls.first?.args["json_output"] == true)
        }

        // MARK: - Events

        @Test func theBatchCompleteEventCountsTheResults() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { task in
                clock.advance(by: 0.25)
                return task.command == "bad" ? .failure("no") : .success()
            }
            let (executor, reporter) = Support.executor(runner, clock: clock)
            _ = await executor.run(try Support.tasks("""
                [{"command": "good"}, {"command": "bad"}, {"command": "good"}, {"command": "skip", "if": "false"}]
                """))
            let start = try #require(reporter.history.first)
            #expect(start.taskId == "batch:start")
            #expect(start.status == .running)
            #expect(start.message == "starting 4 tasks (sequential)")
            #expect(start.metadata == ValueMap([("total", 4), ("mode", "sequential")]))
            let complete = try #require(reporter.history.last)
            #expect(complete.taskId == "batch:complete")
            #expect(complete.status == .complete)
            #expect(complete.metadata["success_count"] == 2)
            #expect(complete.metadata["failure_count"] == 1)
            #expect(complete.metadata["skipped_count"] == 1)
            #expect(complete.metadata["total"] == 4)
            #expect(complete.metadata["total_duration_ms"] == 750)
            #expect(complete.message == "2 succeeded, 1 failed, 1 skipped in 750 ms")
            #expect(complete.metadata["stopped"] == nil)
        }

        @Test func taskEventsCarryTheirDetails() async throws {
            let clock = ManualClock()
            let runner = FakeRunner { task in
                clock.advance(by: 1.5)
                if task.command == "bad" {
                    var r = TaskResult.failure("exit status 2")
                    r.exitCode = 2
                    return r
                }
                return .success()
            }
            let (executor, reporter) = Support.executor(runner, clock: clock)
            _ = await executor.run(try Support.tasks("""
                [{"command": "lint", "args": {"paths": ["src"]}, "store_as": "lint"}, {"command": "bad"}]
                """))
            let events = reporter.history.filter { $0.taskId.hasPrefix("task:") }
            #expect(events.map(\.status) == [.running, .success, .running, .failure])
            #expect(events[0].message == #"lint lint paths: ["src"]"#)
            #expect(events[0].metadata == ValueMap([("command", "lint"), ("index", 0), ("attempt", 1), ("name", "lint"), ("label", "lint")]))
            #expect(events[1].message == "lint succeeded in 1.5s")
            #expect(events[1].metadata == ValueMap([("command", "lint"), ("index", 0), ("duration_ms", 1500), ("attempts", 1), ("name", "lint"), ("label", "lint")]))
            #expect(events[3].metadata["label"] == "bad")
            #expect(events[3].message == "bad failed: exit status 2")
            #expect(events[3].metadata["exit_code"] == 2)
            #expect(events[3].metadata["error"] == "exit status 2")
        }

        @Test func everyStatusValueIsEmittedInOneRun() async throws {
            let breaker = CircuitBreaker(config: CircuitBreakerConfig(failureThreshold: 2, successThreshold: 1, timeout: .seconds(60)), clock: ManualClock())
            let attempts = SanitizerVisibleMutex(0)
            let runner = FakeRunner { task in
                switch task.command {
                case "flaky":
                    let n = attempts.withLock { $0 += 1; return $0 }
                    return n < 2 ? .failure("try again") : .success()
                case "broken": return .failure("broken")
                default: return .success()
                }
            }
            let (executor, reporter) = Support.executor(runner, breaker: breaker)
            let results = await executor.run(try Support.tasks("""
                [{"command": "ok"},
                 {"command": "flaky", "retry": {"max_retries": 1, "base_delay": 0}},
                 {"command": "skipped", "if": "false"},
                 {"command": "broken"},
                 {"command": "broken"},
                 {"command": "never"}]
                """))
            #expect(Support.statuses(results) == ["success", "success", "skipped", "failure", "failure", "error"])
            #expect(Set(reporter.history.map(\.status)) == Set(Status.allCases))
            #expect(Support.trace(reporter) == [
                "batch:start running",
                "task:0:ok running", "task:0:ok success",
                "task:1:flaky running", "task:1:flaky retry", "task:1:flaky success",
                "task:2:skipped skipped",
                "task:3:broken running", "task:3:broken failure",
                "task:4:broken running", "task:4:broken failure",
                "task:5:never circuit_open",
                "batch:complete complete",
            ])
            #expect(runner.calls.map(\.command) == ["ok", "flaky", "flaky", "broken", "broken"])
        }

        @Test func aReporterSetLaterReceivesEventsAndNoneIsFine() async throws {
            let runner = FakeRunner()
            let executor = PipelineExecutor(context: BatchContext(), taskRunner: runner.runner, clock: ManualClock(),
                                            configuration: ExecutorConfiguration(output: DiscardedOutput()))
            #expect(executor.reporter == nil)
            let quiet = await executor.run([BatchTask(command: "a")])
            #expect(quiet.map(\.ok) == [true])
            let reporter = ProgressReporter()
            executor.reporter = reporter
            #expect(executor.reporter === reporter)
            _ = await executor.run([BatchTask(command: "b")])
            #expect(Support.trace(reporter) == ["batch:start running", "task:0:b running", "task:0:b success", "batch:complete complete"])
            executor.reporter = nil
            _ = await executor.run([BatchTask(command: "c")])
            #expect(Support.trace(reporter).count == 4)
        }

        @Test func theGuidesGettersAndSettersReadAndWriteTheProperties() {
            let executor = PipelineExecutor(context: BatchContext(), taskRunner: FakeRunner().runner, clock: ManualClock())
            let reporter = ProgressReporter()
            let breaker = CircuitBreaker(config: CircuitBreakerConfig(failureThreshold: 2), clock: ManualClock())
            executor.setReporter(reporter)
            executor.setCircuitBreaker(breaker)
            executor.setRetryConfig(RetryConfig(maxRetries: 5))
            #expect(executor.reporter === reporter && executor.circuitBreaker === breaker && executor.retryConfig == RetryConfig(maxRetries: 5))
            executor.reporter = nil
            executor.circuitBreaker = nil
            executor.retryConfig = RetryConfig(maxRetries: 1)
            #expect(executor.getReporter() == nil && executor.getCircuitBreaker() == nil && executor.getRetryConfig() == RetryConfig(maxRetries: 1))
            #expect(executor.getContext() === executor.context)
        }

        // MARK: - Parallel runs

        @Test(.timeLimit(.minutes(1)))
        func parallelResultsKeepTaskOrder() async throws {
            // Task i finishes only after task i + 1 has: they finish in reverse order.
            let finished = (0..<4).map { _ in Rendezvous(parties: 2) }
            let runner = FakeRunner { task in
                let i = task.index
                if i < 4 { await finished[i].arrive() }
                if i > 0 { await finished[i - 1].arrive() }
                return .success(output: .int(i))
            }
            let (executor, _) = Support.executor(runner)
            let tasks = (0..<5).map { BatchTask(command: "t\($0)") }
            let results = await executor.run(tasks, mode: .parallel)
            #expect(results.map(\.output) == [0, 1, 2, 3, 4])
            #expect(results.map(\.command) == ["t0", "t1", "t2", "t3", "t4"])
        }

        @Test func aThousandParallelTasksStoringVariablesLoseNone() async throws {
            let runner = FakeRunner { task in
                await Task.yield()
                return .success(output: .int(task.index * 3))
            }
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context) { $0.maxConcurrency = 1000 }
            let tasks = (0..<1000).map { i -> BatchTask in
                var t = BatchTask(command: "work")
                t.storeAs = "r\(i)"
                return t
            }
            let results = await executor.run(tasks, mode: .parallel)
            #expect(results.count == 1000)
            #expect(results.allSatisfy { $0.ok })
            #expect(context.variables.count == 1000)
            var wrong: [Int] = []
            for i in 0..<1000 where context.getVar("r\(i).output") != .int(i * 3) { wrong.append(i) }
            #expect(wrong.isEmpty)
            #expect(context.results.count == 1000)
            #expect(reporter.history.last?.metadata["success_count"] == 1000)
        }

        /// Holds each task until `limit` tasks are in flight at once (or every task has started),
        /// so that the peak is reached whatever the scheduling; counts the peak.
        final class LimitGate: Sendable {
            let limit: Int
            let total: Int
            private let state = SanitizerVisibleMutex((current: 0, peak: 0, started: 0, waiting: [CheckedContinuation<Void, Never>]()))

            init(limit: Int, total: Int) {
                self.limit = limit
                self.total = total
            }

            func enter() async {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let release = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                        s.current += 1
                        s.started += 1
                        s.peak = max(s.peak, s.current)
                        guard s.current >= limit || s.started == total else {
                            s.waiting.append(continuation)
                            return []
                        }
                        defer { s.waiting.removeAll() }
                        return s.waiting + [continuation]
                    }
                    for c in release { c.resume() }
                }
            }

            func leave() { state.withLock { $0.current -= 1 } }
            var peak: Int { state.withLock { $0.peak } }
        }

        @Test(arguments: [1, 3, 8])
        func theConcurrencyLimitHoldsAndIsReached(limit: Int) async throws {
            let total = 24
            let gate = LimitGate(limit: limit, total: total)
            let runner = FakeRunner { _ in
                await gate.enter()
                gate.leave()
                return .success()
            }
            let (executor, _) = Support.executor(runner) { $0.maxConcurrency = limit }
            let results = await executor.run((0..<total).map { BatchTask(command: "t\($0)") }, mode: .parallel)
            #expect(results.map(\.command) == (0..<total).map { "t\($0)" })
            #expect(results.allSatisfy { $0.ok })
            #expect(gate.peak == limit)
            #expect(executor.maxConcurrency == limit)
        }

        @Test func theDefaultLimitIs64() {
            let (executor, _) = Support.executor(FakeRunner())
            #expect(executor.maxConcurrency == 64)
            #expect(ExecutorConfiguration.defaultMaxConcurrency == 64)
        }

        @Test func parallelTasksSeeTheirOwnVariables() async throws {
            let runner = FakeRunner { task in
                await Task.yield()
                return .success(output: task.args["path"] ?? .null)
            }
            let (executor, _) = Support.executor(runner) { $0.maxConcurrency = 200 }
            let tasks = try Support.tasks("[" + (0..<200).map { #"{"command": "lint", "args": {"path": "${file}"}, "variables": {"file": "f\#($0).py"}}"# }.joined(separator: ",") + "]")
            let results = await executor.run(tasks, mode: .parallel)
            var mixedUp: [Int] = []
            for (i, r) in results.enumerated() where r.output != .string("f\(i).py") { mixedUp.append(i) }
            #expect(mixedUp.isEmpty)
        }

        @Test func stopInAParallelRunLaunchesNothingNew() async throws {
            let runner = FakeRunner { task in
                task.command == "stop" ? .failure("stop now") : .success()
            }
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context) { $0.maxConcurrency = 1 }
            let results = await executor.run(try Support.tasks("""
                [{"command": "a"}, {"command": "stop", "store_as": "s", "stop_if": "s.failed"}, {"command": "b"}, {"command": "c"}]
                """), mode: .parallel)
            #expect(Support.statuses(results) == ["success", "failure", "skipped", "skipped"])
            #expect(runner.calls.map(\.command) == ["a", "stop"])
            #expect(results[3].skipReason == "pipeline stopped: stop_if s.failed was true after s")
        }

        // MARK: - needs

        @Test func aTaskStartsOnlyAfterWhatItNeedsFinished() async throws {
            let log = SanitizerVisibleMutex<[String]>([])
            let runner = FakeRunner { task in
                let name = task.task.label ?? task.command
                log.withLock { $0.append("start \(name)") }
                for _ in 0..<(name == "lint" ? 100 : 5) { await Task.yield() }
                log.withLock { $0.append("end \(name)") }
                return .success()
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [{"command": "deploy", "name": "deploy", "needs": ["test", "build"]},
                 {"command": "test", "name": "test", "needs": "lint"},
                 {"command": "build", "name": "build", "needs": "lint"},
                 {"command": "lint", "name": "lint"},
                 {"command": "docs", "name": "docs"}]
                """), mode: .parallel)
            #expect(results.map(\.name) == ["deploy", "test", "build", "lint", "docs"])
            #expect(results.allSatisfy { $0.ok })
            let entries = log.withLock { $0 }
            func at(_ entry: String) -> Int { entries.firstIndex(of: entry) ?? -1 }
            #expect(at("end lint") < at("start test"))
            #expect(at("end lint") < at("start build"))
            #expect(at("end test") < at("start deploy"))
            #expect(at("end build") < at("start deploy"))
            #expect(entries.count == 10)
        }

        @Test func aFailedNeedSkipsItsDependents() async throws {
            let runner = FakeRunner { task in
                task.command == "build" ? .failure("compile error") : .success()
            }
            let (executor, reporter) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [{"command": "build", "name": "build"},
                 {"command": "test", "name": "test", "needs": "build"},
                 {"command": "deploy", "name": "deploy", "needs": "test"},
                 {"command": "docs", "name": "docs"}]
                """), mode: .parallel)
            #expect(Support.statuses(results) == ["failure", "skipped", "skipped", "success"])
            #expect(results[1].skipReason == "needs build, which did not succeed")
            #expect(results[2].skipReason == "needs test, which did not succeed")
            #expect(Set(runner.calls.map(\.command)) == ["build", "docs"])
            #expect(reporter.history.contains { $0.taskId == "task:2:deploy" && $0.status == .skipped })
        }

        @Test func theLimitAlsoHoldsWithNeeds() async throws {
            let counter = InFlightCounter()
            let runner = FakeRunner { _ in
                counter.enter()
                for _ in 0..<10 { await Task.yield() }
                counter.leave()
                return .success()
            }
            let (executor, _) = Support.executor(runner) { $0.maxConcurrency = 2 }
            var tasks = (0..<8).map { i -> BatchTask in
                var t = BatchTask(command: "t\(i)")
                t.name = "t\(i)"
                return t
            }
            tasks[5].needs = ["t0", "t1"]
            tasks[6].needs = ["t5"]
            tasks[7].needs = ["t6", "t2"]
            let results = await executor.run(tasks, mode: .parallel)
            #expect(results.allSatisfy { $0.ok })
            #expect(runner.calls.count == 8)
            #expect(counter.peak <= 2)
            #expect(counter.peak >= 1)
        }

        @Test func aStopWhileTasksWaitForTheirNeedsSkipsThem() async throws {
            let runner = FakeRunner()
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context) { $0.maxConcurrency = 1 }
            let results = await executor.run(try Support.tasks("""
                [{"command": "a", "name": "a", "stop_if": "true == true && a.ok"},
                 {"command": "b", "name": "b", "needs": "a"},
                 {"command": "c", "name": "c"}]
                """), mode: .parallel)
            #expect(Support.statuses(results) == ["success", "skipped", "skipped"])
            #expect(runner.calls.map(\.command) == ["a"])
            #expect(results[1].skipReason == "pipeline stopped: stop_if ((true == true) && a.ok) was true after a")
        }

        @Test func concurrentBlocksShareTheScheduler() async throws {
            let (executor, _) = Support.executor(FakeRunner())
            let log = SanitizerVisibleMutex<[Int]>([])
            let results = try await executor.runConcurrently(
                count: 4, limit: 2, labels: ["a", "b", "c", nil], needs: [[], ["a"], ["b"], []],
                work: { i in
                    log.withLock { $0.append(i) }
                    return i == 1 ? .failure("b broke") : .success(output: .int(i))
                },
                notRun: { i, why in .skipped("\(i): \(why)") })
            #expect(Support.statuses(results) == ["success", "failure", "skipped", "success"])
            #expect(results[2].skipReason == "2: needs b, which did not succeed")
            #expect(log.withLock { $0 }.sorted() == [0, 1, 3])
            await #expect(throws: TaskGraph.Problem.cycle(["a", "b", "a"])) {
                _ = try await executor.runConcurrently(count: 2, labels: ["a", "b"], needs: [["b"], ["a"]],
                                                       work: { _ in .success() }, notRun: { _, _ in .skipped() })
            }
        }

        static let badGraphs: [(json: String, error: String)] = [
            (#"[{"command": "a", "name": "lint"}, {"command": "b", "needs": "lnt"}]"#, "needs an unknown task 'lnt' (did you mean 'lint'?)"),
            (#"[{"command": "a", "name": "a", "needs": "b"}, {"command": "b", "name": "b", "needs": "a"}]"#, "tasks need each other in a cycle: a -> b -> a"),
            (#"[{"command": "a", "name": "a", "needs": "a"}]"#, "tasks need each other in a cycle: a -> a"),
            (#"[{"command": "a", "name": "x"}, {"command": "b", "name": "x"}, {"command": "c", "needs": "x"}]"#, "two tasks are called 'x', so 'needs x' is ambiguous"),
        ]

        @Test(arguments: badGraphs)
        func anUnknownNeedOrACycleIsAnErrorAndNothingRuns(json: String, error: String) async throws {
            let runner = FakeRunner()
            let (executor, reporter) = Support.executor(runner)
            let tasks = try Support.tasks(json)
            let results = await executor.run(tasks, mode: .parallel)
            #expect(runner.calls.isEmpty)
            #expect(results.count == tasks.count)
            #expect(results.allSatisfy { $0.status == .error && $0.error == error })
            #expect(!reporter.history.contains { $0.status == .running && $0.taskId != "batch:start" })
            #expect(reporter.history.last?.metadata["failure_count"] == .int(tasks.count))
        }

        // MARK: - Errors

        @Test func aRunnerThatThrowsGivesAFailure() async throws {
            struct Broken: Error, CustomStringConvertible { var description: String { "disk on fire" } }
            let runner = FakeRunner { _ in throw Broken() }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run([BatchTask(command: "x")])
            #expect(results[0].status == .failure)
            #expect(results[0].error == "disk on fire")
        }

        @Test func anUndefinedVariableInAnArgumentIsAnErrorNamingIt() async throws {
            let runner = FakeRunner()
            let context = BatchContext(initialVars: ["name": "x"])
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks(#"[{"command": "run", "args": {"cmd": "echo ${nme}"}, "store_as": "r"}]"#))
            #expect(results[0].status == .error)
            #expect(results[0].error == "undefined variable 'nme' (did you mean 'name'?) in args.cmd of r")
            #expect(runner.calls.isEmpty)
        }

        @Test func aConditionThatCannotBeEvaluatedIsAnError() async throws {
            let runner = FakeRunner()
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [{"command": "a", "if": "${1 / 0}"}, {"command": "b", "skip_if": "len(3)"}, {"command": "c", "stop_if": "'x' < 1"},
                 {"command": "d", "variables": {"v": "${missing}"}}]
                """))
            #expect(Support.statuses(results) == ["error", "error", "error", "error"])
            #expect(results.map { $0.error ?? "" } == [
                "division by zero in if of a",
                "len() needs a string, list or map, not an int in skip_if of b",
                "cannot apply '<' to a string and an int in stop_if of c",
                "undefined variable 'missing' in variables.v of d",
            ])
            #expect(runner.calls.isEmpty)
        }

        @Test func failFastStopsAtTheFirstFailure() async throws {
            let runner = FakeRunner { task in task.command == "bad" ? .failure("no") : .success() }
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context) { $0.failFast = true }
            let results = await executor.run([BatchTask(command: "good"), BatchTask(command: "bad"), BatchTask(command: "later")])
            #expect(Support.statuses(results) == ["success", "failure", "skipped"])
            #expect(context.earlyExitReason == "bad failed (fail-fast)")
        }

        @Test func withoutFailFastAFailureDoesNotStopThePipeline() async throws {
            let runner = FakeRunner { task in task.command == "bad" ? .failure("no") : .success() }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run([BatchTask(command: "bad"), BatchTask(command: "later")])
            #expect(Support.statuses(results) == ["failure", "success"])
        }

        @Test func aPipelineAlreadyStoppedRunsNothing() async throws {
            let runner = FakeRunner()
            let context = BatchContext()
            context.setEarlyExit("interrupted")
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run([BatchTask(command: "a"), BatchTask(command: "b")], mode: .parallel)
            #expect(Support.statuses(results) == ["skipped", "skipped"])
            #expect(results.allSatisfy { $0.skipReason == "pipeline stopped: interrupted" })
            #expect(runner.calls.isEmpty)
        }

        @Test(.timeLimit(.minutes(1)), arguments: [ExecutionMode.sequential, .parallel])
        func aCancelledRunStartsNothingNew(mode: ExecutionMode) async throws {
            // While the first task runs, the run it belongs to is cancelled (an interrupt).
            let run = SanitizerVisibleMutex<Task<[TaskResult], Never>?>(nil)
            let started = Rendezvous(parties: 2)
            let runner = FakeRunner { task in
                if task.index == 0 {
                    await started.arrive()
                    run.withLock { $0 }?.cancel()
                }
                return .success()
            }
            let (executor, _) = Support.executor(runner) { $0.maxConcurrency = 1 }
            let tasks = (0..<4).map { BatchTask(command: "t\($0)") }
            run.withLock { $0 = Task { await executor.run(tasks, mode: mode) } }
            await started.arrive()
            let results = await run.withLock { $0 }!.value
            #expect(runner.calls.map(\.command) == ["t0"])
            #expect(Support.statuses(results) == ["success", "skipped", "skipped", "skipped"])
            #expect(results[1].skipReason == "pipeline stopped: cancelled")
        }

        @Test func aTaskBodyRunsInsteadOfTheRunner() async throws {
            let runner = FakeRunner()
            let (executor, _) = Support.executor(runner)
            var task = BatchTask(command: "inline")
            task.body = { resolved in .success(output: .string("body of \(resolved.id)")) }
            let results = await executor.run([task])
            #expect(results[0].output == "body of task:0:inline")
            #expect(runner.calls.isEmpty)
        }

        @Test func anEmptyRunStillReportsStartAndComplete() async throws {
            let (executor, reporter) = Support.executor(FakeRunner())
            let results = await executor.run([], mode: .parallel)
            #expect(results.isEmpty)
            #expect(Support.trace(reporter) == ["batch:start running", "batch:complete complete"])
            #expect(reporter.history.last?.metadata["total"] == 0)
        }

        // MARK: - Export

        @Test func toDictShowsTheSettings() async throws {
            let context = BatchContext(initialVars: ["env": "prod"])
            let breaker = CircuitBreaker(config: CircuitBreakerConfig(failureThreshold: 3), clock: ManualClock())
            let (executor, _) = Support.executor(FakeRunner(), context: context, retry: RetryConfig(maxRetries: 2), breaker: breaker) {
                $0.maxConcurrency = 4
                $0.failFast = true
            }
            let dict = executor.toDict()
            #expect(dict["context"]?["variables"] == ["env": "prod"])
            #expect(dict["retry_config"] == ["max_retries": 2, "base_delay": 1.0, "max_delay": 30.0, "jitter_factor": 0.1])
            #expect(dict["circuit_breaker"]?["config"] == ["failure_threshold": 3, "success_threshold": 2, "timeout_seconds": 30.0])
            #expect(dict["circuit_breaker"]?["report"]?["state"] == "CLOSED")
            #expect(dict["max_concurrency"] == 4)
            #expect(dict["fail_fast"] == true)
            #expect(try JSONParser.parse(executor.toJSON()) == dict)
            #expect(executor.context === context)
            #expect(executor.retryConfig == RetryConfig(maxRetries: 2))
            #expect(executor.circuitBreaker === breaker)
        }
    }
}
