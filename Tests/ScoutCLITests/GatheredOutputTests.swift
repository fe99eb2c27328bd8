import Glibc
import Scout
import ScoutTestSupport
import Testing

/// Stdout to a pipe or a file is written in blocks, yet nothing is lost, reordered or held
/// back for long.
@Suite struct GatheredOutputTests {
    @Test func everyLineOfAManyTaskLoopArrivesInOrder() async throws {
        let run = try await ScoutBinary.run(["--quiet", "-e", "for i in range(5000) {\n  print i\n}"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 5000)
        #expect(lines.enumerated().allSatisfy { Int($0.element) == $0.offset })
    }

    @Test func stdoutAndStderrKeepTheirOrderWhenJoined() async throws {
        let script = "print \"one\"\nrun \"echo two >&2\"\nprint \"three\"\nrun \"echo four\"\nprint \"five\""
        let quoted = "'" + script.replacingAll("'", with: "'\\''") + "'"
        let run = try await HardeningCommandLineTests.shell("$SCOUT --quiet -e \(quoted) 2>&1")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "one\ntwo\nthree\nfour\nfive\n", "\(run)")
    }

    @Test func aLineIsNotHeldBackWhileTheRunWaits() async throws {
        // Killed while it sleeps: what it printed before must already be in the pipe.
        let run = try await HardeningCommandLineTests.shell(
            "timeout -s KILL 5 $SCOUT --quiet -e 'print \"early\"\nsleep 60s' | head -n 1", timeout: .seconds(60))
        #expect(run.stdout == "early\n", "\(run)")
    }

    @Test func aClosedPipeStillEndsTheRun() async throws {
        let run = try await HardeningCommandLineTests.shell("$SCOUT -e 'for i in range(10000000) {\n  print i\n}' | head -n 2", timeout: .seconds(120))
        #expect(run.stdout.hasPrefix("0\n1\n"), "\(run)")
    }
}

extension String {
    /// Every `target` replaced.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
