import Testing
@testable import Scout

extension RuntimeTests {
    /// `TaskList.parse`: every field of the guide's task table decoded from JSON, and bad input
    /// reported as a `TaskListError` naming the task and the field.
    @Suite struct TaskListTests {
        typealias Support = RuntimeTestSupport

        static func source(_ e: Expression?) -> String? { e.map(ExpressionPrinter.source) }

        @Test func theGuidesFullTaskDecodes() throws {
            let tasks = try Support.tasks("""
                [{
                    "command": "lint",
                    "args": {"paths": ["."]},
                    "mode": "sequential",
                    "variables": {},
                    "if": "${var_exists}",
                    "skip_if": "${skip_flag}",
                    "stop_if": "${failed}",
                    "store_as": "result_var",
                    "extract_steps": false,
                    "subbatch_mode": "sequential"
                }]
                """)
            let task = try #require(tasks.first)
            #expect(tasks.count == 1)
            #expect(task.command == "lint")
            #expect(task.arguments.map(\.label) == ["paths"])
            #expect(task.arguments.map { ExpressionPrinter.source($0.value) } == [#"["."]"#])
            #expect(task.mode == .sequential)
            #expect(task.variables.isEmpty)
            #expect(Self.source(task.condition) == "var_exists")
            #expect(Self.source(task.skipIf) == "skip_flag")
            #expect(Self.source(task.stopIf) == "failed")
            #expect(task.storeAs == "result_var")
            #expect(task.extractSteps == false)
            #expect(task.subbatchMode == .sequential)
        }

        @Test func command() throws {
            let task = try #require(try Support.tasks(#"[{"command": "git_status"}]"#).first)
            #expect(task.command == "git_status")
            #expect(task.arguments.isEmpty)
            #expect(task.mode == nil)
            #expect(task.condition == nil && task.skipIf == nil && task.stopIf == nil)
            #expect(task.storeAs == nil)
            #expect(!task.extractSteps)
            #expect(task.subbatchMode == nil)
            #expect(task.label == nil)
        }

