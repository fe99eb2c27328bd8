import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

extension RuntimeTests {
    /// The built-in `run` through `CommandRegistry.standard.taskRunner()` and an executor, with
    /// real child processes: exit codes, captured and trimmed output, auto-JSON, `json: true`,
    /// shell quoting, argv lists, timeouts, and commands that cannot start.
    @Suite struct RunCommandTests {
        typealias Support = RuntimeTestSupport

        /// An executor running real commands, its output captured, with the CLI's shell rule.
        static func executor(context: BatchContext = BatchContext(), retry: RetryConfig? = nil) -> (PipelineExecutor, CapturedOutput, ProgressReporter) {
            let output = CapturedOutput()
            let registry = CommandRegistry.standard
            var configuration = ExecutorConfiguration(output: output, jitter: { 0 })
            configuration.isShellArgument = { registry.isShellArgument(command: $0, label: $1, position: $2) }
            let reporter = ProgressReporter()
            let executor = PipelineExecutor(context: context, taskRunner: registry.taskRunner(), reporter: reporter,
                                            retryConfig: retry, clock: ManualClock(), configuration: configuration)
            return (executor, output, reporter)
        }

        static func run(_ json: String, context: BatchContext = BatchContext()) async throws -> [TaskResult] {
            let (executor, _, _) = executor(context: context)
            return await executor.run(try Support.tasks(json))
        }

