import Glibc
import Scout
import ScoutTestSupport
import Testing

/// Scripts on the SSH pool, through the binary, against two real sshd on 127.0.0.1 (see
/// ``SSHFixture``): the same script gives the same results locally and on the pool, a
/// timeout and Ctrl-C leave nothing running on the hosts, and a host that cannot be reached
/// hands its tasks to the other.
@Suite(.serialized, .enabled(if: SSHFixture.enabled, Comment(rawValue: SSHFixture.installNote)))
struct SSHRunTests {
    /// A script whose first line chooses the pool (`config` is the fixture's ssh config).
    static func script(_ fixture: SSHFixture, hosts: [String] = ["node1", "node2"], extra: String = "", _ body: String) -> String {
        let list = hosts.map { "\"\($0)\"" }.joined(separator: ", ")
        let path = CommandLineTests.temporaryDirectory() + "/pool.scout"
        CommandLineTests.write("use ssh(hosts: [\(list)], per_host: 2, config: \"\(fixture.configFile)\"\(extra))\n" + body, to: path)
        return path
    }

    @Test func theSameScriptGivesTheSameResultsHereAndOnThePool() async throws {
        try await SSHFixture.with { fixture in
            let path = SSHRunTests.script(fixture, """
                use env(GREETING: "hello there")
                parallel for i in range(6) {
                  run "echo out ${i}; echo err ${i} >&2; exit ${i % 3}" store as r
                }
                run "echo \\"$GREETING\\"; echo oops >&2; exit 3" store as last
                print "${last.exit_code}|${last.output}|${last.stderr}"
                run "if [ -n \\"$SSH_CONNECTION\\" ]; then echo remote; else echo local; fi" store as where
                print where.output

                """)
            let pool = try await ScoutBinary.run(["-q", path])
            let local = try await ScoutBinary.run(["-q", "--runner", "local", path])
            #expect(pool.status == 1, "\(pool)")
            #expect(local.status == 1, "\(local)")
            // Output of tasks running at once is grouped per task; the order of the groups may differ.
            let poolLines = pool.stdout.split(separator: "\n").sorted()
            let localLines = local.stdout.split(separator: "\n").sorted()
            #expect(poolLines.filter { $0 != "remote" } == localLines.filter { $0 != "local" }, "\(pool)\n\(local)")
            #expect(pool.stdout.contains("3|hello there|oops\n"), "\(pool)")
            #expect(pool.stdout.hasSuffix("remote\n"), "\(pool)")
            #expect(local.stdout.hasSuffix("local\n"), "\(local)")
            // Failures name the task, with the remote command's last stderr line.
            #expect(pool.stderr.contains("exit status 1: err 1"), "\(pool)")
            #expect(!pool.stderr.contains("scout-pgid") && !pool.stderr.contains("\u{1}"), "\(pool)")
            #expect(await LiveProcesses.noneLeft(matching: fixture.configFile), "no ssh is left after the run")
        }
    }

