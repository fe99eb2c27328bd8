import Glibc
import Scout
import ScoutTestSupport
import Testing

/// Faults from outside, through the binary: each loses no output and leaves nothing running.
@Suite struct FaultScenarioTests {
    /// Waits (up to `seconds`) for a file to hold a pid.
    static func pid(in path: String, seconds: Int = 30) async throws -> Int32 {
        for _ in 0..<(seconds * 20) {
            if let text = try? LocalFile.readText(path), let pid = Int32(text.filter(\.isNumber)) { return pid }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLIFailure("no pid in \(path)")
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    @Test func aChildThatClosesStdoutEarlyIsWaitedForAndKeepsItsStderr() async throws {
        let marker = "closes-stdout-\(getpid())"
        let run = try await ScoutBinary.run(["-e", """
            run "echo first; exec >&-; sleep 0.3; echo '\(marker) still here' >&2" store as r
            print r.ok, r.stdout
            """])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "first\ntrue first\n\n")
        #expect(run.stderr.contains("\(marker) still here"))
        #expect(await LiveProcesses.noneLeft(matching: marker))
    }

    @Test func aStoppedAndContinuedChildFinishesNormally() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let marker = "stop-cont-\(getpid())"
        let running = Task {
            try await ScoutBinary.run(["-e", """
                run "echo $$ > \(dir)/pid; i=0; while [ ! -e \(dir)/go ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done; echo \(marker) woke" store as r
                print r.status
                """])
        }
        let pid = try await FaultScenarioTests.pid(in: dir + "/pid")
        #expect(kill(pid, SIGSTOP) == 0)
        // The child is stopped (state T) while scout waits; then it goes on.
        var stopped = false
        for _ in 0..<100 where !stopped {
            let stat = (try? LocalFile.readText("/proc/\(pid)/stat")) ?? ""
            stopped = stat.split(separator: ")").last?.split(separator: " ").first == "T"
            if !stopped { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(stopped)
        // Told to finish while stopped: it can only do so once continued.
        CommandLineTests.write("", to: dir + "/go")
        try await Task.sleep(for: .milliseconds(500))
        #expect(kill(pid, SIGCONT) == 0)
        let run = try await running.value
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "\(marker) woke\nsuccess\n")
        #expect(await LiveProcesses.noneLeft(matching: marker))
    }

    @Test func anEventsFileOnAFullFilesystemKeepsOnlyWholeLines() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let mount = dir + "/small"
        mkdir(mount, 0o755)
        let mounted = try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", mount])))
        guard mounted.status == .exited(0) else {
            print("skipped: mounting a small tmpfs needs root (mount -t tmpfs); not permitted here")
            return
        }
        defer { _ = umount(mount) }
        let run = try await ScoutBinary.run(["--events-file", mount + "/events.ndjson", "-e", "for i in range(300) { print i }"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("No space left on device"))
        #expect(run.stdout.split(separator: "\n").count == 300)
        let text = try LocalFile.readText(mount + "/events.ndjson")
        #expect(!text.isEmpty)
        #expect(text.hasSuffix("\n"), "the last line is cut")
        for line in text.split(separator: "\n") {
            #expect((try? JSONParser.parse(String(line))) != nil, "not JSON: \(line.prefix(80))")
        }
    }
}
