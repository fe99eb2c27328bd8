import Testing
@testable import Scout

extension RuntimeTests {
    /// Sub-batches: `extract_steps` runs the steps of a task's output with the executor, in
    /// `subbatch_mode`, reports `{sub_batch_results, summary}`, and stops at the depth limit.
    @Suite struct SubBatchTests {
        typealias Support = RuntimeTestSupport

        /// A runner whose `plan` answers with `plan` and whose other commands succeed, except
        /// `run` lines containing "fail".
        static func runner(plan: Value) -> FakeRunner {
            FakeRunner { task in
                if task.command == "plan" { return .success(output: plan) }
                if task.args["cmd"]?.stringValue?.contains("fail") == true { return .failure("exit status 1") }
                return .success(output: .string("ran \(task.args["cmd"]?.description ?? task.command)"))
            }
        }

        static let planTask = #"[{"command": "plan", "args": {"prompt": "p"}, "extract_steps": true, "store_as": "plan"}]"#

        @Test func stepsFromAJSONListOfTasksRunAfterThePlan() async throws {
            let runner = Self.runner(plan: [["command": "lint", "args": ["paths": ["src"]]], ["command": "test"]])
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks(Self.planTask))
            #expect(runner.calls.map(\.command) == ["plan", "lint", "test"])
            #expect(runner.calls.map(\.depth) == [0, 1, 1])
            #expect(runner.calls.map(\.id) == ["task:0:plan", "task:0:plan/0:lint", "task:0:plan/1:test"])
            #expect(Value.map(runner.calls[1].args) == ["paths": ["src"], "json_output": true])
            let result = results[0]
            #expect(result.status == .success)
            #expect(result.subBatch?["summary"] == ["total": 2, "successes": 2, "failures": 0])
            #expect(result.subBatch?["sub_batch_results"]?.listValue?.map { $0["command"] } == ["lint", "test"])
            #expect(context.getVar("plan.sub_batch.summary.total") == 2)
            #expect(context.getVar("plan.sub_batch.sub_batch_results[1].output") == "ran test")
            #expect(Support.trace(reporter) == [
                "batch:start running", "task:0:plan running",
                "task:0:plan/0:lint running", "task:0:plan/0:lint success",
                "task:0:plan/1:test running", "task:0:plan/1:test success",
                "task:0:plan success", "batch:complete complete",
            ])
        }

        @Test func stepsFromAMarkdownPlan() async throws {
            let plan = """
                1. Install: `npm ci`
                2. Run `npm test`
                - [x] Already done: `npm run old`
                - [ ] Deploy: `npm run deploy-fail`
                3. Celebrate
                """
            let runner = Self.runner(plan: ["plan": .string(plan)])
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(Self.planTask))
            #expect(runner.commandLines == ["plan", "npm ci", "npm test", "npm run deploy-fail"])
            let result = results[0]
            #expect(result.status == .failure)
            #expect(result.error == "2 of 5 sub-batch steps failed")
            #expect(result.subBatch?["summary"] == ["total": 5, "successes": 2, "failures": 2])
            let steps = try #require(result.subBatch?["sub_batch_results"]?.listValue)
            #expect(steps.map { $0["status"] } == ["success", "success", "skipped", "failure", "error"])
            #expect(steps[4]["error"] == "the step has no command: write it as a code span, such as `make test`: Celebrate")
        }

        @Test(.timeLimit(.minutes(1)))
        func theSubbatchModeRunsStepsInParallelAndKeepsTheirOrder() async throws {
            // The three steps only finish when they all run at once.
            let meeting = Rendezvous(parties: 3)
            let runner = FakeRunner { task in
                if task.command == "plan" { return .success(output: ["steps": [["command": "a"], ["command": "b"], ["command": "c"]]]) }
                await meeting.arrive()
                return .success(output: .string(task.command))
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(#"[{"command": "plan", "extract_steps": true, "subbatch_mode": "parallel"}]"#))
            #expect(results[0].status == .success)
            #expect(results[0].subBatch?["sub_batch_results"]?.listValue?.map { $0["output"] } == ["a", "b", "c"])
        }

        @Test func depthIsBoundedAtThree() async throws {
            // Every plan's only step is another plan that extracts its steps.
            let runner = FakeRunner { task in
                task.command == "plan" ? .success(output: [["command": "plan", "extract_steps": true]]) : .success()
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(#"[{"command": "plan", "extract_steps": true}]"#))
            #expect(runner.calls.map(\.depth) == [0, 1, 2, 3])
            #expect(runner.calls.map(\.id) == ["task:0:plan", "task:0:plan/0:plan", "task:0:plan/0:plan/0:plan", "task:0:plan/0:plan/0:plan/0:plan"])
            #expect(results[0].status == .failure)
            var level = try #require(results[0].subBatch)
            for _ in 0..<2 { level = try #require(level["sub_batch_results"]?[0]?["sub_batch"]) }
            let innermost = try #require(level["sub_batch_results"]?[0])
            #expect(innermost["status"] == "error")
            #expect(innermost["error"] == "sub-batch depth limit (3) reached: a sub-batch step extracts steps again")
        }

        @Test func theDepthLimitCanBeSet() async throws {
            let runner = FakeRunner { task in
                task.command == "plan" ? .success(output: [["command": "plan", "extract_steps": true]]) : .success()
            }
            let (executor, _) = Support.executor(runner) { $0.maxSubBatchDepth = 1 }
            let results = await executor.run(try Support.tasks(#"[{"command": "plan", "extract_steps": true}]"#))
            #expect(runner.calls.map(\.depth) == [0, 1])
            #expect(results[0].subBatch?["sub_batch_results"]?[0]?["status"] == "error")
        }

        @Test func aFailedParentExtractsNothing() async throws {
            let runner = FakeRunner { task in
                task.command == "plan" ? .failure("no plan") : .success()
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(#"[{"command": "plan", "extract_steps": true}]"#))
            #expect(runner.calls.map(\.command) == ["plan"])
            #expect(results[0].status == .failure)
            #expect(results[0].subBatch == nil)
        }

        @Test func anOutputWithoutStepsIsAnEmptySubBatch() async throws {
            let (executor, _) = Support.executor(Self.runner(plan: "Nothing to do."))
            let results = await executor.run(try Support.tasks(Self.planTask))
            #expect(results[0].status == .success)
            #expect(results[0].subBatch?["summary"] == ["total": 0, "successes": 0, "failures": 0])
        }

        @Test func unreadableStepsAreAnErrorOfTheParent() async throws {
            let (executor, _) = Support.executor(Self.runner(plan: ["steps": [["command": "ok"], ["command": "x", "mode": "diagonal"]]]))
            let results = await executor.run(try Support.tasks(Self.planTask))
            #expect(results[0].status == .error)
            #expect(results[0].error == #"cannot read the steps: sub-batch: task 1, field "mode": must be "sequential" or "parallel", found "diagonal""#)
        }

        @Test func stepsShareTheContextAndCanStopThePipeline() async throws {
            let runner = Self.runner(plan: [
                ["command": "run", "args": ["cmd": "make"], "store_as": "made"],
                ["command": "run", "args": ["cmd": "make fail"], "store_as": "check", "stop_if": "${check.failed}"],
                ["command": "run", "args": ["cmd": "never"]],
            ])
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks(Self.planTask) + [BatchTask(command: "after")])
            #expect(runner.commandLines == ["plan", "make", "make fail"])
            #expect(context.getVar("made.ok") == true)
            #expect(context.getVar("check.failed") == true)
            #expect(Support.statuses(results) == ["failure", "skipped"])
            #expect(results[0].subBatch?["summary"] == ["total": 3, "successes": 1, "failures": 1])
        }
    }
}
