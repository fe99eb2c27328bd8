import Glibc
import Scout
import ScoutTestSupport
import Testing

/// What the command line does around a run: output of concurrent tasks, interrupts, events,
/// dry runs, a closed stdout, a full disk.
@Suite struct TerminalBehaviourTests {
    static func script(_ text: String) -> String {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(text, to: dir + "/s.scout")
        return dir + "/s.scout"
    }

    /// Three tasks printing many lines at once, each line naming its task.
    static let chatty = """
        parallel {
          run "for i in $(seq 1 300); do echo a-$i-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done" store as a
          run "for i in $(seq 1 300); do echo b-$i-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb; done" store as b
          run "for i in $(seq 1 300); do echo c-$i-cccccccccccccccccccccccccccccccccccc; done" store as c
        }
        """

    @Test func groupedOutputKeepsEachTasksLinesTogetherAndWhole() async throws {
        let run = try await ScoutBinary.run([TerminalBehaviourTests.script(TerminalBehaviourTests.chatty)])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 900)
        for line in lines {
            let tag = line.first!
            #expect(line == "\(tag)-\(line.split(separator: "-")[1])-" + String(repeating: String(tag), count: 36))
        }
        // Grouped: each task's 300 lines form one run.
        var runs = 1
        for (x, y) in zip(lines, lines.dropFirst()) where x.first != y.first { runs += 1 }
        #expect(runs == 3)
        for tag in ["a", "b", "c"] {
            let numbers = lines.filter { $0.hasPrefix(tag) }.map { Int($0.split(separator: "-")[1])! }
            #expect(numbers == Array(1...300))
        }
    }

    @Test func prefixedOutputNamesEveryLineAndNeverSplitsOne() async throws {
        let run = try await ScoutBinary.run(["--output", "prefixed", TerminalBehaviourTests.script(TerminalBehaviourTests.chatty)])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 900)
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            let tag = parts[0].dropFirst().dropLast()
            #expect(parts[0] == "[\(tag)]")
            #expect(parts[1].hasPrefix(tag + "-"))
            #expect(parts[1].hasSuffix(String(repeating: String(tag), count: 36)))
        }
    }

    @Test func sequentialOutputStreamsInOrder() async throws {
        let run = try await ScoutBinary.run(["-e", "run \"printf 'no newline'\"\nprint \"next\""])
        #expect(run.stdout == "no newlinenext\n")
    }

    @Test func ctrlCStopsEveryTaskAndExits130() async throws {
        let marker = "300.\(UInt32.random(in: 100_000...999_999))"
        let path = TerminalBehaviourTests.script("""
            parallel {
              run "sleep \(marker)"
              run "trap '' TERM; sleep \(marker)"
              run "sleep \(marker) & sleep \(marker)"
            }
            print "not reached"
            """)
        let supervisor = ProcessSupervisor()
        let spec = ProcessSpec(program: .argv([ScoutBinary.path, path]), environmentOverrides: ["NO_COLOR": "1"], timeout: .seconds(120))
        async let outcome = supervisor.run(spec)
        #expect(await LiveProcesses.running(4, matching: marker))
        supervisor.signalAll(SIGINT)
        let result = try await outcome
        #expect(result.status == .exited(130))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "")
        #expect(String(decoding: result.stderr, as: UTF8.self).contains("interrupted"))
        #expect(await LiveProcesses.noneLeft(matching: marker))
    }

    @Test func sigtermStopsEveryTaskAndExits143() async throws {
        let marker = "300.\(UInt32.random(in: 100_000...999_999))"
        let path = TerminalBehaviourTests.script("run \"sleep \(marker)\"\n")
        let supervisor = ProcessSupervisor()
        async let outcome = supervisor.run(ProcessSpec(program: .argv([ScoutBinary.path, path]), timeout: .seconds(120)))
        #expect(await LiveProcesses.running(matching: marker))
        supervisor.signalAll(SIGTERM)
        #expect(try await outcome.status == .exited(143))
        #expect(await LiveProcesses.noneLeft(matching: marker))
    }

    @Test func eventsJSONFollowsTheGuidesOrder() async throws {
        let run = try await ScoutBinary.run(["--events", "json", "-e", "print \"hi\" store as greeting\nrun \"true\" if false"])
        #expect(run.status == 0)
        let events = try run.stderr.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let pairs = events.map { "\($0["task_id"]!.description) \($0["status"]!.description)" }
        #expect(pairs == ["batch:start running", "task:0:print running", "task:0:print success", "task:1:run skipped", "batch:complete complete"])
        for e in events {
            #expect(e["message"]?.stringValue != nil)
            #expect(e["metadata"]?.mapValue != nil)
            #expect((e["timestamp"]?.doubleValue ?? 0) > 1_700_000_000)
        }
        let complete = try #require(events.last)
        #expect(complete["metadata"]?["success_count"] == 1)
        #expect(complete["metadata"]?["total"] == 2)
        #expect(complete["metadata"]?["total_duration_ms"]?.intValue != nil)
    }

    @Test func eventsFileGetsTheEventsAndTheTerminalTheProgress() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let run = try await ScoutBinary.run(["--events-file", dir + "/events.ndjson", "-e", "print 1"])
        #expect(run.status == 0)
        let lines = try LocalFile.readText(dir + "/events.ndjson").split(separator: "\n")
        #expect(lines.count == 4)
        #expect(run.stderr.contains("done in"))
    }

    /// `--events-fd 3` with `3>FILE`: the events in the file, never among what tasks write to stderr.
    @Test func eventsFDKeepsTheEventsApartFromTheTasksStderr() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = TerminalBehaviourTests.script("run \"echo from-the-task >&2\" store as t\nprint t.exit_code\n")
        let line = "'\(ScoutBinary.path)' --events-fd 3 '\(path)' 3>'\(dir)/events.ndjson'"
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(
            program: .argv(["bash", "-c", line]), environmentOverrides: ["NO_COLOR": "1"], timeout: .seconds(60)))
        let stderr = String(decoding: outcome.stderr, as: UTF8.self)
        #expect(outcome.status == .exited(0), "\(stderr)")
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "0\n")
        #expect(stderr.contains("from-the-task\n"), "\(stderr)")
        #expect(stderr.contains("1 succeeded"), "the progress view stays on stderr: \(stderr)")
        #expect(!stderr.contains("task_id"), "\(stderr)")
        let events = try LocalFile.readText(dir + "/events.ndjson").split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(events.map { $0["task_id"]?.stringValue ?? "" } == ["batch:start", "task:0:run", "task:0:run", "task:1:print", "task:1:print", "batch:complete"])
        let closed = try await ProcessSupervisor.shared.run(ProcessSpec(
            program: .argv(["bash", "-c", "'\(ScoutBinary.path)' --events-fd 3 -e 'print 1' 3>&-"]), timeout: .seconds(60)))
        #expect(closed.status == .exited(2))
        #expect(String(decoding: closed.stderr, as: UTF8.self).contains("--events-fd 3: file descriptor 3 is not open"))
    }

    /// The descriptors open at start are read with one poll, or one by one under an
    /// open-file limit below the number polled: both tell an inherited descriptor (200 here,
    /// 9 under `ulimit -n 64`) from a closed one.
    @Test func eventsFDKnowsInheritedDescriptorsHighUpAndUnderALowOpenFileLimit() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let cases = [
            ("'\(ScoutBinary.path)' --events-fd 200 -e 'print 1' 200>'\(dir)/high.ndjson'", "high"),
            ("ulimit -n 64; '\(ScoutBinary.path)' --events-fd 9 -e 'print 1' 9>'\(dir)/low.ndjson'", "low"),
        ]
        for (line, name) in cases {
            let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["bash", "-c", line]), timeout: .seconds(60)))
            #expect(outcome.status == .exited(0), "\(name): \(String(decoding: outcome.stderr, as: UTF8.self))")
            let events = try LocalFile.readText("\(dir)/\(name).ndjson").split(separator: "\n")
            #expect(events.count == 4, "\(name): \(events)")
        }
        let closed = try await ProcessSupervisor.shared.run(ProcessSpec(
            program: .argv(["bash", "-c", "ulimit -n 64; '\(ScoutBinary.path)' --events-fd 9 -e 'print 1' 9>&-"]), timeout: .seconds(60)))
        #expect(closed.status == .exited(2))
        #expect(String(decoding: closed.stderr, as: UTF8.self).contains("--events-fd 9: file descriptor 9 is not open"))
    }

    @Test func aFullDiskForTheEventsFileIsReportedAndFailsTheRun() async throws {
        let run = try await ScoutBinary.run(["--events-file", "/dev/full", "-e", "print 1"])
        #expect(run.stdout == "1\n")
        #expect(run.stderr.contains("cannot write events to /dev/full: No space left on device"))
        #expect(run.status == 1)
    }

    @Test func anEventsFileThatCannotBeOpenedIsAUsageError() async throws {
        let run = try await ScoutBinary.run(["--events-file", "/no/such/dir/e.ndjson", "-e", "print 1"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("cannot open the events file /no/such/dir/e.ndjson"))
    }

    @Test func dryRunShowsWhatWouldRunAndCreatesNothing() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let run = try await ScoutBinary.run(["--dry-run", "-e", """
            let name = "a b"
            run "touch \(dir)/${name}" store as t
            run ["touch", "\(dir)/argv"] if t.ok
            """])
        #expect(run.status == 0)
        #expect(run.stdout == "would run: t: run touch \(dir)/'a b'\nwould run (if t.ok): run touch \(dir)/argv\n")
        #expect(access(dir + "/a b", F_OK) != 0)
        #expect(access(dir + "/argv", F_OK) != 0)
    }

    @Test func stdoutClosedEarlyStopsQuietly() async throws {
        let marker = "7.\(UInt32.random(in: 100_000...999_999))"
        let path = TerminalBehaviourTests.script("""
            run "yes | head -n 100000"
            run "sleep \(marker)"
            """)
        let pipeline = "'\(ScoutBinary.path)' '\(path)' | head -n 1; echo \"status=${PIPESTATUS[0]}\""
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["bash", "-c", pipeline]), timeout: .seconds(20)))
        let out = String(decoding: outcome.stdout, as: UTF8.self)
        #expect(out == "y\nstatus=141\n")
        #expect(await LiveProcesses.noneLeft(matching: marker))
    }

    @Test func noColorWhenNotATerminalOrAsked() async throws {
        let plain = try await ScoutBinary.run(["-e", "fail \"x\""], environment: ["NO_COLOR": ""])
        #expect(!plain.stderr.contains("\u{1B}["))
        let forced = try await ScoutBinary.run(["--color", "-e", "fail \"x\""], environment: ["NO_COLOR": ""])
        #expect(forced.stderr.contains("\u{1B}["))
        let off = try await ScoutBinary.run(["--color", "--no-color", "-e", "fail \"x\""], environment: ["NO_COLOR": ""])
        #expect(!off.stderr.contains("\u{1B}["))
    }
}
