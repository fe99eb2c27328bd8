import Glibc
import Scout
import ScoutTestSupport
import Testing

/// How tasks run together, as a user of the `scout` command sees it: `--jobs` across nested
/// parallel blocks, `--fail-fast` ending siblings, and tasks told apart by name and iteration.
@Suite struct ExecutorCommandLineTests {
    /// A `run` that marks itself running in `dir/c` while it works, logging how many tasks were
    /// marked running when it started (never fewer than were really running at once).
    static func counted(_ dir: String) -> String {
        #"run "mkdir -p \#(dir)/c; touch \#(dir)/c/$$; ls \#(dir)/c | wc -l >> \#(dir)/log; sleep 0.2; rm \#(dir)/c/$$""#
    }

    static func nested(_ task: String) -> String {
        """
        parallel {
          task a {
            parallel {
              \(task)
              \(task)
            }
          }
          task b {
            parallel for i in range(3) {
              \(task)
            }
          }
          \(task)
        }
        """
    }

    static func events(_ stderr: String) throws -> [Value] {
        try stderr.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    @Test func jobsCapsTheTasksRunningAtOnceAcrossNestedParallelBlocks() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(ExecutorCommandLineTests.nested(ExecutorCommandLineTests.counted(dir)), to: dir + "/jobs.scout")
        let run = try await ScoutBinary.run(["-j", "2", dir + "/jobs.scout"])
        #expect(run.status == 0, "\(run)")
        let seen = try LocalFile.readText(dir + "/log").split(separator: "\n").compactMap { Int($0.filter { !$0.isWhitespace }) }
        #expect(seen.count == 6)
        #expect(seen.allSatisfy { $0 <= 2 }, "\(seen)")
        #expect(run.stderr.contains("3 succeeded"), "\(run)")
    }

