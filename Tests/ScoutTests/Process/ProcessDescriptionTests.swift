import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// What people read: status and error descriptions.
@Suite struct ProcessDescriptionTests {
    @Test func terminationStatusDescriptions() {
        #expect(TerminationStatus.exited(0).description == "exit status 0")
        #expect(TerminationStatus.exited(3).description == "exit status 3")
        #expect(TerminationStatus.signaled(SIGTERM).description == "killed by SIGTERM")
        #expect(TerminationStatus.signaled(SIGKILL).description == "killed by SIGKILL")
        #expect(TerminationStatus.signaled(SIGINT).description == "killed by SIGINT")
        #expect(TerminationStatus.signaled(SIGSEGV).description == "killed by SIGSEGV")
        #expect(TerminationStatus.signaled(40).description == "killed by signal 40")
    }

    @Test func processErrorDescriptions() {
        #expect(ProcessError.commandNotFound("foo").description == "command not found: foo")
        #expect(ProcessError.workingDirectoryNotFound("/x").description == "working directory not found: /x")
        #expect(ProcessError.spawnFailed(program: "tool", errno: ENOENT).description
            == "cannot run tool: No such file or directory")
        #expect(ProcessError.emptyArgv.description == "empty command: no program to run")
    }

    @Test func succeededNeedsExitZeroWithoutTimeoutOrCancellation() {
        var outcome = ProcessOutcome(pid: 1, status: .exited(0), stdout: [], stderr: [])
        #expect(outcome.succeeded)
        outcome.timedOut = true
        #expect(!outcome.succeeded)
        outcome.timedOut = false
        outcome.cancelled = true
        #expect(!outcome.succeeded)
        outcome.cancelled = false
        outcome.status = .signaled(SIGTERM)
        #expect(!outcome.succeeded)
    }
}
