import Scout
import Testing

/// `fail` ends a run as a failure (exit 1), beside `stop`, which ends it as a success.
@Suite struct FailStatementTests {
    @Test func failEndsTheRunWithStatusOneAndItsReason() async throws {
        let run = try await ScoutBinary.run(["-e", """
            run "echo M dirty.c" store as changes
            fail "the working tree is dirty" if changes.output != ""
            print "not reached"
            """])
        #expect(run.status == 1)
        #expect(run.stdout == "M dirty.c\n")
        #expect(run.stderr.contains("✗ failed: the working tree is dirty"))
        #expect(run.stderr.contains("(failed: the working tree is dirty)"))
    }

    @Test func failWithAFalseConditionDoesNothing() async throws {
        let run = try await ScoutBinary.run(["-e", "fail \"no\" if 1 > 2\nprint \"on\""])
        #expect(run.status == 0)
        #expect(run.stdout == "on\n")
    }

    @Test func quietStillSaysWhyARunFailedOrStopped() async throws {
        let failed = try await ScoutBinary.run(["-q", "-e", "print \"a\"\nfail \"broken build\""])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("broken build"))
        let stopped = try await ScoutBinary.run(["-q", "-e", "print \"a\"\nstop \"nothing to do\"\nprint \"b\""])
        #expect(stopped.status == 0)
        #expect(stopped.stdout == "a\n")
        #expect(stopped.stderr == "stopped: nothing to do\n")
    }

    @Test func failInsideAParallelBlockStartsNothingNew() async throws {
        let run = try await ScoutBinary.run(["-e", """
            parallel(max: 1) {
              task a { fail "a broke" }
              task b { print "b" }
            }
            print "after"
            """])
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("failed: a broke"))
    }

    @Test func withoutAReasonItSaysWhere() async throws {
        let run = try await ScoutBinary.run(["-e", "print 1\nfail"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("fail at -e:2"))
    }
}