    @Test func jobsOneRunsOneTaskAtATime() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(ExecutorCommandLineTests.nested(ExecutorCommandLineTests.counted(dir)), to: dir + "/jobs.scout")
        let run = try await ScoutBinary.run(["--jobs", "1", dir + "/jobs.scout"])
        #expect(run.status == 0, "\(run)")
        let seen = try LocalFile.readText(dir + "/log").split(separator: "\n").compactMap { Int($0.filter { !$0.isWhitespace }) }
        #expect(seen == [1, 1, 1, 1, 1, 1])
    }

    @Test func byDefaultEveryTaskOfNestedBlocksCanRunAtOnce() async throws {
        // Each task waits (up to 30 s) until all six are running: only a cap below 6 stops that.
        func barrier(_ dir: String, tries: Int) -> String {
            #"run "mkdir -p \#(dir)/c; touch \#(dir)/c/$$; n=0; while [ $(ls \#(dir)/c | wc -l) -lt 6 ] && [ $n -lt \#(tries) ]; do sleep 0.05; n=$((n+1)); done; [ $(ls \#(dir)/c | wc -l) -ge 6 ]""#
        }
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(ExecutorCommandLineTests.nested(barrier(dir, tries: 600)), to: dir + "/all.scout")
        let run = try await ScoutBinary.run([dir + "/all.scout"])
        #expect(run.status == 0, "\(run)")
        // The same six under -j 5 cannot all be running at once: they give up and fail.
        let other = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(ExecutorCommandLineTests.nested(barrier(other, tries: 10)), to: other + "/capped.scout")
        let capped = try await ScoutBinary.run(["-j", "5", other + "/capped.scout"])
        #expect(capped.status == 1, "\(capped)")
    }

    @Test func failFastEndsTheTasksRunningBesideAFailedOne() async throws {
        let marker = "130.\(getpid())7"
        let script = """
            parallel {
              run "sleep \(marker)"
              task check { run "sleep 0.2; false" }
              run "echo quick"
            }
            print "not reached"
            """
        let clock = ContinuousClock()
        let started = clock.now
        let run = try await ScoutBinary.run(["--fail-fast", "-e", script])
        let seconds = (clock.now - started).components.seconds
        #expect(run.status == 1, "\(run)")
        // Far below the sleep it ended, with room for a loaded machine.
        #expect(seconds < 60, "\(run)")
        #expect(run.stdout == "quick\n")
        #expect(await LiveProcesses.noneLeft(matching: "sleep \(marker)"))
        #expect(run.stderr.contains("cancelled: run sleep 0.2; false failed (fail-fast)"), "\(run)")
        #expect(run.stderr.contains("1 succeeded, 1 failed, 1 cancelled"), "\(run)")
        // The summary lists the failure, not the task it cancelled.
        let failures = run.stderr.components(after: "Failures:")
        #expect(failures.contains("check › run sleep 0.2; false: exit status 1"), "\(run)")
        #expect(!failures.contains("sleep \(marker):"), "\(run)")
    }

    @Test func useFailFastEndsNestedSiblingsAndSaysSoInEvents() async throws {
        let marker = "131.\(getpid())3"
        let dir = CommandLineTests.temporaryDirectory()
        // The failure waits until the sleep runs: fail-fast must end it, not skip it.
        let script = """
            use fail_fast
            parallel {
              task slow { parallel { run "touch started; sleep \(marker)" } }
              run "while [ ! -e started ]; do sleep 0.05; done; false"
            }
            """
        let clock = ContinuousClock()
        let started = clock.now
        let run = try await ScoutBinary.run(["--events", "json", "-e", script], in: dir)
        #expect((clock.now - started).components.seconds < 60, "\(run)")
        #expect(run.status == 1, "\(run)")
        #expect(await LiveProcesses.noneLeft(matching: "sleep \(marker)"))
        let events = try ExecutorCommandLineTests.events(run.stderr)
        let sleep = try #require(events.first { ($0["metadata"]?["label"]?.stringValue ?? "").hasPrefix("run touch started") && $0["status"] == "failure" })
        #expect(sleep["metadata"]?["cancelled"] == true)
        let complete = try #require(events.last)
        #expect(complete["metadata"]?["failure_count"] == 1)
        #expect(complete["metadata"]?["cancelled_count"] == 1)
    }

    @Test func aQuietRunNamesAFailedStepAsAFullRunDoes() async throws {
        let script = """
            for f in ["a.c", "b.c"] {
              task compile {
                run "echo compiling ${f}"
                run "test ${f} = a.c"
              }
            }
            """
        let quiet = try await ScoutBinary.run(["-q", "-e", script])
        let full = try await ScoutBinary.run(["-e", script])
        #expect(quiet.status == 1 && full.status == 1, "\(quiet)\n\(full)")
        for run in [quiet, full] {
            let failures = run.stderr.components(after: "Failures:")
            #expect(failures.contains("✗ compile [f=b.c] › run test b.c = a.c: exit status 1"), "\(run)")
            #expect(run.stderr.contains("1 succeeded, 1 failed"), "\(run)")
        }
        #expect(quiet.stdout == full.stdout)
    }

    @Test func prefixedOutputLabelsLinesWithTheTasksName() async throws {
        let script = """
            task lint { run "echo linting; echo done" }
            parallel for f in ["a.c", "b.c"] { run "echo cc ${f}" }
            run "echo plain"
            run "echo stored" store as st
            command greet(who) { run "echo hi ${who}" }
            task welcome { greet "amy" }
            """
        let run = try await ScoutBinary.run(["--output", "prefixed", "-e", script])
        #expect(run.status == 0, "\(run)")
        let lines = Set(run.stdout.split(separator: "\n").map(String.init))
        #expect(lines == [
            "[lint] linting", "[lint] done", "[run echo cc a.c f=a.c] cc a.c", "[run echo cc b.c f=b.c] cc b.c",
            "[run echo plain] plain", "[st] stored", "[welcome] hi amy",
        ], "\(run)")
    }

    @Test func iterationsAreToldApartInEventsLogLinesAndTheSummary() async throws {
        let script = """
            parallel for f in ["a.c", "b.c"] {
              task compile { run "test ${f} != b.c" }
            }
            """
        let events = try await ScoutBinary.run(["--events", "json", "-e", script])
        #expect(events.status == 1)
        let finished = try ExecutorCommandLineTests.events(events.stderr).filter { $0["metadata"]?["name"] == "compile" && $0["status"] != "running" }
        #expect(Set(finished.map { "\($0["status"]!.description) \($0["metadata"]!["label"]!.description) \($0["metadata"]!["iteration"]!.description)" })
                == ["success compile [f=a.c] f=a.c", "failure compile [f=b.c] f=b.c"])

        let log = try await ScoutBinary.run(["-e", script])
        #expect(log.stderr.contains("ok      compile [f=a.c] ("), "\(log)")
        #expect(log.stderr.contains("FAILED  compile [f=b.c] ("), "\(log)")
        #expect(log.stderr.contains("✗ compile [f=b.c] › run test b.c != b.c: exit status 1"), "\(log)")
        #expect(log.stderr.contains("1 succeeded, 1 failed"), "\(log)")
    }

    @Test func printsAndSleepsAreNotCountedAsTasks() async throws {
        let run = try await ScoutBinary.run(["--events", "json", "-e", "print \"a\"\nsleep 10ms\nrun \"true\"\nprint \"b\""])
        #expect(run.status == 0)
        let complete = try #require(try ExecutorCommandLineTests.events(run.stderr).last)
        #expect(complete["metadata"]?["success_count"] == 1)
        #expect(complete["metadata"]?["total"] == 1)
        let plain = try await ScoutBinary.run(["-e", "print \"a\"\nrun \"true\"\nprint \"b\" store as named"])
        #expect(plain.stderr.contains("2 succeeded in"), "\(plain)")
        let onlyPrints = try await ScoutBinary.run(["-e", "print 1"])
        #expect(onlyPrints.stderr.contains("done in"), "\(onlyPrints)")
        // A failed print is counted: a failure is never left out.
        let failed = try await ScoutBinary.run(["-e", "print {}.x.y"])
        #expect(failed.status == 1)
    }
}

extension String {
    /// The text after the first occurrence of `marker`, or "".
    func components(after marker: String) -> String {
        let parts = split(separator: marker, maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[1]) : ""
    }
}
