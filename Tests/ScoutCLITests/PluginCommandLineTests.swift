import Glibc
import Scout
import Testing

/// `scout commands`, plugins and the git commands through the built binary, with PATH set
/// in the child's environment.
@Suite struct PluginCommandLineTests {
    /// A directory holding an executable `scout-hello`, a `scout-run` that the built-in
    /// shadows, and a file that is not executable.
    static func pluginDirectory() -> String {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("#!/bin/sh\necho \"hello $*\"\n", to: dir + "/scout-hello", mode: 0o755)
        CommandLineTests.write("#!/bin/sh\necho never\n", to: dir + "/scout-run", mode: 0o755)
        CommandLineTests.write("not a program\n", to: dir + "/scout-notes", mode: 0o644)
        return dir
    }

    @Test func commandsListsTheBuiltinsAndThePluginsOnPath() async throws {
        let dir = PluginCommandLineTests.pluginDirectory()
        let run = try await ScoutBinary.run(["commands"], environment: ["PATH": dir + ":/usr/bin:/bin"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Built-in commands:")
        for name in ["fail", "git_branch", "git_diff", "git_log", "git_status", "plan", "print", "run", "service", "sleep"] {
            #expect(lines.contains { $0.hasPrefix("  " + name + " ") }, "\(name) is listed")
        }
        #expect(lines.contains("  git_status  the branch, and the staged, modified and untracked files of a git working tree"))
        #expect(lines.contains("Plugins (an executable scout-NAME on PATH is the command NAME):"))
        #expect(lines.contains("  hello       \(dir)/scout-hello"))
        #expect(lines.contains("  run         \(dir)/scout-run (not used: run is built in)"))
        #expect(!run.stdout.contains("scout-notes"))
        #expect(run.stderr == "")
    }

    @Test func commandsWithNoPluginsSaysSo() async throws {
        let run = try await ScoutBinary.run(["commands"], environment: ["PATH": CommandLineTests.temporaryDirectory()])
        #expect(run.stdout.contains("Plugins: none on PATH (an executable scout-NAME on PATH is the command NAME)\n"))
        let extra = try await ScoutBinary.run(["commands", "x"])
        #expect(extra.status == 2)
        #expect(extra.stderr.contains("commands takes no arguments, got 'x'"))
    }

    @Test func aScriptCallsAPluginFromPathAndCheckSeesIt() async throws {
        let dir = PluginCommandLineTests.pluginDirectory()
        let script = dir + "/greet.scout"
        CommandLineTests.write("hello \"world\", loud: true store as h\nprint h.exit_code\n", to: script)
        let environment = ["PATH": dir + ":/usr/bin:/bin"]
        let run = try await ScoutBinary.run([script], environment: environment)
        #expect(run.status == 0)
        #expect(run.stdout == "hello world --loud\n0\n")
        let check = try await ScoutBinary.run(["check", script], environment: environment)
        #expect(check.status == 0)
        let unknown = try await ScoutBinary.run(["check", script], environment: ["PATH": "/usr/bin:/bin"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: unknown command 'hello'"))
    }

    @Test func aJSONTaskListCallsPluginsToo() async throws {
        let dir = PluginCommandLineTests.pluginDirectory()
        let tasks = dir + "/tasks.json"
        CommandLineTests.write(#"[{"command": "hello", "args": {"name": "Ada"}}]"#, to: tasks)
        let run = try await ScoutBinary.run(["run", tasks], environment: ["PATH": dir + ":/usr/bin:/bin"])
        #expect(run.status == 0)
        #expect(run.stdout == "hello --name Ada\n")
    }

    @Test func helpOnAPluginAndOnCommands() async throws {
        let dir = PluginCommandLineTests.pluginDirectory()
        let plugin = try await ScoutBinary.run(["help", "hello"], environment: ["PATH": dir + ":/usr/bin:/bin"])
        #expect(plugin.stdout == "hello [arguments...]\n    a plugin: runs \(dir)/scout-hello\n")
        let commands = try await ScoutBinary.run(["help", "commands"])
        #expect(commands.stdout.contains("scout commands also lists the plugins on PATH"))
        let gitLog = try await ScoutBinary.run(["help", "git_log"])
        #expect(gitLog.stdout.hasPrefix("git_log\n    the latest git commits: hash, author, date and subject\n"))
        #expect(gitLog.stdout.contains("  count:        how many commits, at most (default 10) (an int, optional)\n"))
    }

    @Test func gitCommandsFailClearlyWithoutARepositoryOrWithoutGit() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let code = "git_status store as s\nprint s.status, s.error"
        let outside = try await ScoutBinary.run(["-e", code], in: dir)
        #expect(outside.status == 1)
        #expect(outside.stdout == "failure not a git repository: \(dir)\n")
        let noGit = try await ScoutBinary.run(["-e", code], in: dir, environment: ["PATH": dir])
        #expect(noGit.status == 1)
        #expect(noGit.stdout == "failure git is not installed (no git on PATH)\n")
    }
}
