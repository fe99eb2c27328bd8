import Glibc
import Scout
import Testing

/// `--watch`, through the binary: scout runs in the background under a shell that edits files,
/// waits for each run to show in a log, then sends Ctrl-C (SIGINT) by pid.
@Suite struct WatchTests {
    /// Runs `steps` (shell) beside `scout --watch SCRIPT`, then SIGINTs scout; scout's exit status.
    /// `wait_runs N` waits (up to 60 s) until runs.log has N lines.
    static func drive(_ dir: String, _ script: String, _ steps: String, options: String = "") async throws -> ProcessOutcome {
        let driver = """
            cd '\(dir)'
            wait_runs() { n=0; while [ "$(cat runs.log 2>/dev/null | wc -l)" -lt "$1" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done; }
            SCOUT_WATCH_QUIET_MS=1500 '\(ScoutBinary.path)' \(options) '\(script)' -q --watch > watch.out 2> watch.err & pid=$!
            \(steps)
            kill -INT $pid
            wait $pid
            """
        return try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["/bin/sh", "-c", driver]), timeout: .seconds(300)))
    }

    static func lines(_ path: String) -> [String] {
        ((try? LocalFile.readText(path)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aBurstOfEditsToASourceRunsOnceAndAnEditedScriptRunsAgain() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        mkdir(dir + "/src", 0o755)
        CommandLineTests.write("a\n", to: dir + "/src/a.txt")
        CommandLineTests.write("unwatched\n", to: dir + "/notes.txt")
        CommandLineTests.write("""
            use cwd(script_dir)
            run "cat src/a.txt > out.txt && echo run >> runs.log" sources "src/a.txt" generates "out.txt"

            """, to: dir + "/w.scout")
        let outcome = try await WatchTests.drive(dir, "w.scout", """
            wait_runs 1
            i=0; while [ $i -lt 20 ]; do echo "edit $i" > src/a.txt; i=$((i+1)); done
            wait_runs 2
            echo "not a source" >> notes.txt
            sleep 3
            echo 'print "edited"' >> w.scout
            wait_runs 2
            n=0; while ! grep -q edited watch.out && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done
            sleep 2
            """)
        #expect(outcome.status == .exited(128 + SIGINT), "\(outcome)")
        let err = String(decoding: outcome.stderr, as: UTF8.self) + ((try? LocalFile.readText(dir + "/watch.err")) ?? "")
        #expect(WatchTests.lines(dir + "/runs.log") == ["run", "run"], "one run, then one for the burst; the script's edit runs it again but the task is up to date: \(err)")
        #expect((try? LocalFile.readText(dir + "/out.txt")) == "edit 19\n")
        #expect(WatchTests.lines(dir + "/watch.out") == ["edited"], "\(err)")
        #expect(err.contains("scout: watching 2 files for changes (Ctrl-C to stop)"), "\(err)")
        #expect(err.contains("scout: src/a.txt changed: running again"), "\(err)")
        #expect(err.contains("scout: w.scout changed: running again"), "\(err)")
        #expect(!err.contains("notes.txt"), "\(err)")
    }

    @Test func withoutSourcesTheDirectoryIsWatchedButNotWhatTheRunWrites() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        mkdir(dir + "/docs", 0o755)
        CommandLineTests.write("x\n", to: dir + "/docs/a.md")
        CommandLineTests.write("""
            use cwd(script_dir)
            run "echo run >> runs.log; ls docs > listing.txt"
            """, to: dir + "/t.scout")
        let outcome = try await WatchTests.drive(dir, "t.scout", """
            wait_runs 1
            sleep 3
            echo hidden > .hidden
            mkdir docs/new
            wait_runs 2
            sleep 2
            echo y > docs/new/b.md
            wait_runs 3
            sleep 3
            """)
        #expect(outcome.status == .exited(128 + SIGINT), "\(outcome)")
        let err = (try? LocalFile.readText(dir + "/watch.err")) ?? ""
        #expect(WatchTests.lines(dir + "/runs.log").count == 3, "the run's own runs.log and listing.txt start nothing: \(err)")
        #expect(err.contains("scout: docs/new changed: running again"), "\(err)")
        #expect(err.contains("scout: docs/new/b.md changed: running again"), "a directory made later is watched too: \(err)")
        #expect(!err.contains(".hidden"), "\(err)")
    }

    @Test func withRestartAChangeDuringARunEndsItAndStartsItAgain() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("1\n", to: dir + "/in.txt")
        CommandLineTests.write("""
            use cwd(script_dir)
            run "echo start >> runs.log; cat in.txt > out.txt; while [ ! -f go ]; do sleep 0.1; done; echo end >> runs.log" sources "in.txt" generates "out.txt"

            """, to: dir + "/r.scout")
        // `go` lets the first run end; the second waits for it until the edit restarts it.
        let outcome = try await WatchTests.drive(dir, "r.scout", """
            touch go
            wait_runs 2
            rm go
            echo 2 > in.txt
            wait_runs 3
            echo 3 > in.txt
            wait_runs 4
            touch go
            wait_runs 5
            sleep 2
            """, options: "--restart")
        #expect(outcome.status == .exited(128 + SIGINT), "\(outcome)")
        let err = (try? LocalFile.readText(dir + "/watch.err")) ?? ""
        #expect(WatchTests.lines(dir + "/runs.log") == ["start", "end", "start", "start", "end"], "the second run was ended by the edit: \(err)")
        #expect((try? LocalFile.readText(dir + "/out.txt")) == "3\n")
        #expect(err.contains("(stopped: in.txt changed: restarting)"), "\(err)")
    }

    @Test func aSourceEditedDuringTheFirstRunRunsItAgain() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("1\n", to: dir + "/in.txt")
        CommandLineTests.write("let note = \"one\"\n", to: dir + "/lib.scout")
        // The first run learns its sources only as it runs: an edit before it ends still counts.
        CommandLineTests.write("""
            import "lib.scout"
            use cwd(script_dir)
            run "cat in.txt > out.txt; echo run >> runs.log; while [ ! -f go ]; do sleep 0.1; done" sources "in.txt" generates "out.txt"
            print note

            """, to: dir + "/first.scout")
        let outcome = try await WatchTests.drive(dir, "first.scout", """
            wait_runs 1
            echo 2 > in.txt
            touch go
            wait_runs 2
            sleep 3
            echo 'let note = "two"' > lib.scout
            n=0; while ! grep -q two watch.out && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done
            sleep 2
            """)
        #expect(outcome.status == .exited(128 + SIGINT), "\(outcome)")
        let err = (try? LocalFile.readText(dir + "/watch.err")) ?? ""
        #expect(WatchTests.lines(dir + "/runs.log") == ["run", "run"], "the edit of the imported file runs the script, whose task is up to date: \(err)")
        #expect(WatchTests.lines(dir + "/watch.out") == ["one", "one", "two"], "\(err)")
        #expect(err.contains("scout: lib.scout changed: running again"), "\(err)")
        #expect((try? LocalFile.readText(dir + "/out.txt")) == "2\n", "\(err)")
        #expect(err.contains("scout: in.txt changed: running again"), "\(err)")
    }

    @Test func restartWithoutWatchIsAUsageError() async throws {
        let run = try await ScoutBinary.run(["--restart", "-e", "print 1"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--restart only has a meaning with --watch"), "\(run)")
    }

    @Test func watchingCodeIsAUsageError() async throws {
        let run = try await ScoutBinary.run(["--watch", "-e", "print 1"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--watch needs a script file"), "\(run)")
    }
}
