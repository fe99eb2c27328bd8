import Glibc
import Scout
import Testing

/// Script-wide settings: where a script runs (`script_dir`, `use cwd`), the environment of
/// every task (`use env`), and a default time limit (`use timeout`).
@Suite struct ScriptSettingsTests {
    @Test func useCwdScriptDirRunsTasksAndGlobsFromTheScriptsDirectory() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        mkdir(dir + "/src", 0o755)
        CommandLineTests.write("int a;\n", to: dir + "/src/a.c")
        CommandLineTests.write("int b;\n", to: dir + "/src/b.c")
        CommandLineTests.write("""
            use cwd(script_dir)
            print glob("src/*.c"), exists("src/a.c")
            run "ls src"
            run "pwd", cwd: "src"
            """, to: dir + "/ci.scout")
        // Called from elsewhere: the script still works on its own files.
        let run = try await ScoutBinary.run([dir + "/ci.scout"], in: "/")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "[\"src/a.c\",\"src/b.c\"] true\na.c\nb.c\n\(dir)/src\n")
    }

    @Test func scriptDirIsTheScriptsOwnDirectory() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("print script_dir\n", to: dir + "/where.scout")
        let run = try await ScoutBinary.run(["where.scout"], in: dir)
        #expect(run.stdout == dir + "\n")
        let evaluated = try await ScoutBinary.run(["-e", "print script_dir"], in: dir)
        #expect(evaluated.stdout == dir + "\n")
    }

    @Test func useCwdOfAMissingDirectoryIsAnError() async throws {
        let run = try await ScoutBinary.run(["-e", "use cwd(\"/no/such/dir\")\nprint 1"])
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("'/no/such/dir' is not a directory"))
    }

    @Test func useEnvReachesEveryTaskAndEnv() async throws {
        let run = try await ScoutBinary.run(["-e", """
            use env(STAGE: "prod", COUNT: 3)
            run "echo $STAGE $COUNT"
            run "echo $STAGE", env: {STAGE: "override"}
            print env("STAGE")
            use env(STAGE: null)
            run "echo [${raw("$")}{STAGE:-unset}]"
            """])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "prod 3\noverride\nprod\n[unset]\n")
    }

    @Test func useTimeoutLimitsTasksThatSetNoTimeout() async throws {
        let run = try await ScoutBinary.run(["-e", """
            use timeout(300ms)
            run "sleep 30" store as slow
            run "sleep 0.5" timeout 20s store as own
            print slow.timed_out, own.ok
            """])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout == "true true\n")
    }

    @Test func badSettingsAreCheckErrors() async throws {
        let run = try await ScoutBinary.run(["-e", "use timeout()\nuse cwd(\"a\", \"b\")"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("use timeout takes one argument"))
        #expect(run.stderr.contains("use cwd takes one argument"))
    }
}
