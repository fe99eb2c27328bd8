import Foundation
import Testing
@testable import Scout

/// Foundation's JSONDecoder reads the guide's task objects into `BatchTask`s.
@Suite struct BatchTaskDecodingTests {
    @Test func theGuidesTasksDecode() throws {
        let json = #"""
            [{"command": "run", "args": {"cmd": "npm test"}, "skip_if": "${install_result.failed}", "store_as": "test_result"},
             {"command": "plan", "args": {"prompt": "Add authentication"}, "extract_steps": true, "subbatch_mode": "parallel"}]
            """#
        let tasks = try JSONDecoder().decode([BatchTask].self, from: Data(json.utf8))
        #expect(tasks.count == 2)
        #expect(tasks[0].command == "run")
        #expect(tasks[0].constantArgs["cmd"] == "npm test")
        #expect(tasks[0].storeAs == "test_result")
        #expect(tasks[0].skipIf.map(ExpressionPrinter.source) == "install_result.failed")
        #expect(tasks[1].extractSteps)
        #expect(tasks[1].subbatchMode == .parallel)
    }

    @Test func aBadTaskIsADecodingErrorNamingItsIndexAndField() {
        let json = #"[{"command": "run"}, {"args": {}}]"#
        do {
            _ = try JSONDecoder().decode([BatchTask].self, from: Data(json.utf8))
            Issue.record("a task without command must not decode")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "<decoded>: task 1, field \"command\": missing: every task needs a command")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