        /// A name no other process on the machine has in its command line.
        static func uniqueMarker() -> String {
            "scout-run-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        }

        /// A number of seconds, about 30, that no other process has in its command line: `sleep`
        /// given it carries the marker itself, so a surviving `sleep` would be found too.
        static func uniqueSleep() -> String {
            "30.\(getpid())\(UInt32.random(in: 0...UInt32.max))"
        }

        /// The pids whose command line contains `text` (this process excluded).
        static func processes(containing text: String) -> [Int32] {
            var found: [Int32] = []
            for name in LocalFile.names(inDirectory: "/proc") {
                guard let pid = Int32(name), pid != getpid(),
                      let bytes = ProcessTestSupport.readFile("/proc/\(pid)/cmdline"), !bytes.isEmpty else { continue }
                let cmdline = String(decoding: bytes.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
                if cmdline.contains(text) { found.append(pid) }
            }
            return found
        }

        /// Waits (up to ten seconds: a killed process takes a moment to go, more on a busy
        /// machine) until no process has `text` in its command line.
        static func noProcessLeft(containing text: String) async -> Bool {
            for _ in 0..<1000 {
                if processes(containing: text).isEmpty { return true }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return false
        }

        // MARK: - Exit codes and output

        @Test func aSuccessfulCommandGivesItsTrimmedOutput() async throws {
            let (executor, output, _) = Self.executor()
            let results = await executor.run(try Support.tasks(#"[{"command": "run", "args": {"cmd": "printf '  hello world \\n\\n'"}}]"#))
            let r = results[0]
            #expect(r.status == .success)
            #expect(r.exitCode == 0)
            #expect(r.output == "hello world")
            #expect(r.stdout == "  hello world \n\n")
            #expect(r.stderr == "")
            #expect(r.attempts == 1)
            #expect(output.stdout == "  hello world \n\n")
            #expect(output.finished == ["task:0:run"])
        }

        @Test func aNonZeroExitIsAFailureWithTheLastLineOfStderr() async throws {
            let results = try await Self.run(#"[{"command": "run", "args": {"cmd": "echo partial; echo warning >&2; echo 'fatal: no' >&2; exit 3"}, "store_as": "r"}]"#)
            let r = results[0]
            #expect(r.status == .failure)
            #expect(r.exitCode == 3)
            #expect(r.error == "exit status 3: fatal: no")
            #expect(r.output == "partial")
            #expect(r.stderr == "warning\nfatal: no\n")
        }

        @Test func exitCodesAreReported() async throws {
            let results = try await Self.run("""
                [{"command": "run", "args": {"cmd": "true"}}, {"command": "run", "args": {"cmd": "false"}},
                 {"command": "run", "args": {"cmd": "exit 42"}}, {"command": "run", "args": {"cmd": "kill -TERM $$"}}]
                """)
            #expect(results.map(\.exitCode) == [0, 1, 42, 143])
            #expect(Support.statuses(results) == ["success", "failure", "failure", "failure"])
            #expect(results[3].error == "killed by SIGTERM")
        }

        @Test func theResultIsStoredForLaterTasks() async throws {
            let context = BatchContext()
            _ = try await Self.run("""
                [{"command": "run", "args": {"cmd": "echo v1.2.3"}, "store_as": "version"},
                 {"command": "run", "args": {"cmd": "echo building ${version.output}"}, "store_as": "build"}]
                """, context: context)
            #expect(context.getVar("version.output") == "v1.2.3")
            #expect(context.getVar("version.exit_code") == 0)
            #expect(context.getVar("build.output") == "building v1.2.3")
            #expect(context.getVar("build.stdout") == "building v1.2.3\n")
        }

        // MARK: - JSON

        @Test func jsonStdoutBecomesStructuredOutput() async throws {
            let context = BatchContext()
            let results = try await Self.run(#"""
                [{"command": "run", "args": {"cmd": "echo '{\"branch\": \"main\", \"files\": [1, 2]}'"}, "store_as": "git_status"},
                 {"command": "run", "args": {"cmd": "echo ' [true, null] '"}},
                 {"command": "run", "args": {"cmd": "echo ${git_status.branch}"}},
                 {"command": "run", "args": {"cmd": "echo '{not json'"}},
                 {"command": "run", "args": {"cmd": "echo 42"}}]
                """#, context: context)
            #expect(results[0].output == ["branch": "main", "files": [1, 2]])
            #expect(results[0].output.mapValue?.keys == ["branch", "files"])
            #expect(context.getVar("git_status.branch") == "main")
            #expect(context.getVar("git_status.files[1]") == 2)
            #expect(results[1].output == [true, nil])
            #expect(results[2].output == "main")
            #expect(results[3].status == .success)
            #expect(results[3].output == "{not json")
            #expect(results[4].output == "42")
        }

        @Test func withoutTheAutoJSONFlagTextStaysText() async throws {
            let results = try await Self.run(#"[{"command": "run", "args": {"cmd": "echo '[1, 2]'", "json_output": false}}]"#)
            #expect(results[0].output == "[1, 2]")
        }

        @Test func jsonTrueMakesOutputThatIsNotJSONAFailure() async throws {
            let results = try await Self.run(#"""
                [{"command": "run", "args": {"cmd": "echo hello", "json": true}},
                 {"command": "run", "args": {"cmd": "echo '{\"a\": }'", "json": true}},
                 {"command": "run", "args": {"cmd": "true", "json": true}},
                 {"command": "run", "args": {"cmd": "echo '{\"a\": 1}'", "json": true}},
                 {"command": "run", "args": {"cmd": "echo 42", "json": true}},
                 {"command": "run", "args": {"cmd": "echo '\"text\"'", "json": true}}]
                """#)
            #expect(Support.statuses(results) == ["failure", "failure", "failure", "success", "success", "success"])
            #expect(results[0].error == "output is not JSON")
            #expect(results[0].output == "hello")
            #expect(results[0].exitCode == 0)
            #expect(results[1].error == "output is not valid JSON: 1:7: unexpected character '}', expected a value")
            #expect(results[2].error == "output is not JSON")
            #expect(results[3].output == ["a": 1])
            #expect(results[4].output == 42)
            #expect(results[5].output == "text")
        }

        // MARK: - Quoting and argv

        @Test func interpolationIntoTheCommandLineIsShellQuoted() async throws {
            let marker = "/tmp/pwned-\(Self.uniqueMarker())"
            let context = BatchContext(initialVars: ["x": .string("a; touch \(marker)"), "files": ["one two", "it's", "$HOME"]])
            let results = try await Self.run("""
                [{"command": "run", "args": {"cmd": "echo ${x}"}},
                 {"command": "run", "args": {"cmd": "printf '<%s>' ${files}"}},
                 {"command": "run", "args": {"cmd": "echo $HOME-is-not-interpolated"}},
                 {"command": "run", "args": {"cmd": "echo ${raw('raw; echo inserted')}"}}]
                """, context: context)
            #expect(results[0].output == .string("a; touch \(marker)"))
            #expect(access(marker, F_OK) != 0)
            #expect(results[1].output == "<one two><it's><$HOME>")
            #expect(results[2].output == .string((getenv("HOME").map { String(cString: $0) } ?? "") + "-is-not-interpolated"))
            #expect(results[3].output == "raw\ninserted")
        }

        @Test func aListRunsThatArgvWithoutAShell() async throws {
            let context = BatchContext(initialVars: ["word": "a b; c"])
            let results = try await Self.run(#"""
                [{"command": "run", "args": {"cmd": ["printf", "%s|", "a b", "$HOME", "*", "${word}"]}},
                 {"command": "run", "args": {"cmd": "${argv}"}, "variables": {"argv": ["echo", "from", "a variable"]}}]
                """#, context: context)
            #expect(results[0].output == "a b|$HOME|*|a b; c|")
            #expect(results[1].output == "from a variable")
        }

        @Test func positionalCwdEnvAndStdin() async throws {
            let (executor, _, _) = Self.executor()
            var pwd = BatchTask(command: "run", arguments: [.positional("pwd"), .named("cwd", "/tmp")])
            pwd.storeAs = "pwd"
            let env = BatchTask(command: "run", arguments: [.positional("echo \"$SCOUT_TEST_VALUE\""), .named("env", ["SCOUT_TEST_VALUE": "from env"])])
            let stdin = BatchTask(command: "run", arguments: [.positional("tr a-z A-Z"), .named("stdin", "shout")])
            let badCwd = BatchTask(command: "run", arguments: [.positional("pwd"), .named("cwd", "/no/such/dir")])
            let results = await executor.run([pwd, env, stdin, badCwd])
            #expect(results.map(\.output) == ["/tmp", "from env", "SHOUT", nil])
            #expect(results[3].status == .error)
            #expect(results[3].error == "working directory not found: /no/such/dir")
        }

        // MARK: - Timeouts and failures to start

        @Test func aTaskTimeoutKillsTheCommandAndLeavesNoProcess() async throws {
            let marker = Self.uniqueSleep()
            let (executor, _, reporter) = Self.executor()
            var task = BatchTask(command: "run", arguments: [.named("cmd", .string("sleep \(marker) & sleep \(marker); echo done"))])
            task.timeout = .milliseconds(300)
            task.storeAs = "slow"
            let results = await executor.run([task])
            let r = results[0]
            #expect(r.status == .failure)
            #expect(r.timedOut)
            #expect(r.error == "timed out after 300ms")
            #expect(r.exitCode == 143)
            #expect(r.toValue()["timed_out"] == true)
            #expect(reporter.history.first { $0.status == .failure }?.metadata["timed_out"] == true)
            #expect(await Self.noProcessLeft(containing: marker))
        }

        @Test func theLeftoverCheckSeesARunningSleep() async throws {
            let marker = Self.uniqueSleep()
            let running = Task { try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["sleep", marker]))) }
            var seen = false
            for _ in 0..<1000 where !seen {
                seen = !Self.processes(containing: marker).isEmpty
                if !seen { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(seen)
            running.cancel()
            _ = try await running.value
            #expect(await Self.noProcessLeft(containing: marker))
        }

        @Test func theRunCommandsOwnTimeoutDoesTheSame() async throws {
            let marker = Self.uniqueSleep()
            let results = try await Self.run(#"[{"command": "run", "args": {"cmd": "sleep \#(marker); echo done", "timeout": "250ms"}}]"#)
            #expect(results[0].status == .failure)
            #expect(results[0].timedOut)
            #expect(results[0].error == "timed out after 250ms")
            #expect(await Self.noProcessLeft(containing: marker))
        }

        @Test func aCommandThatCannotStartIsAnErrorAndIsNotRetried() async throws {
            let (executor, _, reporter) = Self.executor(retry: RetryConfig(maxRetries: 3))
            let results = await executor.run(try Support.tasks(#"[{"command": "run", "args": {"cmd": ["no-such-binary-xyz", "--flag"]}}]"#))
            #expect(results[0].status == .error)
            #expect(results[0].error == "command not found: no-such-binary-xyz")
            #expect(results[0].attempts == 1)
            #expect(results[0].failed)
            #expect(!reporter.history.contains { $0.status == .retry })
        }

        @Test func aMissingProgramUnderTheShellIsAFailureWithExitStatus127() async throws {
            let results = try await Self.run(#"[{"command": "run", "args": {"cmd": "no-such-binary-xyz"}}]"#)
            #expect(results[0].status == .failure)
            #expect(results[0].exitCode == 127)
            #expect(results[0].error?.hasPrefix("exit status 127: ") == true)
        }

        @Test func parallelRunsKeepTheirOwnOutput() async throws {
            let tasks = (0..<20).map { i in BatchTask(command: "run", arguments: [.named("cmd", .string("echo task \(i)"))]) }
            let (executor, _, _) = Self.executor()
            let results = await executor.run(tasks, mode: .parallel)
            #expect(results.map(\.output) == (0..<20).map { .string("task \($0)") })
        }
    }
}
