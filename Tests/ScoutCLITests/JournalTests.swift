import Glibc
import Scout
import Testing

/// `--journal`, `--resume` and `--resume-failed`, through the binary.
@Suite struct JournalTests {
    static func lines(_ path: String) -> [String] {
        ((try? LocalFile.readText(path)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func resumingFailedRunsExactlyTheFailuresAndEndsAsACleanRunWould() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = dir + "/fan.scout"
        CommandLineTests.write("""
            use cwd(script_dir)
            parallel(max: 16) for i in range(1000) store as all {
              run "echo ${i} >> runs.log; test ${i} -ne 3 && test ${i} -ne 500 && test ${i} -ne 998 || test -f fixed"
            }
            let ok = 0
            for r in all {
              if r.ok { let ok = ok + 1 }
            }
            print "ok: ${ok} of ${len(all)}"
            """, to: script)
        let first = try await ScoutBinary.run(["--journal", dir + "/j.ndjson", script], timeout: .seconds(600))
        #expect(first.status == 1, "\(first)")
        #expect(first.stdout == "ok: 997 of 1000\n", "\(first)")
        #expect(JournalTests.lines(dir + "/runs.log").count == 1000)
        #expect(JournalTests.lines(dir + "/j.ndjson").count == 1000)

        CommandLineTests.write("", to: dir + "/fixed")
        let resumed = try await ScoutBinary.run(["--journal", dir + "/j.ndjson", "--resume-failed", script], timeout: .seconds(600))
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.stdout == "ok: 1000 of 1000\n", "\(resumed)")
        #expect(Array(JournalTests.lines(dir + "/runs.log").dropFirst(1000)).sorted() == ["3", "500", "998"], "exactly the failures ran again")
        #expect(resumed.stderr.contains("resumed: 997 tasks kept their results from the journal"), "\(resumed)")

        // Everything is in the journal now: resuming again runs nothing.
        let again = try await ScoutBinary.run(["--journal", dir + "/j.ndjson", "--resume", script], timeout: .seconds(600))
        #expect(again.status == 0, "\(again)")
        #expect(JournalTests.lines(dir + "/runs.log").count == 1003)
    }

    @Test func resumeKeepsResultsForLaterConditionsAndFailuresAsTheyWere() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = dir + "/keep.scout"
        CommandLineTests.write("""
            use cwd(script_dir)
            run "echo ran >> runs.log; echo version-1.2" store as version
            run "echo broken >> runs.log; test -f fixed" store as flaky
            print "version ${version.output}, flaky ${flaky.status}"
            """, to: script)
        let journal = dir + "/j.ndjson"
        let first = try await ScoutBinary.run(["--journal", journal, script])
        #expect(first.status == 1, "\(first)")
        CommandLineTests.write("", to: dir + "/fixed")
        // --resume keeps the failure as it was (GNU parallel's --resume): nothing runs again.
        let resume = try await ScoutBinary.run(["--journal", journal, "--resume", script])
        #expect(resume.status == 1, "\(resume)")
        #expect(resume.stdout == "version version-1.2, flaky failure\n", "\(resume)")
        #expect(JournalTests.lines(dir + "/runs.log") == ["ran", "broken"])
        let failed = try await ScoutBinary.run(["--journal", journal, "--resume-failed", script])
        #expect(failed.status == 0, "\(failed)")
        #expect(failed.stdout == "version version-1.2, flaky success\n", "\(failed)")
        #expect(JournalTests.lines(dir + "/runs.log") == ["ran", "broken", "broken"])
    }

    @Test func aRunKilledMidwayResumesWithoutRunningAFinishedTaskAgain() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = dir + "/slow.scout"
        CommandLineTests.write("""
            use cwd(script_dir)
            for i in range(8) {
              run "echo ${i} >> runs.log; sleep 0.3"
            }
            """, to: script)
        let journal = dir + "/j.ndjson"
        // scout in the background, SIGKILLed once four tasks have written their line.
        let driver = """
            '\(ScoutBinary.path)' -q --journal '\(journal)' '\(script)' & pid=$!
            n=0
            while [ "$(cat '\(dir)/runs.log' 2>/dev/null | wc -l)" -lt 4 ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done
            kill -9 $pid
            wait $pid
            exit 0
            """
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["/bin/sh", "-c", driver]), timeout: .seconds(120)))
        #expect(outcome.status == .exited(0))
        let finished = JournalTests.lines(journal).count
        #expect(finished >= 3 && finished < 8, "killed midway: \(finished) tasks in the journal")

        let resumed = try await ScoutBinary.run(["--journal", journal, "--resume", script], timeout: .seconds(120))
        #expect(resumed.status == 0, "\(resumed)")
        let runs = JournalTests.lines(dir + "/runs.log")
        #expect(Set(runs) == Set((0..<8).map(String.init)), "every task ran: \(runs)")
        // Only the task running when scout was killed may have run twice.
        #expect(runs.count <= 9, "\(runs)")
        for line in JournalTests.lines(journal).prefix(finished) {
            #expect(runs.filter { line.contains("\"key\":\"slow.scout:3:3|i=\($0)|") }.count == 1, "\(line)")
        }
    }

    @Test func aJournalCutShortIsReadUpToItsLastWholeLine() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = dir + "/two.scout"
        CommandLineTests.write("""
            use cwd(script_dir)
            run "echo a >> runs.log"
            run "echo b >> runs.log"
            """, to: script)
        let journal = dir + "/j.ndjson"
        _ = try await ScoutBinary.run(["--journal", journal, script])
        // The second line cut in its middle, as a full disk or a crash would leave it.
        let whole = JournalTests.lines(journal)
        #expect(whole.count == 2)
        CommandLineTests.write(whole[0] + "\n" + String(whole[1].prefix(30)), to: journal)
        let resumed = try await ScoutBinary.run(["--journal", journal, "--resume", script])
        #expect(resumed.status == 0, "\(resumed)")
        #expect(JournalTests.lines(dir + "/runs.log") == ["a", "b", "b"])
        let after = JournalTests.lines(journal)
        #expect(after.count == 3 && after[2].hasPrefix("{\"key\""), "the new entry starts a line of its own: \(after)")
    }

    @Test func resumingNeedsAJournal() async throws {
        let run = try await ScoutBinary.run(["--resume-failed", "-e", "print 1"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--resume-failed needs --journal PATH"), "\(run)")
        let missing = try await ScoutBinary.run(["--journal", "/nonexistent/dir/j.ndjson", "--resume", "-e", "print 1"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("cannot resume from the journal /nonexistent/dir/j.ndjson: no such file"), "\(missing)")
    }
}
