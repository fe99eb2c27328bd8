import Glibc
import Scout
import Testing

/// A JSON task list gets the static checks of a script, on `scout check` and before
/// `scout tasks.json` runs anything.
@Suite struct TaskListCheckTests {
    @Test func theShippedSampleChecksClean() async throws {
        let run = try await ScoutBinary.run(["check", "samples/guide-tasks.json"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "")
    }

    @Test func badTasksAreReportedWithTheirIndexAndFieldAndNothingRuns() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/tasks.json"
        CommandLineTests.write("""
            [
              {"command": "run", "args": {"cmd": "touch \(dir)/deployed"}, "store_as": "deploy"},
              {"command": "print", "args": {"txt": "x"}},
              {"command": "rn", "args": {"cmd": "x"}},
              {"command": "sleep", "args": {"duration": "soon"}},
              {"command": "run", "args": {"cmd": "echo ${nme} ${deploy.ok} ${later.ok}"}, "variables": {"name": "x"}, "if": "${flag}"},
              {"command": "run", "args": {"cmd": "c"}, "store_as": "later", "needs": "deplyo"}
            ]
            """, to: path)
        // Each problem at its place in the file: the value, or the name inside a ${...}.
        let expected = [
            "\(path):3:40: error: task 1, field \"args.txt\": print has no argument 'txt'\n  |\n3 |   {\"command\": \"print\", \"args\": {\"txt\": \"x\"}},\n  |                                        ^^^\n",
            "\(path):4:15: error: task 2, field \"command\": unknown command 'rn'\n",
            "  = help: did you mean 'run'?\n",
            "\(path):5:45: error: task 3, field \"args.duration\": argument 'duration' of sleep must be a duration (such as 30s) or a number of seconds, not a string\n",
            "\(path):6:46: error: task 4, field \"args.cmd\": 'nme' is never defined\n",
            "  = help: did you mean 'name'?\n",
            "\(path):7:74: error: task 5, field \"needs\": needs an unknown task 'deplyo'\n",
            "  = help: did you mean 'deploy'?\n",
            "\(path):6:116: warning: task 4, field \"if\": 'flag' is never defined\n",
        ]
        for args in [["check", path], [path], ["--dry-run", path]] {
            let run = try await ScoutBinary.run(args)
            #expect(run.status == 2, "\(args): \(run)")
            #expect(run.stdout == "")
            for part in expected { #expect(run.stderr.contains(part), "\(args): \(part)\n\(run)") }
            #expect(run.stderr.hasSuffix("\n5 errors, 1 warning\n"), "\(args): \(run)")
        }
        #expect(access(dir + "/deployed", F_OK) != 0)
    }

    @Test func cyclicNeedsAreAnError() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/tasks.json"
        CommandLineTests.write("""
            [
              {"command": "run", "args": {"cmd": "true"}, "name": "a", "needs": ["b"]},
              {"command": "run", "args": {"cmd": "true"}, "name": "b", "needs": "a"}
            ]
            """, to: path)
        let run = try await ScoutBinary.run(["--mode", "parallel", path])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.hasPrefix("\(path):2:69: error: task 0, field \"needs\": tasks need each other in a cycle: a -> b -> a\n"), "\(run)")
    }

    @Test func varNamesCountAsDefined() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/tasks.json"
        CommandLineTests.write(#"[{"command": "print", "args": {"values": ["${who}"]}}]"#, to: path)
        let bare = try await ScoutBinary.run(["check", path])
        #expect(bare.status == 2)
        let run = try await ScoutBinary.run(["--var", "who=world", path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "world\n")
    }
}
