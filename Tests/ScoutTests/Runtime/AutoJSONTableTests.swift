import Testing
@testable import Scout

extension RuntimeTests {
    /// The auto-JSON table: which commands get `json` or `json_output`, `plan`'s special case,
    /// a task's own setting, and extension by a host.
    @Suite struct AutoJSONTableTests {
        typealias Support = RuntimeTestSupport

        @Test func theStandardTableIsTheGuides() {
            let table = AutoJSONTable.standard
            for command in ["git_status", "git_branch", "git_diff", "git_log", "git_show"] {
                #expect(table[command] == "json", "\(command)")
            }
            for command in ["plan", "lint", "audit", "run", "nav", "doc_sync", "roast", "query", "ci_guard", "brief", "status", "index", "validate"] {
                #expect(table[command] == "json_output", "\(command)")
            }
            #expect(table.flags.count == 18)
            #expect(table["build"] == nil)
        }

        static let flags: [(command: String, args: Value, extract: Bool, flag: String?)] = [
            ("git_status", [:], false, "json"),
            ("lint", ["paths": ["."]], false, "json_output"),
            ("run", ["cmd": "ls"], false, "json_output"),
            ("build", [:], false, nil),
            ("plan", ["prompt": "x"], false, nil),
            ("plan", ["structured": true], false, "json_output"),
            ("plan", ["structured": false], false, nil),
            ("plan", [:], true, "json_output"),
        ]

        @Test(arguments: flags)
        func theFlagForACommand(command: String, args: Value, extract: Bool, flag: String?) {
            #expect(AutoJSONTable.standard.flag(for: command, args: args.mapValue ?? ValueMap(), extractSteps: extract) == flag)
        }

        @Test func injectAddsTheFlagUnlessTheTaskSetsIt() {
            let table = AutoJSONTable.standard
            #expect(Value.map(table.inject(into: ValueMap([("paths", Value.list(["."]))]), command: "lint", extractSteps: false)) == ["paths": ["."], "json_output": true])
            #expect(Value.map(table.inject(into: ValueMap([("json_output", Value.bool(false))]), command: "lint", extractSteps: false)) == ["json_output": false])
            #expect(Value.map(table.inject(into: ValueMap([("json", Value.string("yes"))]), command: "git_diff", extractSteps: false)) == ["json": "yes"])
            #expect(table.inject(into: ValueMap(), command: "build", extractSteps: false).isEmpty)
        }

        @Test func aHostCanExtendOrShrinkTheTable() {
            var table = AutoJSONTable.standard
            table["deploy"] = "json"
            table["lint"] = nil
            #expect(table.flag(for: "deploy", args: ValueMap(), extractSteps: false) == "json")
            #expect(table.flag(for: "lint", args: ValueMap(), extractSteps: false) == nil)
            #expect(AutoJSONTable.standard["lint"] == "json_output")
            let custom = AutoJSONTable(["report": "as_json"])
            #expect(custom.flags == ["report": "as_json"])
        }

        @Test func theExecutorInjectsTheFlagsIntoTheArgumentsTheRunnerSees() async throws {
            let runner = FakeRunner()
            let (executor, _) = Support.executor(runner)
            _ = await executor.run(try Support.tasks("""
                [{"command": "git_status", "args": {}},
                 {"command": "lint", "args": {"paths": ["."]}},
                 {"command": "lint", "args": {"json_output": false}},
                 {"command": "build", "args": {}},
                 {"command": "plan", "args": {"prompt": "p"}},
                 {"command": "plan", "args": {"prompt": "p", "structured": true}},
                 {"command": "plan", "args": {"prompt": "p"}, "extract_steps": true}]
                """))
            #expect(runner.calls.map { Value.map($0.args) } == [
                ["json": true],
                ["paths": ["."], "json_output": true],
                ["json_output": false],
                [:],
                ["prompt": "p"],
                ["prompt": "p", "structured": true, "json_output": true],
                ["prompt": "p", "json_output": true],
            ])
        }

        @Test func theExecutorUsesTheConfiguredTable() async throws {
            let runner = FakeRunner()
            var table = AutoJSONTable.standard
            table["deploy"] = "json"
            table["lint"] = nil
            let (executor, _) = Support.executor(runner) { $0.autoJSON = table }
            _ = await executor.run([BatchTask(command: "deploy"), BatchTask(command: "lint")])
            #expect(runner.calls.map { Value.map($0.args) } == [["json": true], [:]])
        }
    }
}
