import Glibc
import Scout
import Testing

/// `--dry-run` as a user runs it: the whole plan, conditions on tasks that did not run shown
/// both ways, nothing counted as run.
@Suite struct DryRunTests {
    /// The README's first example, with a marker file in place of `make deploy`.
    static func readmeExample(_ dir: String) -> String {
        """
        let env = "staging"

        run "git status --porcelain", quiet: true store as status
        fail "working tree is dirty" if status.output != ""

        parallel(max: 4) {
          task lint  { run "make lint" }
          task test  { run "make test" }
          task build { run "make build" }
        }

        task deploy if lint.ok && test.ok && build.ok {
          retry 3
          timeout 10m
          run "touch \(dir)/deployed ENV=${env}"
        }
        """
    }

    @Test func theReadmeExampleShowsTheWholePlanAndRunsNothing() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = dir + "/ci.scout"
        CommandLineTests.write(DryRunTests.readmeExample(dir), to: script)
        let run = try await ScoutBinary.run(["--dry-run", script])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == """
            would run: status: run git status --porcelain quiet: true
            would fail (if status.output != ""): working tree is dirty
            would run: lint: run make lint
            would run: test: run make test
            would run: build: run make build
            would run (if lint.ok && test.ok && build.ok): deploy: run touch \(dir)/deployed ENV=staging

            """)
        #expect(run.stderr == "dry run: 5 tasks would run, nothing ran\n", "\(run)")
        #expect(!run.stderr.contains("succeeded"))
        #expect(access(dir + "/deployed", F_OK) != 0)
    }

    @Test func anIfStatementOnAResultShowsBothPlansAndOneOnVariablesIsDecided() async throws {
        let run = try await ScoutBinary.run(["--dry-run", "--var", "env=prod", "-e", """
            run "make test" store as tests
            if env == "prod" {
              print "to prod"
            } else {
              print "to staging"
            }
            if tests.failed {
              print "tests failed"
              stop "no deploy"
            } else {
              run "make deploy"
            }
            run "make docs" skip_if tests.failed
            run "make page" stop_if tests.failed
            print "${tests.output}"
            fail "tests failed" if tests.failed
            """])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == """
            would run: tests: run make test
            would run: print to prod
            would run (if tests.failed): print tests failed
            would stop (if tests.failed): no deploy
            would run (unless tests.failed): run make deploy
            would run (skip_if tests.failed): run make docs
            would run (stop_if tests.failed): run make page
            would run: print <unknown>
            would fail (if tests.failed): tests failed

            """)
        #expect(run.stderr == "dry run: 7 tasks would run, nothing ran\n", "\(run)")
    }

    @Test func aLoopOverTheOutputOfATaskThatDidNotRunIsShownOnce() async throws {
        let run = try await ScoutBinary.run(["--dry-run", "-e", """
            run "ls src" store as listing
            for f in split(listing.output, "\\n") {
              run "cc -c ${f}"
            }
            for n in [1, 2] {
              print n
            }
            """])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == """
            would run: listing: run ls src
            would run (for f in split(listing.output, "\\n")): run cc -c '<unknown>'
            would run: print 1
            would run: print 2

            """)
        #expect(run.stderr == "dry run: 4 tasks would run, nothing ran\n", "\(run)")
    }

    @Test func eventsOfADryRunCountNoSuccess() async throws {
        let run = try await ScoutBinary.run(["--dry-run", "--events", "json", "-e", "run \"make\" store as m\nprint m.ok if m.ok"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains(#""status":"skipped","message":"m not run: dry run""#), "\(run)")
        #expect(run.stderr.contains(#""success_count":0"#), "\(run)")
        #expect(!run.stderr.contains(#""status":"success""#), "\(run)")
    }

    @Test func aDecidedStopStillStopsAndSkippedTasksAreCounted() async throws {
        let run = try await ScoutBinary.run(["--dry-run", "-e", """
            let fast = true
            run "make slow" skip_if fast
            stop "fast mode" if fast
            run "make never"
            """])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains("dry run: 0 tasks would run, 1 would be skipped, nothing ran (would stop: fast mode)"), "\(run)")
    }

    @Test func aJSONTaskListDoesNotStopOnTheResultOfATaskThatDidNotRun() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/tasks.json"
        CommandLineTests.write("""
            [
              {"command": "run", "args": {"cmd": "make lint"}, "store_as": "lint"},
              {"command": "run", "args": {"cmd": "make test"}, "stop_if": "${lint.failed}"},
              {"command": "run", "args": {"cmd": "make deploy"}, "if": "lint.ok"}
            ]
            """, to: path)
        let run = try await ScoutBinary.run(["-n", path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == """
            would run: lint: run make lint
            would run (stop_if lint.failed): run make test
            would run (if lint.ok): run make deploy

            """)
        #expect(run.stderr == "dry run: 3 tasks would run, nothing ran\n", "\(run)")
    }
}
