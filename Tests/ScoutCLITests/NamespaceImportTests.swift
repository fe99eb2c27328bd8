import Glibc
import Scout
import Testing

/// `import "PATH" as NAME`, through the binary: commands called `NAME.command`, `let`s read
/// as `NAME.field`, a module's commands finding their own names first.
@Suite struct NamespaceImportTests {
    static func project() -> String {
        let dir = CommandLineTests.temporaryDirectory()
        mkdir(dir + "/lib", 0o755)
        CommandLineTests.write("""
            import "notes.scout"
            let region = "eu-west-1"
            command push(target) {
              note "pushing ${target} to ${region}"
            }
            command all() {
              push "web"
              push "api"
            }

            """, to: dir + "/lib/deploy.scout")
        CommandLineTests.write("""
            let channel = "#ops"
            command note(text) {
              print "[${channel}] ${text}"
            }

            """, to: dir + "/lib/notes.scout")
        return dir
    }

    @Test func commandsAndLetsAreUsedThroughTheNamespaceAndTheModuleSeesItsOwnNames() async throws {
        let dir = NamespaceImportTests.project()
        CommandLineTests.write("""
            import "lib/deploy.scout" as deploy
            let region = "local"
            deploy.push "db" store as pushed
            deploy.all
            print "${deploy.region} ${deploy.channel} ${region} ${pushed.status}"

            """, to: dir + "/ci.scout")
        let run = try await ScoutBinary.run(["-q", dir + "/ci.scout"])
        #expect(run.status == 0, "\(run)")
        // The module's `push` reads its own `region`, not the script's; `note` comes from the
        // file the module imports, inside the same namespace.
        #expect(run.stdout == """
            [#ops] pushing db to eu-west-1
            [#ops] pushing web to eu-west-1
            [#ops] pushing api to eu-west-1
            eu-west-1 #ops local success

            """, "\(run)")
        let check = try await ScoutBinary.run(["check", dir + "/ci.scout"])
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check)")
        // Progress names the command as it was called.
        let loud = try await ScoutBinary.run([dir + "/ci.scout"])
        #expect(loud.stderr.contains("ok      deploy.all"), "\(loud)")
    }

    @Test func aNameWithoutItsNamespaceIsAnErrorThatSaysWhichOneItMeans() async throws {
        let dir = NamespaceImportTests.project()
        CommandLineTests.write("""
            import "lib/deploy.scout" as deploy
            push "x"
            deploy.psuh "y"
            deploy.region

            """, to: dir + "/ci.scout")
        let run = try await ScoutBinary.run(["check", dir + "/ci.scout"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("""
            ci.scout:2:1: error: unknown command 'push'
              |
            2 | push "x"
              | ^^^^
              = help: did you mean 'deploy.push'?
            """), "\(run)")
        #expect(run.stderr.contains("ci.scout:3:1: error: unknown command 'deploy.psuh'"), "\(run)")
        #expect(run.stderr.contains("= help: did you mean 'deploy.push'?"), "\(run)")
        #expect(run.stderr.contains("ci.scout:4:1: error: 'deploy.region' is not a command of 'deploy'"), "\(run)")
        #expect(run.stderr.contains("= help: to show a value: print deploy.region"), "\(run)")
    }

    @Test func aNamespaceClashIsACheckErrorNamingBothPlaces() async throws {
        let dir = NamespaceImportTests.project()
        CommandLineTests.write("""
            import "lib/deploy.scout" as d
            import "lib/notes.scout" as d
            let d = 1

            """, to: dir + "/ci.scout")
        let run = try await ScoutBinary.run(["check", dir + "/ci.scout"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("ci.scout:2:29: error: the namespace 'd' is already given to the import at \(dir)/ci.scout:1:8"), "\(run)")
        #expect(run.stderr.contains("ci.scout:3:5: error: 'd' is the namespace of the import at \(dir)/ci.scout:1:8; give the variable another name"), "\(run)")
        // A namespace needs a name.
        CommandLineTests.write("import \"lib/deploy.scout\" as\n", to: dir + "/bad.scout")
        let bad = try await ScoutBinary.run(["check", dir + "/bad.scout"])
        #expect(bad.status == 2 && bad.stderr.contains("bad.scout:1:29: error: expected a namespace"), "\(bad)")
    }

    @Test func theSameFileCanBeImportedUnderTwoNamespacesAndPlainly() async throws {
        let dir = NamespaceImportTests.project()
        CommandLineTests.write("""
            import "lib/notes.scout" as a
            import "lib/notes.scout" as b
            import "lib/notes.scout"
            a.note "one"
            b.note "two"
            note "three"

            """, to: dir + "/ci.scout")
        let run = try await ScoutBinary.run(["-q", dir + "/ci.scout"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "[#ops] one\n[#ops] two\n[#ops] three\n", "\(run)")
    }

    @Test func formattingKeepsTheNamespace() async throws {
        let dir = NamespaceImportTests.project()
        let run = try await ScoutBinary.run(["fmt", "-"], in: dir, stdin: "import   \"lib/deploy.scout\"   as deploy\ndeploy.push   \"x\"\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "import \"lib/deploy.scout\" as deploy\ndeploy.push \"x\"\n", "\(run)")
    }

    @Test func theREPLCallsANamespacedCommandOnALaterLine() async throws {
        let dir = NamespaceImportTests.project()
        let run = try await ScoutBinary.run(["repl"], in: dir, stdin: "import \"lib/deploy.scout\" as deploy\ndeploy.push \"x\"\nprint deploy.region\n")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("[#ops] pushing x to eu-west-1\neu-west-1\n"), "\(run)")
    }
}
