import Glibc
import Scout
import ScoutTestSupport
import Testing

/// The `scout` command as a user runs it: entry points, options, exit statuses, bad input.
@Suite struct CommandLineTests {
    /// A fresh directory for a test's files.
    static func temporaryDirectory() -> String {
        var template = Array("/tmp/scout-cli-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        return path
    }

    static func write(_ text: String, to path: String, mode: mode_t = 0o644) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        FileDescriptorWriter.writeAll(fd, text)
        close(fd)
    }

    @Test func versionAndHelp() async throws {
        let version = try await ScoutBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "scout \(ScoutVersion.string)\n")
        let help = try await ScoutBinary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage:"))
        let topic = try await ScoutBinary.run(["help", "sleep"])
        #expect(topic.stdout.hasPrefix("sleep DURATION\n"))
    }

    @Test func evaluateCodeWithArguments() async throws {
        let run = try await ScoutBinary.run(["-e", "print 1 + 2, args", "x", "y"])
        #expect(run.status == 0)
        #expect(run.stdout == "3 [\"x\",\"y\"]\n")
    }

    @Test func varKeepsTheTextAsTyped() async throws {
        let values = ["4193e21", "1.10", "007", "+1", "1e3", "0x1F", "true", "null", "[1,2]", "{\"a\":1}", " 3 ", "", "a=b"]
        var args: [String] = []
        for (i, v) in values.enumerated() { args += ["--var", "v\(i)=\(v)"] }
        let names = values.indices.map { "v\($0)" }
        let code = "print json([\(names.joined(separator: ", "))]), json([\(names.map { "type(\($0))" }.joined(separator: ", "))])"
        let run = try await ScoutBinary.run(args + ["-e", code])
        #expect(run.status == 0, "\(run)")
        let types = Array(repeating: #""string""#, count: values.count).joined(separator: ",")
        #expect(run.stdout == #"["4193e21","1.10","007","+1","1e3","0x1F","true","null","[1,2]","{\"a\":1}"," 3 ","","a=b"] ["# + types + "]\n", "\(run)")
        let inline = try await ScoutBinary.run(["--var=sha=4193e21", "-e", "print sha"])
        #expect(inline.stdout == "4193e21\n")
    }

    @Test func varJSONSetsTypedValues() async throws {
        let run = try await ScoutBinary.run(["--var-json", "n=41", "--var-json=list=[1,2]", "--var-json", "m={\"k\": [true, null]}",
                                             "--var-json", "s=\"text\"", "--var-json", "x=1.10", "-e",
                                             "print n + 1, len(list), m.k, s, x, type(n), type(m), type(x)"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "42 2 [true,null] text 1.1 int map float\n", "\(run)")
    }

    @Test func varJSONThatIsNotJSONIsAUsageErrorPointingAtIt() async throws {
        let run = try await ScoutBinary.run(["--var-json", "cfg={\"a\": tru}", "-e", "print \"ran\""])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("--var-json cfg: not JSON: invalid literal"), "\(run)")
        #expect(run.stderr.contains("    cfg={\"a\": tru}\n              ^\n"), "\(run)")
        #expect(run.stderr.contains("hint: for text use --var cfg="), "\(run)")
        let text = try await ScoutBinary.run(["--var-json", "sha=4193e2x", "-e", "print 1"])
        #expect(text.status == 2)
        #expect(text.stderr.contains("--var-json sha: not JSON"), "\(text)")
        let noName = try await ScoutBinary.run(["--var-json", "=3", "-e", "print 1"])
        #expect(noName.status == 2)
        #expect(noName.stderr.contains("--var-json needs NAME=JSON, got '=3'"), "\(noName)")
    }

    @Test func aShebangScriptRunsWhenScoutIsOnPath() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = dir + "/hello"
        CommandLineTests.write("#!/usr/bin/env scout\nprint \"hello from\", len(args), \"args\"\n", to: script, mode: 0o755)
        let binDir = String(ScoutBinary.path[..<ScoutBinary.path.lastIndex(of: "/")!])
        let path = binDir + ":" + String(cString: getenv("PATH"))
        let spec = ProcessSpec(program: .argv([script, "a", "b"]), environmentOverrides: ["PATH": path, "NO_COLOR": "1"])
        let outcome = try await ProcessSupervisor.shared.run(spec)
        #expect(outcome.status == .exited(0))
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "hello from 2 args\n")
    }

    @Test func exitStatusIsOneWhenATaskFailed() async throws {
        let run = try await ScoutBinary.run(["-e", "run \"echo no >&2; exit 3\"\nprint \"still\""])
        #expect(run.status == 1)
        #expect(run.stdout == "still\n")
        #expect(run.stderr.contains("exit status 3: no"))
    }

    @Test func syntaxErrorsExitTwoAndRunNothing() async throws {
        let run = try await ScoutBinary.run(["-e", "print \"ran\"\nlet = 3\nprint (\nlet y = \"unterminated"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("-e:2:5: error: expected a name, found '='"))
        #expect(run.stderr.contains("-e:4:9: error: unterminated string"))
        #expect(run.stderr.contains("errors"))
    }

    @Test func unknownCommandIsAnErrorWithASuggestionBeforeAnythingRuns() async throws {
        let run = try await ScoutBinary.run(["-e", "print \"ran\"\nslep 1s"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("-e:2:1: error: unknown command 'slep'"))
        #expect(run.stderr.contains("did you mean 'sleep'?"))
    }

    @Test func checkReportsErrorsAndWarningsWithoutRunning() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let marker = dir + "/ran"
        CommandLineTests.write("run \"touch \(marker)\"\nprint \"x\" if maybe_set\nprint nope\n", to: dir + "/a.scout")
        let bad = try await ScoutBinary.run(["check", dir + "/a.scout"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("a.scout:2:14: warning: 'maybe_set' is never defined"))
        #expect(bad.stderr.contains("a.scout:3:7: error: 'nope' is never defined"))
        #expect(access(marker, F_OK) != 0)
        CommandLineTests.write("print \"x\" if maybe_set\n", to: dir + "/b.scout")
        let warningsOnly = try await ScoutBinary.run(["check", dir + "/b.scout"])
        #expect(warningsOnly.status == 0)
        #expect(warningsOnly.stderr.contains("warning"))
    }

    @Test func badCommandLinesAreUsageErrors() async throws {
        let unknown = try await ScoutBinary.run(["--jbos", "2", "x.scout"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown option '--jbos'"))
        #expect(unknown.stderr.contains("did you mean '--jobs'?"))
        let missing = try await ScoutBinary.run(["/no/such/script.scout"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/no/such/script.scout: no such file"))
        let directory = try await ScoutBinary.run(["/tmp"])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("/tmp: is a directory"))
        let jobs = try await ScoutBinary.run(["--jobs", "0", "-e", "print 1"])
        #expect(jobs.status == 2)
        #expect(jobs.stderr.contains("--jobs needs a number of at least 1"))
        let noValue = try await ScoutBinary.run(["--var"])
        #expect(noValue.status == 2)
        #expect(noValue.stderr.contains("--var needs a value"))
    }

    @Test func jsonTaskListErrorsNameTheTaskAndField() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(#"[{"command": "run", "args": {"cmd": "echo ${x +}"}}]"#, to: dir + "/bad.json")
        let run = try await ScoutBinary.run([dir + "/bad.json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("task 0, field \"args.cmd\": bad ${...} expression"))
        CommandLineTests.write(#"[{"args": {}}]"#, to: dir + "/nocommand.json")
        let noCommand = try await ScoutBinary.run(["run", dir + "/nocommand.json"])
        #expect(noCommand.status == 2)
        #expect(noCommand.stderr.contains("task 0, field \"command\": missing"))
        CommandLineTests.write("[{", to: dir + "/broken.json")
        let broken = try await ScoutBinary.run([dir + "/broken.json"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("invalid JSON at 1:3"))
    }

    @Test func jsonTaskListModeAndJobsRunTasksAtOnce() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        // Each task waits until two have started, so they succeed only by running at once.
        let task = #"{"command": "run", "args": {"cmd": "\#(ShellBarrier.command(in: dir + "/barrier", count: 2))"}}"#
        CommandLineTests.write("[\(task), \(task), \(task)]", to: dir + "/t.json")
        let run = try await ScoutBinary.run(["--mode", "parallel", "--jobs", "2", "--events", "json", dir + "/t.json"])
        #expect(run.status == 0)
        let statuses = try run.stderr.split(separator: "\n").map { try JSONParser.parse(String($0)) }
            .filter { $0["task_id"]?.stringValue?.hasPrefix("task:") == true }.map { $0["status"]!.description }
        // Two start before anything finishes; the third waits for a free slot.
        #expect(statuses.prefix(3) == ["running", "running", "success"])
        #expect(statuses.filter { $0 == "running" }.count == 3)
    }
}