    @Test func aTimeoutEndsTheRemoteProcess() async throws {
        try await SSHFixture.with { fixture in
            let marker = "30.\(UInt32.random(in: 100_000...999_999))"
            let path = SSHRunTests.script(fixture, "run \"sleep \(marker)\" timeout 1s store as r\nprint \"${r.timed_out} ${r.error}\"\n")
            let run = try await ScoutBinary.run(["-q", path])
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout == "true timed out after 1s\n", "\(run)")
            #expect(await LiveProcesses.noneLeft(matching: marker), "the remote sleep was ended")
            #expect(await LiveProcesses.noneLeft(matching: fixture.configFile))
        }
    }

    @Test func anInterruptEndsEveryRemoteProcess() async throws {
        try await SSHFixture.with { fixture in
            let marker = "40.\(UInt32.random(in: 100_000...999_999))"
            let path = SSHRunTests.script(fixture, "parallel for i in range(4) {\n  run \"sleep \(marker)\"\n}\nprint \"not reached\"\n")
            let spec = ProcessSpec(
                program: .argv([ScoutBinary.path, path]), environmentOverrides: ["NO_COLOR": "1"], timeout: .seconds(120))
            let scout = try ProcessSupervisor.shared.start(spec)
            // Each task's command line shows in its local ssh and in the remote processes: 4
            // local ones and at least 4 more once the remote commands run.
            #expect(await LiveProcesses.running(8, matching: "sleep \(marker)"), "the remote sleeps started")
            kill(scout.pid, SIGINT)
            let outcome = await scout.outcome()
            let stderr = String(decoding: outcome.stderr, as: UTF8.self)
            #expect(outcome.status == .exited(130), "\(stderr)")
            #expect(stderr.contains("(interrupted)"), "\(stderr)")
            #expect(await LiveProcesses.noneLeft(matching: marker), "no remote sleep is left")
            #expect(await LiveProcesses.noneLeft(matching: fixture.configFile), "no ssh is left")
        }
    }

    @Test func aHostThatCannotBeReachedHandsItsTasksToTheOther() async throws {
        try await SSHFixture.with { fixture in
            // node3's port has no server.
            let path = SSHRunTests.script(fixture, hosts: ["node3", "node1"], extra: ", max_host_failures: 1", """
                parallel for i in range(6) {
                  run "echo done ${i}"
                }

                """)
            let run = try await ScoutBinary.run(["-q", path])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.split(separator: "\n").map(String.init).sorted() == (0..<6).map { "done \($0)" }, "\(run)")

            let down = SSHRunTests.script(fixture, hosts: ["node3", "node4"], "run \"true\"\n")
            let none = try await ScoutBinary.run(["-q", down])
            #expect(none.status == 1, "\(none)")
            #expect(none.stderr.contains("no ssh host is reachable: node3 ("), "\(none)")
        }
    }

    @Test func aHostThatGoesDownMidRunHasItsTasksFinishedOnTheOther() async throws {
        try await SSHFixture.with { fixture in
            let marker = "3.\(UInt32.random(in: 100_000...999_999))"
            let path = SSHRunTests.script(fixture, extra: ", max_host_failures: 1", """
                parallel for i in range(4) {
                  run "sleep \(marker); echo done ${i}"
                }

                """)
            let spec = ProcessSpec(program: .argv([ScoutBinary.path, "-q", path]), environmentOverrides: ["NO_COLOR": "1"], timeout: .seconds(120))
            let scout = try ProcessSupervisor.shared.start(spec)
            // Two tasks on each host (per_host: 2); then node2's sshd goes, with its sessions.
            #expect(await LiveProcesses.running(8, matching: "sleep \(marker)"), "the four tasks started")
            await fixture.stopServer("node2")
            let outcome = await scout.outcome()
            let stdout = String(decoding: outcome.stdout, as: UTF8.self)
            let stderr = String(decoding: outcome.stderr, as: UTF8.self)
            #expect(outcome.status == .exited(0), "\(stdout)\n\(stderr)")
            #expect(stdout.split(separator: "\n").map(String.init).sorted() == (0..<4).map { "done \($0)" }, "\(stdout)\n\(stderr)")
            #expect(await LiveProcesses.noneLeft(matching: "sleep \(marker)"))
        }
    }

    @Test func filesGoToTheHostsWorkdirAndComeBack() async throws {
        try await SSHFixture.with { fixture in
            // On 127.0.0.1 "the host" shares this file system: a workdir apart from the
            // project shows that the files really travel.
            let project = CommandLineTests.temporaryDirectory()
            let workdir = CommandLineTests.temporaryDirectory() + "/remote work"
            mkdir(project + "/in", 0o755)
            CommandLineTests.write("hello from here\n", to: project + "/in/a.txt")
            CommandLineTests.write("""
                use cwd(script_dir)
                use ssh(hosts: ["node1"], config: "\(fixture.configFile)", workdir: "\(workdir)")
                run "tr a-z A-Z < in/a.txt > out.txt; pwd", upload: "in/a.txt", download: ["out.txt"] store as r
                print r.output
                run "true", download: "missing.txt" store as m
                print m.error
                run "true", upload: "../secret" store as bad
                print bad.error

                """, to: project + "/files.scout")
            let run = try await ScoutBinary.run(["-q", project + "/files.scout"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout.hasPrefix(workdir + "\n"), "\(run)")
            #expect((try? LocalFile.readText(project + "/out.txt")) == "HELLO FROM HERE\n", "\(run)")
            #expect((try? LocalFile.readText(workdir + "/in/a.txt")) == "hello from here\n")
            #expect(run.stdout.contains("exit status 1: download from node1 failed: "), "\(run)")
            #expect(run.stdout.contains("upload: '../secret' must be a path inside the task's directory (relative, without ..)"), "\(run)")
        }
    }

    @Test func killingScoutEndsTheRemoteCommandsToo() async throws {
        try await SSHFixture.with { fixture in
            let marker = "40.\(UInt32.random(in: 100_000...999_999))"
            let path = SSHRunTests.script(fixture, "parallel for i in range(2) {\n  run \"sleep \(marker)\"\n}\n")
            let scout = try ProcessSupervisor.shared.start(ProcessSpec(program: .argv([ScoutBinary.path, "-q", path]), timeout: .seconds(120)))
            #expect(await LiveProcesses.running(4, matching: "sleep \(marker)"), "the remote sleeps started")
            // SIGKILL: Scout cannot end anything itself; its ssh clients lose their input.
            kill(scout.pid, SIGKILL)
            _ = await scout.outcome()
            #expect(await LiveProcesses.noneLeft(matching: "sleep \(marker)", within: .seconds(30)), "the hosts' watchdogs ended the commands")
        }
    }
}
