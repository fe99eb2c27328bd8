@testable import Scout
import Testing

/// `for ... store as NAME`: iterations that never ran are in the list, skipped.
@Suite struct LoopStoreTests {
    @Test func iterationsAfterAStopAreSkipped() async throws {
        let o = try await ScriptHarness.run("""
            for x in range(4) store as rs {
              stop "enough" if x == 1
              print x
            }
            """)
        guard case .list(let rs)? = o.value("rs") else {
            Issue.record("rs is not a list: \(String(describing: o.value("rs")))")
            return
        }
        #expect(rs.map { $0.member("status")?.stringValue } == ["success", "success", "skipped", "skipped"])
        #expect(rs.map { $0.member("item") } == [.int(0), .int(1), .int(2), .int(3)])
        #expect(rs[3].member("skip_reason")?.stringValue == "pipeline stopped: enough")
    }

    @Test func parallelIterationsNotStartedAfterFailFastAreSkipped() async throws {
        let o = try await ScriptHarness.run("""
            use fail_fast
            parallel(max: 1) for x in range(3) store as rs {
              run "exit 3" if x == 0
            }
            """)
        guard case .list(let rs)? = o.value("rs") else {
            Issue.record("rs is not a list")
            return
        }
        #expect(rs.map { $0.member("status")?.stringValue } == ["failure", "skipped", "skipped"])
        #expect(rs[0].member("exit_code") == .int(3))
    }
}
