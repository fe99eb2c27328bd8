import Glibc
import Scout
import Testing

/// Choosing where tasks run, through the binary: `use`, the clause `on` (on a task and on a
/// task block), `--runner`, a JSON task's `"runner"`, and what is wrong with each. The
/// runners themselves are tested against real sshd and Slurm daemons elsewhere.
@Suite struct RunnerChoiceTests {
    static let script = """
        use ssh(hosts: ["node1", "node2"], per_host: 2)
        run "make lint"
        print "a note"
        task train on slurm(partition: "gpu", cpus: 4) {
          run "python train.py"
          run "echo nested" on local
        }
        let pool = {runner: "ssh", hosts: ["big1"]}
        run "make test" on pool

        """

    @Test func aDryRunShowsWhereEachProcessWouldRun() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(RunnerChoiceTests.script, to: dir + "/ci.scout")
        let run = try await ScoutBinary.run(["--dry-run", dir + "/ci.scout"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == """
            would run: run make lint (on ssh(node1, node2))
            would run: print a note
            would run: train: run python train.py (on slurm(gpu))
            would run: train: run echo nested
            would run: run make test (on ssh(big1))

            """, "\(run)")
        // --runner replaces the script's `use`; a task's own `on` stays.
        let local = try await ScoutBinary.run(["--dry-run", "--runner", "local", dir + "/ci.scout"])
        #expect(local.stdout.hasPrefix("would run: run make lint\nwould run: print a note\nwould run: train: run python train.py (on slurm(gpu))\n"), "\(local)")
        let slurm = try await ScoutBinary.run(["--dry-run", dir + "/ci.scout", "--runner=slurm:debug"])
        #expect(slurm.stdout.hasPrefix("would run: run make lint (on slurm(debug))\n"), "\(slurm)")
        let check = try await ScoutBinary.run(["check", dir + "/ci.scout"])
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check)")
    }

    @Test func onLocalRunsHereAndKeepsTheResult() async throws {
        let run = try await ScoutBinary.run(["-q", "-e", "run \"echo here; exit 3\" on local store as r\nprint \"${r.exit_code} ${r.output}\""])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout == "here\n3 here\n", "\(run)")
    }

    @Test func aWrongRunnerIsAnErrorAtItsPlace() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("run \"true\" on ssh(hosts: [\"a\"], per_hots: 2)\nuse slurm(partiton: \"x\")\n", to: dir + "/check.scout")
        let check = try await ScoutBinary.run(["check", dir + "/check.scout"])
        #expect(check.status == 2, "\(check)")
        #expect(check.stderr.contains("check.scout:1:43: error: on ssh has no argument 'per_hots'"), "\(check)")
        #expect(check.stderr.contains("= help: did you mean 'per_host'?"), "\(check)")
        #expect(check.stderr.contains("check.scout:2:21: error: use slurm has no argument 'partiton'"), "\(check)")

        CommandLineTests.write("let where = {runner: \"kubernetes\"}\nrun \"true\" on where\n", to: dir + "/value.scout")
        let value = try await ScoutBinary.run(["-q", dir + "/value.scout"])
        #expect(value.status == 1, "\(value)")
        #expect(value.stderr.contains("""
            value.scout:2:15: error: there is no runner 'kubernetes': the runners are local, ssh and slurm
              |
            2 | run "true" on where
              |               ^^^^^
            """), "\(value)")

        let noHosts = try await ScoutBinary.run(["-q", "-e", "use ssh(per_host: 2)\nrun \"true\""])
        #expect(noHosts.status == 1 && noHosts.stderr.contains("the ssh runner needs hosts, such as ssh(hosts: [\"node1\", \"node2\"])"), "\(noHosts)")

        let option = try await ScoutBinary.run(["--runner", "ssh", "-e", "print 1"])
        #expect(option.status == 2 && option.stderr.contains("--runner ssh needs its hosts: --runner ssh:node1,node2"), "\(option)")
    }

    @Test func aJSONTaskNamesItsRunner() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("""
            [{"command": "run", "args": {"cmd": "echo one"}, "runner": "local"},
             {"command": "run", "args": {"cmd": "echo two"}, "runner": {"runner": "slurm", "partition": "debug"}}]
            """, to: dir + "/tasks.json")
        let plan = try await ScoutBinary.run(["--dry-run", dir + "/tasks.json"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("would run: run echo one\n"), "\(plan)")
        #expect(plan.stdout.contains("would run: run echo two (on slurm(debug))\n"), "\(plan)")
        CommandLineTests.write("[{\"command\": \"run\", \"args\": {\"cmd\": \"x\"}, \"runner\": 3}]", to: dir + "/bad.json")
        let bad = try await ScoutBinary.run([dir + "/bad.json"])
        #expect(bad.status == 2 && bad.stderr.contains("field \"runner\": a runner is local, ssh(hosts: [...]) or slurm(...), not 3"), "\(bad)")
    }

    @Test func formattingKeepsTheRunner() async throws {
        let text = "run   \"x\"  on ssh(hosts:[\"a\"],per_host:2)\ntask t on  local {\n  run \"y\"\n}\nrun \"z\" on pool\n"
        let run = try await ScoutBinary.run(["fmt", "-"], stdin: "let pool = \"local\"\n" + text)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "let pool = \"local\"\nrun \"x\" on ssh(hosts: [\"a\"], per_host: 2)\ntask t on local {\n  run \"y\"\n}\nrun \"z\" on pool\n", "\(run)")
    }
}
