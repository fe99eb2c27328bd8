import ScoutTestSupport
import Testing
@testable import Scout

/// Every clause of a task, in the language.
@Suite struct ClauseTests {
    @Test func ifRunsOnlyWhenTruthyOtherwiseSkipped() async throws {
        let o = try await ScriptHarness.run("""
            print "a" if true store as a
            print "b" if 0 store as b
            print a.status, b.status, b.skip_reason
            """)
        #expect(o.lines == ["a", "success skipped if 0 is false"])
    }

    @Test func skipIfSkipsWhenTruthy() async throws {
        let o = try await ScriptHarness.run("""
            print "a" skip_if [] store as a
            print "b" skip_if [1] store as b
            print a.status, b.status
            """)
        #expect(o.lines == ["a", "success skipped"])
    }

    @Test func stopIfIsCheckedBeforeTheTask() async throws {
        let o = try await ScriptHarness.run("""
            print "first" stop_if true
            print "second"
            """)
        #expect(o.stdout == "")
        #expect(o.result.stopReason?.contains("before") == true)
    }

    @Test func stopIfIsCheckedAgainAfterTheTaskWithItsOwnResult() async throws {
        let o = try await ScriptHarness.run("""
            task deploy {
              stop_if deploy.failed
              run "exit 1"
            }
            print "not reached"
            """)
        #expect(o.stdout == "")
        #expect(o.result.stopReason?.contains("after deploy") == true)
        #expect(o.value("deploy.status") == "failure")
    }

    @Test func retryCountsAttemptsAndEmitsRetryEvents() async throws {
        let o = try await ScriptHarness.run("""
            use retry(max_retries: 0, base_delay: 1ms, jitter_factor: 0)
            run "exit 1" retry 2 store as r
            print r.attempts
            """)
        #expect(o.lines == ["3"])
        #expect(o.events.filter { $0.status == .retry }.count == 2)
    }

    @Test func retryWithSettings() async throws {
        let o = try await ScriptHarness.run("""
            run "exit 1" retry(max_retries: 1, base_delay: 1ms, max_delay: 2ms, jitter_factor: 0) store as r
            print r.attempts
            """)
        #expect(o.lines == ["2"])
        let retry = try #require(o.events.first { $0.status == .retry })
        #expect(retry.metadata["delay_ms"] == 1)
    }

    @Test func anErrorIsNotRetried() async throws {
        let o = try await ScriptHarness.run("""
            run ["no-such-program-for-scout-tests"] retry 3 store as r
            print r.status, r.attempts
            """)
        #expect(o.lines == ["error 1"])
    }

    @Test func timeoutStopsTheTaskAndItsProcesses() async throws {
        let marker = "30.\(UInt32.random(in: 100_000...999_999))"
        let o = try await ScriptHarness.run("""
            run "sleep \(marker) & sleep \(marker)" timeout 200ms store as slow
            print slow.status, slow.timed_out, slow.error
            """)
        #expect(o.lines == ["failure true timed out after 200ms"])
        #expect(await LiveProcesses.noneLeft(matching: marker))
    }

    @Test func timeoutOfATaskBlockCoversAllItsSteps() async throws {
        let o = try await ScriptHarness.run("""
            task slow timeout 300ms {
              sleep 100ms
              sleep 10s
            }
            print slow.status, slow.timed_out
            """)
        #expect(o.lines == ["failure true"])
    }

    @Test func needsOrdersTasksInsideParallel() async throws {
        let o = try await ScriptHarness.run("""
            parallel {
              task last needs middle { print "3" }
              task middle needs first { print "2" }
              task first { sleep 50ms; print "1" }
            }
            """)
        #expect(o.lines == ["1", "2", "3"])
    }

    @Test func aFailedNeedSkipsItsDependents() async throws {
        let o = try await ScriptHarness.run("""
            parallel {
              task build { run "exit 1" }
              task deploy needs build { print "deploying" }
            }
            print deploy.status, deploy.skip_reason
            """)
        #expect(o.lines == ["skipped needs build, which did not succeed"])
    }

    @Test func extractStepsRunsASubBatch() async throws {
        let o = try await ScriptHarness.run(#"""
            run "printf '1. `echo one`\n2. `echo two`\n'", quiet: true extract steps store as plan
            print plan.sub_batch.summary
            """#)
        #expect(o.lines == ["one", "two", #"{"total":2,"successes":2,"failures":0}"#])
    }

    @Test func extractStepsFailsTheTaskWhenAStepFails() async throws {
        let o = try await ScriptHarness.run(#"""
            run "echo '[{\"command\": \"fail\", \"args\": {\"message\": \"x\"}}, {\"command\": \"print\", \"args\": {\"values\": [\"y\"]}}]'", quiet: true extract steps parallel store as plan
            print plan.status, plan.error
            """#)
        #expect(o.lines == ["y", "failure 1 of 2 sub-batch steps failed"])
    }
}
