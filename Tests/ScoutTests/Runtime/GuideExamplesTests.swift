import Testing
@testable import Scout

extension RuntimeTests {
    /// The guide's four examples, as JSON task lists run by the executor. A fake task runner
    /// stands in for npm: `failing` lists the command lines that fail.
    @Suite struct GuideExamplesTests {
        typealias Support = RuntimeTestSupport

        static func npm(failing: Set<String> = []) -> FakeRunner {
            FakeRunner { task in
                let line = task.args["cmd"]?.stringValue ?? task.command
                return failing.contains(line) ? .failure("\(line): exit status 1") : .success(output: .string("\(line): ok"))
            }
        }

        // MARK: - Example 1: Sequential Build Pipeline

        static let example1 = """
            [
                {"command": "run", "args": {"cmd": "npm install"}, "store_as": "install_result"},
                {"command": "run", "args": {"cmd": "npm run lint"}, "skip_if": "${install_result.failed}"},
                {"command": "run", "args": {"cmd": "npm run test"}, "skip_if": "${install_result.failed}"},
                {"command": "run", "args": {"cmd": "npm run build"}, "store_as": "build_result"}
            ]
            """

        @Test func example1AFailedInstallSkipsLintAndTestButBuildStillRuns() async throws {
            let runner = Self.npm(failing: ["npm install"])
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks(Self.example1), mode: .sequential)
            #expect(runner.commandLines == ["npm install", "npm run build"])
            #expect(Support.statuses(results) == ["failure", "skipped", "skipped", "success"])
            #expect(results[1].skipReason == "skip_if install_result.failed is true")
            #expect(context.getVar("install_result.failed") == true)
            #expect(context.getVar("build_result.ok") == true)
            #expect(!context.checkEarlyExit())
            #expect(Support.trace(reporter) == [
                "batch:start running",
                "task:0:run running", "task:0:run failure",
                "task:1:run skipped",
                "task:2:run skipped",
                "task:3:run running", "task:3:run success",
                "batch:complete complete",
            ])
            let complete = try #require(reporter.history.last)
            #expect(complete.metadata["success_count"] == 1)
            #expect(complete.metadata["failure_count"] == 1)
            #expect(complete.metadata["total"] == 4)
        }

        @Test func example1AGoodInstallRunsEverything() async throws {
            let runner = Self.npm()
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(Self.example1), mode: .sequential)
            #expect(runner.commandLines == ["npm install", "npm run lint", "npm run test", "npm run build"])
            #expect(Support.statuses(results) == ["success", "success", "success", "success"])
        }

        // MARK: - Example 2: Parallel File Processing

        @Test func example2LintsThreeFilesInParallelWithResultsInTaskOrder() async throws {
            let runner = FakeRunner { task in
                let file = task.args["paths"]?[0]?.stringValue ?? "?"
                // The first file takes longest, so the tasks finish in reverse order.
                for _ in 0..<(file == "file1.py" ? 60 : file == "file2.py" ? 30 : 0) { await Task.yield() }
                return .success(output: ["file": .string(file), "issues": 0])
            }
            let (executor, reporter) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [
                    {"command": "lint", "args": {"paths": ["file1.py"]}},
                    {"command": "lint", "args": {"paths": ["file2.py"]}},
                    {"command": "lint", "args": {"paths": ["file3.py"]}}
                ]
                """), mode: .parallel)
            #expect(results.map { $0.output["file"] } == ["file1.py", "file2.py", "file3.py"])
            #expect(results.allSatisfy { $0.ok })
            #expect(Set(runner.calls.map { Value.map($0.args) }) == [
                ["paths": ["file1.py"], "json_output": true],
                ["paths": ["file2.py"], "json_output": true],
                ["paths": ["file3.py"], "json_output": true],
            ])
            #expect(reporter.history.first?.metadata["mode"] == "parallel")
            #expect(reporter.history.last?.metadata["success_count"] == 3)
        }

        // MARK: - Example 3: CI Pipeline with Early Exit

        static let example3 = """
            [
                {"command": "run", "args": {"cmd": "npm run lint"}, "store_as": "lint_result"},
                {"command": "run", "args": {"cmd": "npm run test"}, "store_as": "test_result", "stop_if": "${lint_result.failed}"},
                {"command": "run", "args": {"cmd": "npm run build"}, "store_as": "build_result", "stop_if": "${test_result.failed}"},
                {"command": "run", "args": {"cmd": "npm run deploy"}, "stop_if": "${build_result.failed}"}
            ]
            """

        @Test func example3AFailedLintStopsBeforeTheTestRuns() async throws {
            let runner = Self.npm(failing: ["npm run lint"])
            let context = BatchContext()
            let (executor, reporter) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks(Self.example3))
            #expect(runner.commandLines == ["npm run lint"])
            #expect(Support.statuses(results) == ["failure", "skipped", "skipped", "skipped"])
            #expect(context.earlyExitReason == "stop_if lint_result.failed was true before test_result")
            #expect(context.getVar("test_result.skipped") == true)
            #expect(Support.trace(reporter) == [
                "batch:start running", "task:0:run running", "task:0:run failure",
                "task:1:run skipped", "task:2:run skipped", "task:3:run skipped", "batch:complete complete",
            ])
        }

        @Test func example3AFailedTestStopsBeforeTheBuild() async throws {
            let runner = Self.npm(failing: ["npm run test"])
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(Self.example3))
            #expect(runner.commandLines == ["npm run lint", "npm run test"])
            #expect(Support.statuses(results) == ["success", "failure", "skipped", "skipped"])
        }

        @Test func example3AFailedBuildStopsBeforeTheDeploy() async throws {
            let runner = Self.npm(failing: ["npm run build"])
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks(Self.example3))
            #expect(runner.commandLines == ["npm run lint", "npm run test", "npm run build"])
            #expect(Support.statuses(results) == ["success", "success", "failure", "skipped"])
            #expect(context.earlyExitReason == "stop_if build_result.failed was true before run")
        }

        @Test func example3AGreenPipelineDeploys() async throws {
            let runner = Self.npm()
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks(Self.example3))
            #expect(runner.commandLines == ["npm run lint", "npm run test", "npm run build", "npm run deploy"])
            #expect(results.allSatisfy { $0.ok })
            #expect(!context.checkEarlyExit())
        }

        @Test func example3WithStopIfOnTheSameTaskStopsRightAfterIt() async throws {
            // language.md §3: `store as build_result` + `stop_if build_result.failed` on the same task.
            let runner = Self.npm(failing: ["npm run build"])
            let context = BatchContext()
            let (executor, _) = Support.executor(runner, context: context)
            let results = await executor.run(try Support.tasks("""
                [
                    {"command": "run", "args": {"cmd": "npm run lint"}, "store_as": "lint_result", "stop_if": "${lint_result.failed}"},
                    {"command": "run", "args": {"cmd": "npm run build"}, "store_as": "build_result", "stop_if": "${build_result.failed}"},
                    {"command": "run", "args": {"cmd": "npm run deploy"}}
                ]
                """))
            #expect(runner.commandLines == ["npm run lint", "npm run build"])
            #expect(Support.statuses(results) == ["success", "failure", "skipped"])
            #expect(context.earlyExitReason == "stop_if build_result.failed was true after build_result")
        }

        // MARK: - Example 4: Sub-batch Execution

        static let example4 = """
            [{"command": "plan", "args": {"prompt": "Add authentication to the app"}, "extract_steps": true, "subbatch_mode": "sequential"}]
            """

        static let planOutputs: [(String, Value)] = [
            ("a JSON list of tasks", [
                ["command": "run", "args": ["cmd": "npm install passport"]],
                ["command": "run", "args": ["cmd": "npm run codegen"]],
                ["command": "run", "args": ["cmd": "npm test"]],
            ]),
            ("an object with steps", ["steps": [
                ["command": "run", "args": ["cmd": "npm install passport"]],
                ["command": "run", "args": ["cmd": "npm run codegen"]],
                ["command": "run", "args": ["cmd": "npm test"]],
            ]]),
            ("a Markdown numbered list", .string("""
                ## Plan
                1. Install passport: `npm install passport`
                2. Generate the routes: `npm run codegen`
                3. Test: `npm test`
                """)),
            ("a Markdown checkbox list", ["plan": .string("""
                - [ ] `npm install passport`
                - [ ] `npm run codegen`
                - [ ] `npm test`
                """)]),
        ]

        @Test(arguments: planOutputs)
        func example4RunsThePlansStepsAsASubBatch(form: String, output: Value) async throws {
            let runner = FakeRunner { task in
                task.command == "plan" ? .success(output: output) : .success(output: .string("ok"))
            }
            let (executor, reporter) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(Self.example4))
            #expect(runner.commandLines == ["plan", "npm install passport", "npm run codegen", "npm test"], "\(form)")
            #expect(runner.calls[0].args["json_output"] == true)
            #expect(runner.calls[0].args["prompt"] == "Add authentication to the app")
            #expect(results.count == 1)
            #expect(results[0].status == .success)
            #expect(results[0].subBatch?["summary"] == ["total": 3, "successes": 3, "failures": 0])
            #expect(results[0].subBatch?["sub_batch_results"]?.listValue?.count == 3)
            #expect(Support.trace(reporter).filter { $0.hasPrefix("task:0:plan/") } == [
                "task:0:plan/0:run running", "task:0:plan/0:run success",
                "task:0:plan/1:run running", "task:0:plan/1:run success",
                "task:0:plan/2:run running", "task:0:plan/2:run success",
            ])
        }

        @Test func example4CountsFailuresInTheSummary() async throws {
            let runner = FakeRunner { task in
                if task.command == "plan" { return .success(output: "1. `npm install passport`\n2. `npm run codegen`\n3. `npm test`") }
                return task.args["cmd"] == "npm test" ? .failure("1 test failed") : .success()
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(Self.example4))
            #expect(results[0].status == .failure)
            #expect(results[0].subBatch?["summary"] == ["total": 3, "successes": 2, "failures": 1])
        }

        @Test func example4StopsNestingAtDepthThree() async throws {
            let runner = FakeRunner { task in
                task.command == "plan"
                    ? .success(output: [["command": "plan", "args": ["prompt": "again"], "extract_steps": true]])
                    : .success()
            }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks(Self.example4))
            #expect(runner.calls.count == 4)
            #expect(runner.calls.map(\.depth).max() == 3)
            #expect(results[0].status == .failure)
        }

        // MARK: - Basic usage

        @Test func theBasicUsageSnippet() async throws {
            let runner = FakeRunner { _ in .success(output: "done") }
            let (executor, _) = Support.executor(runner)
            let results = await executor.run(try Support.tasks("""
                [{"command": "lint", "args": {"paths": ["."]}}, {"command": "test", "args": {}}]
                """), mode: .sequential)
            #expect(results.map(\.status) == [.success, .success])
            #expect(results.map(\.output) == ["done", "done"])
        }
    }
}
