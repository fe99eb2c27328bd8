import Testing
@testable import Scout

/// A run counts every task but keeps only what it was asked to keep.
@Suite struct LeanRunTests {
    @Test func countsAreExactWhileOnlyTheFirstResultsAreKept() async throws {
        let code = """
            let r = null
            for i in range(50) {
              run_step i
            }
            """
        let outcome = try await ScriptHarness.run(code.replacingOccurrences("run_step i", "print i store as r")) { $0.keptResults = 10 }
        #expect(outcome.result.results.count == 10)
        #expect(outcome.result.counts.total == 50)
        #expect(outcome.result.counts.succeeded == 50)
        #expect(outcome.value("r.output") == "49")
        let complete = try #require(outcome.events.last)
        #expect(complete.metadata["success_count"] == 50)
        #expect(complete.metadata["total"] == 50)
    }

    @Test func aFailureIsCountedEvenWhenNoResultIsKept() async throws {
        let outcome = try await ScriptHarness.run("print \"a\" store as a\nrun \"exit 3\" store as b\nprint \"c\" if false store as c") { $0.keptResults = 0 }
        #expect(outcome.result.results.isEmpty)
        #expect(outcome.result.counts == {
            var c = TaskCounts()
            c.succeeded = 1
            c.failed = 1
            c.skipped = 1
            c.total = 3
            return c
        }())
        #expect(outcome.result.failed)
    }

    @Test func aBlockOfManyStepsTakesItsFieldsFromTheCountsNotAList() async throws {
        let code = """
            task build {
              for i in range(20) {
                print i
              }
              run "exit 4"
              print "after" if false
            }
            """
        let outcome = try await ScriptHarness.run(code) { $0.keptResults = 0 }
        #expect(outcome.value("build.status") == "failure")
        #expect(outcome.value("build.exit_code") == 4)
        #expect(outcome.value("build.error")?.stringValue?.contains("failed") == true)
    }

    @Test func bookkeepingTasksSendEventsOnlyWhenAsked() async throws {
        let code = "print \"x\"\nprint \"y\" store as named\nrun \"true\""
        let all = try await ScriptHarness.run(code)
        #expect(all.events.filter { $0.metadata["command"] == "print" && $0.status == .success }.count == 2)
        let lean = try await ScriptHarness.run(code) { $0.executor.reportedTasks = .counted }
        // The named print is counted, so it is reported; the unnamed one is not.
        #expect(lean.events.filter { $0.metadata["command"] == "print" }.map(\.metadata["name"]) == [.string("named"), .string("named")])
        #expect(lean.events.contains { $0.metadata["command"] == "run" && $0.status == .success })
        #expect(lean.stdout == "x\ny\n")
        let failures = try await ScriptHarness.run("task t {\n  run \"true\"\n  run \"exit 2\"\n}\nprint \"z\" if false") { $0.executor.reportedTasks = .failures }
        // The block (a parent) and the failed step are reported; the step that succeeded and the skip are not.
        #expect(failures.events.filter { $0.taskId.hasPrefix("task:") }.map { "\($0.metadata["command"]?.stringValue ?? "") \($0.status)" }
                == ["t running", "run failure", "t failure"])
    }

    @Test func aContextKeepsFailuresAndTheLastOfTheOthers() {
        let context = BatchContext(resultLimit: 3)
        for i in 0..<5000 {
            context.recordResult(i % 1000 == 0 ? .failure("no \(i)") : .success(output: .int(i)), id: "task:\(i):x")
        }
        let results = context.results
        #expect(results.filter(\.failed).count == 5)
        #expect(results.filter(\.ok).count <= 3 + 1024 * 2 + 3)
        #expect(context.result(id: "task:4999:x")?.output == .int(4999))
        #expect(context.result(id: "task:0:x")?.error == "no 0")
        let none = BatchContext(resultLimit: 0)
        none.recordResult(.success(), id: "a")
        none.recordResult(.failure("f"), id: "b")
        #expect(none.results.map(\.failed) == [true])
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