        @Test func argsKeepTheirOrderAndTypesAndInterpolationsBecomeExpressions() throws {
            let task = try #require(try Support.tasks("""
                [{"command": "run", "args": {"cmd": "echo Hello ${name}", "n": 3, "strict": true, "files": "${files}",
                  "list": ["a", "${b}"], "nested": {"k": "${c.d}"}, "home": "$HOME and $(pwd)", "none": null}}]
                """).first)
            #expect(task.arguments.map(\.label) == ["cmd", "n", "strict", "files", "list", "nested", "home", "none"])
            #expect(task.arguments.map { ExpressionPrinter.source($0.value) } == [
                #""echo Hello ${name}""#, "3", "true", "files", #"["a", b]"#, "{k: c.d}", #""$HOME and $(pwd)""#, "null",
            ])
            #expect(Value.map(task.constantArgs) == ["n": 3, "strict": true, "home": "$HOME and $(pwd)", "none": nil])
        }

        @Test func modeAndSubbatchMode() throws {
            let tasks = try Support.tasks("""
                [{"command": "a", "mode": "parallel", "subbatch_mode": "parallel"},
                 {"command": "b", "mode": "sequential", "subbatch_mode": "sequential"},
                 {"command": "c", "mode": null, "subbatch_mode": null}]
                """)
            #expect(tasks.map(\.mode) == [.parallel, .sequential, nil])
            #expect(tasks.map(\.subbatchMode) == [.parallel, .sequential, nil])
        }

        @Test func variablesKeepTheirOrder() throws {
            let task = try #require(try Support.tasks(#"[{"command": "run", "variables": {"name": "World", "n": 2, "greeting": "Hi ${name}"}}]"#).first)
            #expect(task.variables.map(\.name) == ["name", "n", "greeting"])
            #expect(task.variables.map { ExpressionPrinter.source($0.value) } == [#""World""#, "2", #""Hi ${name}""#])
        }

        static let conditions: [(String, String)] = [
            (#""${var_exists}""#, "var_exists"),
            (#""${status.clean}""#, "status.clean"),
            (#"" ${deploy_result.failed} ""#, "deploy_result.failed"),
            (#""${a && !b}""#, "(a && !b)"),
            (#""a.ok && b.count > 2""#, "(a.ok && (b.count > 2))"),
            (#""${x ?? \"none\"} ""#, #"(x ?? "none")"#),
            ("true", "true"),
            ("false", "false"),
        ]

        @Test(arguments: conditions)
        func conditionsParseForIfSkipIfAndStopIf(json: String, expected: String) throws {
            let task = try #require(try Support.tasks(#"[{"command": "x", "if": \#(json), "skip_if": \#(json), "stop_if": \#(json)}]"#).first)
            #expect(Self.source(task.condition) == expected)
            #expect(Self.source(task.skipIf) == expected)
            #expect(Self.source(task.stopIf) == expected)
        }

        @Test func storeAsAndExtractSteps() throws {
            let tasks = try Support.tasks("""
                [{"command": "git_status", "store_as": "status"},
                 {"command": "plan", "store_as": "results.plan", "extract_steps": true},
                 {"command": "x", "store_as": null, "extract_steps": null}]
                """)
            #expect(tasks.map(\.storeAs) == ["status", "results.plan", nil])
            #expect(tasks.map(\.extractSteps) == [false, true, false])
            #expect(tasks[0].label == "status")
        }

        @Test func theLanguagesAdditionsNameNeedsRetryTimeout() throws {
            let tasks = try Support.tasks("""
                [{"command": "build", "name": "build", "needs": "lint", "retry": 2, "timeout": 1.5},
                 {"command": "test", "needs": ["lint", "build"], "timeout": "5m",
                  "retry": {"max_retries": 4, "base_delay": "250ms", "max_delay": 10, "jitter_factor": 0.5}},
                 {"command": "lint", "store_as": "lint", "timeout": 30}]
                """)
            #expect(tasks[0].name == "build")
            #expect(tasks[0].label == "build")
            #expect(tasks[0].needs == ["lint"])
            #expect(tasks[0].retry == RetryConfig(maxRetries: 2))
            #expect(tasks[0].timeout == .milliseconds(1500))
            #expect(tasks[1].needs == ["lint", "build"])
            #expect(tasks[1].timeout == .seconds(300))
            #expect(tasks[1].retry == RetryConfig(maxRetries: 4, baseDelay: .milliseconds(250), maxDelay: .seconds(10), jitterFactor: 0.5))
            #expect(tasks[2].timeout == .seconds(30))
        }

        @Test func aListMayBeWrappedInAnObjectWithTasks() throws {
            let tasks = try Support.tasks(#"{"tasks": [{"command": "a"}, {"command": "b"}]}"#)
            #expect(tasks.map(\.command) == ["a", "b"])
            #expect(try Support.tasks("[]").isEmpty)
        }

        // MARK: - Bad input

        static let badInput: [(json: String, index: Int?, field: String?, text: String)] = [
            (#"[{"command": "run",}]"#, nil, nil, "tasks.json: invalid JSON at 1:20: expected a string key"),
            ("[{\"command\": \"run\"}\n", nil, nil, "tasks.json: invalid JSON at 2:1: unexpected end of input, expected ',' or ']'"),
            ("42", nil, nil, "tasks.json: expected an array of tasks, found an int"),
            (#"{"steps": 3}"#, nil, nil, #"tasks.json: expected an array of tasks, or an object with "tasks""#),
            (#"["run"]"#, 0, nil, "tasks.json: task 0: a task must be an object, found a string"),
            (#"[{"command": "a"}, {"args": {}}]"#, 1, "command", #"tasks.json: task 1, field "command": missing: every task needs a command"#),
            (#"[{"command": 5}]"#, 0, "command", #"tasks.json: task 0, field "command": must be a non-empty string, found an int"#),
            (#"[{"command": ""}]"#, 0, "command", #"tasks.json: task 0, field "command": must be a non-empty string, found a string"#),
            (#"[{"command": "a", "store_as": 3}]"#, 0, "store_as", #"tasks.json: task 0, field "store_as": must be a variable name, found 3"#),
            (#"[{"command": "a", "store_as": "a..b"}]"#, 0, "store_as", #"tasks.json: task 0, field "store_as": must be a variable name, found "a..b""#),
            (#"[{"command": "a", "mode": "sideways"}]"#, 0, "mode", #"tasks.json: task 0, field "mode": must be "sequential" or "parallel", found "sideways""#),
            (#"[{"command": "a", "subbatch_mode": 1}]"#, 0, "subbatch_mode", #"tasks.json: task 0, field "subbatch_mode": must be "sequential" or "parallel", found 1"#),
            (#"[{"command": "a"}, {"command": "b", "skipif": "${x}"}]"#, 1, "skipif", #"tasks.json: task 1, field "skipif": unknown field (did you mean "skip_if"?)"#),
            (#"[{"command": "a", "storeas": "x"}]"#, 0, "storeas", #"tasks.json: task 0, field "storeas": unknown field (did you mean "store_as"?)"#),
            (#"[{"command": "a", "colour": "red"}]"#, 0, "colour", #"tasks.json: task 0, field "colour": unknown field"#),
            (#"[{"command": "a", "args": ["x"]}]"#, 0, "args", #"tasks.json: task 0, field "args": must be an object, found a list"#),
            (#"[{"command": "a", "variables": "x"}]"#, 0, "variables", #"tasks.json: task 0, field "variables": must be an object, found a string"#),
            (#"[{"command": "a", "if": 3}]"#, 0, "if", #"tasks.json: task 0, field "if": must be a string expression or a bool, found 3"#),
            (#"[{"command": "a", "extract_steps": "yes"}]"#, 0, "extract_steps", #"tasks.json: task 0, field "extract_steps": must be true or false, found "yes""#),
            (#"[{"command": "a", "needs": 3}]"#, 0, "needs", #"tasks.json: task 0, field "needs": must be a task name or a list of them"#),
            (#"[{"command": "a", "needs": ["b", 1]}]"#, 0, "needs", #"tasks.json: task 0, field "needs": must be a list of task names"#),
            (#"[{"command": "a", "retry": "lots"}]"#, 0, "retry", #"tasks.json: task 0, field "retry": must be a number of retries or an object with max_retries, base_delay, max_delay, jitter_factor"#),
            (#"[{"command": "a", "timeout": "soon"}]"#, 0, "timeout", #"tasks.json: task 0, field "timeout": must be seconds or a duration such as "5m", found "soon""#),
            (#"[{"command": "a", "name": ""}]"#, 0, "name", #"tasks.json: task 0, field "name": must be a non-empty string"#),
            (#"[{"command": "a", "timeout": -5}]"#, 0, "timeout", #"tasks.json: task 0, field "timeout": must be seconds or a duration such as "5m", found -5"#),
            (#"[{"command": "a", "timeout": "-2s"}]"#, 0, "timeout", #"tasks.json: task 0, field "timeout": must be seconds or a duration such as "5m", found "-2s""#),
            (#"[{"command": "a", "timeout": 1e20}]"#, 0, "timeout", #"tasks.json: task 0, field "timeout": must be seconds or a duration such as "5m", found 1e+20"#),
            (#"[{"command": "a", "retry": {"max_retries": 1e300}}]"#, 0, "retry.max_retries", #"tasks.json: task 0, field "retry.max_retries": must be a whole number, found 1e+300"#),
            (#"[{"command": "a", "retry": {"max_retries": 2.5}}]"#, 0, "retry.max_retries", #"tasks.json: task 0, field "retry.max_retries": must be a whole number, found 2.5"#),
            (#"[{"command": "a", "retry": {"max_delay": 1e12}}]"#, 0, "retry.max_delay", #"tasks.json: task 0, field "retry.max_delay": must be seconds or a duration such as "5m", found 1000000000000.0"#),
            (#"[{"command": "a", "retry": {"max_retires": 5}}]"#, 0, "retry.max_retires", #"tasks.json: task 0, field "retry.max_retires": unknown field (did you mean "max_retries"?)"#),
            (#"[{"command": "a", "retry": {"max_retries": "3"}}]"#, 0, "retry.max_retries", #"tasks.json: task 0, field "retry.max_retries": must be a whole number, found "3""#),
            (#"[{"command": "a", "retry": {"base_delay": "soon"}}]"#, 0, "retry.base_delay", #"tasks.json: task 0, field "retry.base_delay": must be seconds or a duration such as "5m", found "soon""#),
            (#"[{"command": "a", "retry": {"jitter_factor": true}}]"#, 0, "retry.jitter_factor", #"tasks.json: task 0, field "retry.jitter_factor": must be a number, found true"#),
        ]

        @Test(arguments: badInput)
        func badInputIsATaskListErrorNamingTheTaskAndField(json: String, index: Int?, field: String?, text: String) {
            do {
                _ = try TaskList.parse(json, name: "tasks.json")
                Issue.record("expected an error for \(json)")
            } catch {
                #expect(error.file == "tasks.json")
                #expect(error.index == index)
                #expect(error.field == field)
                #expect(error.description == text)
            }
        }

        static let badExpressions: [(json: String, field: String, text: String)] = [
            (#"[{"command": "run", "args": {"cmd": "echo ${name"}}]"#, "args.cmd", """
                tasks.json: task 0, field "args.cmd": bad ${...} expression
                  1:6: unterminated interpolation: '${' has no closing '}'
                """),
            (#"[{"command": "run", "args": {"cmd": "echo ${}"}}]"#, "args.cmd", """
                tasks.json: task 0, field "args.cmd": bad ${...} expression
                  1:6: empty interpolation '${}'
                """),
            (#"[{"command": "run", "args": {"files": ["ok", "${a +}"]}}]"#, "args.files[1]", """
                tasks.json: task 0, field "args.files[1]": bad ${...} expression
                  1:6: expected an expression, found '}'
                """),
            (#"[{"command": "run", "variables": {"v": "${1 2}"}}]"#, "variables.v", """
                tasks.json: task 0, field "variables.v": bad ${...} expression
                  1:5: expected '}', found '2'
                """),
            (#"[{"command": "a"}, {"command": "b", "if": "${a &&}"}]"#, "if", """
                tasks.json: task 1, field "if": bad condition
                  1:7: expected an expression, found '}'
                """),
            (#"[{"command": "a", "skip_if": "x ${a}"}]"#, "skip_if", """
                tasks.json: task 0, field "skip_if": bad condition
                  1:1: a condition must be one expression: write "${a && b}" or "a && b", not text around ${...}
                """),
            (#"[{"command": "a", "stop_if": "a ==="}]"#, "stop_if", """
                tasks.json: task 0, field "stop_if": bad condition
                  1:5: expected an expression, found '='
                """),
        ]

        @Test(arguments: badExpressions)
        func aBadExpressionIsReportedWithItsPlaceInTheField(json: String, field: String, text: String) {
            do {
                _ = try TaskList.parse(json, name: "tasks.json")
                Issue.record("expected an error for \(json)")
            } catch {
                #expect(error.field == field)
                #expect(!error.diagnostics.isEmpty)
                #expect(error.description == text)
            }
        }
    }
}
