import Glibc
import Scout
import Testing

/// What a script declares for its command line, as a user runs it: `param` options, named
/// tasks, `--list`, `--help`, and scout's own options after the script's name.
@Suite struct ScriptOptionsTests {
    static let deploy = """
        #!/usr/bin/env scout
        param region = "eu-west-1"   # the region to deploy to
        # how many copies
        param replicas: int = 2
        param canary = false
        param target: string
        param tags: list = []

        print region, replicas + 1, canary, target, tags, args
        """

    static func script(_ text: String, name: String = "deploy.scout") -> (dir: String, path: String) {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/" + name
        CommandLineTests.write(text, to: path, mode: 0o755)
        return (dir, path)
    }

    @Test func optionsAreTypedAndDefaulted() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.deploy)
        let run = try await ScoutBinary.run([path, "--region", "us", "--replicas=5", "--canary", "--target", "web", "--tags", "a", "--tags", "b", "x"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "us 6 true web [\"a\",\"b\"] [\"x\"]\n")
        let defaults = try await ScoutBinary.run([path, "--target", "db", "--no-canary"])
        #expect(defaults.stdout == "eu-west-1 3 false db [] []\n", "\(defaults)")
    }

    @Test func aMissingRequiredOptionIsAUsageError() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.deploy)
        let run = try await ScoutBinary.run([path])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("error: \(path) needs --target"))
        #expect(run.stderr.contains("--target TEXT"))
    }

    @Test func anUnknownOptionSuggestsTheClosest() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.deploy)
        let run = try await ScoutBinary.run([path, "--regin", "eu", "--target", "x"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("unknown option '--regin'"))
        #expect(run.stderr.contains("did you mean '--region'?"))
        let wrongType = try await ScoutBinary.run([path, "--replicas", "many", "--target", "x"])
        #expect(wrongType.status == 2)
        #expect(wrongType.stderr.contains("--replicas expects a whole number, not 'many'"))
        // `--var` after the script is scout's own option, not a word for args.
        let variable = try await ScoutBinary.run([path, "--var", "region=ap", "--target", "x"])
        #expect(variable.stdout == "ap 3 false x [] []\n", "\(variable)")
    }

    @Test func helpListsTheOptionsWithTheirComments() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.deploy)
        let run = try await ScoutBinary.run([path, "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Usage: \(path) [OPTIONS] [ARGS...]"))
        #expect(run.stdout.contains("--region TEXT   the region to deploy to (default: \"eu-west-1\")"))
        #expect(run.stdout.contains("--replicas N    how many copies (default: 2)"))
        #expect(run.stdout.contains("--canary        (default: false)"))
        #expect(run.stdout.contains("--target TEXT   (required)"))
        #expect(run.stdout.contains("--tags ITEM     (repeatable) (default: [])"))
    }

    @Test func wordsAfterDoubleDashGoToArgs() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.deploy)
        let run = try await ScoutBinary.run([path, "--target", "t", "--", "--region", "-5"])
        #expect(run.stdout == "eu-west-1 3 false t [] [\"--region\",\"-5\"]\n", "\(run)")
    }

    @Test func aShebangScriptTakesItsOptions() async throws {
        let (dir, path) = ScriptOptionsTests.script(ScriptOptionsTests.deploy)
        let binDir = String(ScoutBinary.path[..<ScoutBinary.path.lastIndex(of: "/")!])
        let spec = ProcessSpec(program: .argv([path, "--region", "eu", "--target", "web", "one"]), workingDirectory: dir,
                               environmentOverrides: ["PATH": binDir + ":" + String(cString: getenv("PATH")), "NO_COLOR": "1"])
        let outcome = try await ProcessSupervisor.shared.run(spec)
        #expect(outcome.status == .exited(0))
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "eu 3 false web [] [\"one\"]\n")
    }

    static let ci = """
        #!/usr/bin/env scout
        let mode = "fast"
        run "echo setup" store as setup
        print "not a task: runs only when every task runs"

        parallel {
          # check the style
          task lint { print "lint ${mode}" }
          task unit { print "unit" }
          task build needs unit { print "build after ${setup.output}" }
        }

        # ship it
        task deploy if lint.ok {
          print "deploy"
        }
        """

    @Test func listShowsTheTasksWithTheirComments() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.ci, name: "ci.scout")
        let run = try await ScoutBinary.run([path, "--list"])
        #expect(run.status == 0)
        #expect(run.stdout == "Tasks:\n  lint     check the style\n  unit\n  build    (needs unit)\n  deploy   ship it\n")
        let short = try await ScoutBinary.run([path, "-l"])
        #expect(short.stdout == run.stdout)
    }

    @Test func namedTasksRunWithWhatTheyNeedAndRead() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.ci, name: "ci.scout")
        let lint = try await ScoutBinary.run([path, "lint"])
        #expect(lint.status == 0, "\(lint)")
        #expect(lint.stdout == "lint fast\n")
        // build needs unit and reads setup's result; deploy's condition reads lint.
        let build = try await ScoutBinary.run([path, "build", "deploy"])
        #expect(build.stdout.split(separator: "\n").sorted() == ["build after setup", "deploy", "lint fast", "setup", "unit"], "\(build)")
        #expect(!build.stdout.contains("not a task"))
        let all = try await ScoutBinary.run([path])
        #expect(all.stdout.contains("not a task"))
    }

    @Test func anUnknownTaskIsAUsageErrorWithASuggestion() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.ci, name: "ci.scout")
        let run = try await ScoutBinary.run([path, "lnit"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("has no task 'lnit'"))
        #expect(run.stderr.contains("did you mean 'lint'?"))
    }

    @Test func scoutOptionsWorkAfterTheScript() async throws {
        let (_, path) = ScriptOptionsTests.script(ScriptOptionsTests.ci, name: "ci.scout")
        let run = try await ScoutBinary.run([path, "-q", "--jobs", "2", "unit"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "unit\n")
        #expect(run.stderr == "")
        let bad = try await ScoutBinary.run([path, "--jobs", "zero"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--jobs needs a number of at least 1, got 'zero'"))
    }
}
