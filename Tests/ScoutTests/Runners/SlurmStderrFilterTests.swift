import Testing
@testable import Scout

/// What is taken out of a step's standard error, and how a refused job is told apart.
@Suite struct SlurmStderrFilterTests {
    static let stream = """
        warning: disk almost full
        srun: error: node1: task 0: Exited with exit code 3
        srun: error: my own message
        srun: error: node-2: tasks 0-3,7: Killed
        slurmstepd-node1: error: *** STEP 14.0 ON node1 CANCELLED AT 2026-01-01T00:00:00 ***
        srun: err
        """

    static let kept = """
        warning: disk almost full
        srun: error: my own message
        slurmstepd-node1: error: *** STEP 14.0 ON node1 CANCELLED AT 2026-01-01T00:00:00 ***
        srun: err
        """

    @Test func onlySrunsTaskSummariesAreDropped() {
        #expect(String(decoding: SlurmStderrFilter.filtered(Array(Self.stream.utf8)), as: UTF8.self) == Self.kept)
        #expect(SlurmStderrFilter.isTaskSummary(Array("srun: error: vm: task 0: Terminated".utf8)[...]))
        #expect(!SlurmStderrFilter.isTaskSummary(Array("srun: error: vm: task x: Terminated".utf8)[...]))
        #expect(!SlurmStderrFilter.isTaskSummary(Array("srun: error: vm: task 0: ".utf8)[...]))
        #expect(!SlurmStderrFilter.isTaskSummary(Array("srun: error: Unable to allocate resources: x".utf8)[...]))
    }

    @Test func aStreamFedByteByByteGivesTheSameAndPassesOtherLinesAtOnce() {
        var filter = SlurmStderrFilter()
        var out: [UInt8] = []
        for byte in Self.stream.utf8 { out += filter.feed([byte][...]) }
        out += filter.finish()
        #expect(String(decoding: out, as: UTF8.self) == Self.kept)

        // A line that cannot be a summary is passed on before its end.
        var partial = SlurmStderrFilter()
        #expect(partial.feed(Array("progress 10%".utf8)[...]) == Array("progress 10%".utf8))
        #expect(partial.feed(Array("srun".utf8)[...]) == Array("srun".utf8))
        #expect(partial.feed(Array("\nsrun: e".utf8)[...]) == Array("\n".utf8))
        #expect(partial.finish() == Array("srun: e".utf8))
    }

    @Test func aRefusalIsSrunsOwnErrorWithNoTaskSummary() {
        let refused = "srun: error: Memory specification can not be satisfied\nsrun: error: Unable to allocate resources: Requested node configuration is not available\n"
        #expect(SlurmRefusal.reason(stderr: Array(refused.utf8)) == "Unable to allocate resources: Requested node configuration is not available")
        #expect(SlurmRefusal.reason(stderr: Array("srun: fatal: Invalid --time specification\n".utf8)) == "Invalid --time specification")
        let ran = "srun: error: Unable to allocate resources: nested\nsrun: error: vm: task 0: Exited with exit code 1\n"
        #expect(SlurmRefusal.reason(stderr: Array(ran.utf8)) == nil)
        #expect(SlurmRefusal.reason(stderr: Array("usage: tool FILE\n".utf8)) == nil)
    }

    @Test func aCancelledStepIsToldBySlurmstepdsLineNotByTheExitStatus() {
        let cancelled = "slurmstepd-vm: error: *** STEP 4.0 ON vm CANCELLED AT 2026-12-02T12:35:51 ***\nTerminated\n"
        #expect(SlurmRunner.saysCancelled(Array(cancelled.utf8)))
        #expect(SlurmRunner.saysCancelled(Array("slurmstepd: error: *** JOB 7 ON vm CANCELLED AT 2026-12-02T12:35:51 ***".utf8)))
        #expect(!SlurmRunner.saysCancelled(Array("echo CANCELLED AT noon\n".utf8)))
        #expect(!SlurmRunner.saysCancelled(Array("slurmstepd-vm: error: *** STEP 4.0 ON vm FAILED ***\n".utf8)))
    }

    @Test func aClusterThatCannotBeReachedIsNotCalledARefusal() {
        let stderr = "srun: error: resolve_ctls_from_dns_srv: res_nsearch error: Unknown host\nsrun: error: fetch_config: DNS SRV lookup failed\nsrun: fatal: Could not establish a configuration source\n"
        let reason = SlurmRefusal.reason(stderr: Array(stderr.utf8))
        #expect(reason == "Could not establish a configuration source")
        #expect(SlurmRefusal.message(reason ?? "").hasPrefix("no Slurm cluster answered: Could not establish a configuration source (srun reads"))
        #expect(SlurmRefusal.message("Unable to allocate resources: Requested node configuration is not available")
            == "slurm refused the job: Unable to allocate resources: Requested node configuration is not available")
    }
}
