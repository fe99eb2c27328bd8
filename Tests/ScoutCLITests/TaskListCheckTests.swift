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
        let expected = """
            scout: error: \(path): task 1, field "args.txt": print has no argument 'txt'
            scout: error: \(path): task 2, field "command": unknown command 'rn' (did you mean 'run'?)
            scout: error: \(path): task 3, field "args.duration": argument 'duration' of sleep must be a duration (such as 30s) or a number of seconds, not a string
            scout: error: \(path): task 4, field "args.cmd": 'nme' is never defined (did you mean 'name'?)
            scout: error: \(path): task 5, field "needs": needs an unknown task 'deplyo' (did you mean 'deploy'?)
            scout: warning: \(path): task 4, field "if": 'flag' is never defined
            5 errors

            """
        for args in [["check", path], [path], ["--dry-run", path]] {
            let run = try await ScoutBinary.run(args)
            #expect(run.status == 2, "\(args): \(run)")
            #expect(run.stdout == "")
            #expect(run.stderr == expected, "\(args): \(run)")
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
        #expect(run.stderr == "scout: error: \(path): task 0, field \"needs\": tasks need each other in a cycle: a -> b -> a\n", "\(run)")
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
