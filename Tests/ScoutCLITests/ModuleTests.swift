import Glibc
import Scout
import Testing

/// `import "PATH"`, through the binary: a small project with a library folder.
@Suite struct ModuleTests {
    static func project() -> String {
        let dir = CommandLineTests.temporaryDirectory()
        mkdir(dir + "/lib", 0o755)
        mkdir(dir + "/elsewhere", 0o755)
        CommandLineTests.write("""
            import "common.scout"
            let region = "eu-west-1"

            command deploy(target) {
              print "deploying ${target} to ${region} as ${user}"
            }

            print "the library's own steps never run when it is imported"
            run "touch '\(dir)/ran'"

            """, to: dir + "/lib/deploy.scout")
        CommandLineTests.write("""
            let user = "ci"
            command hello() {
              print "hello from common"
            }

            """, to: dir + "/lib/common.scout")
        return dir
    }

    @Test func commandsAndLetsComeFromFilesRelativeToTheImporterAndNothingElseRuns() async throws {
        let dir = ModuleTests.project()
        CommandLineTests.write("""
            import "lib/deploy.scout"
            import "lib/common.scout"
            hello
            deploy "web"
            print "region ${region}"

            """, to: dir + "/ci.scout")
        // Run from another directory: paths are the importing file's, not the caller's.
        let run = try await ScoutBinary.run(["-q", "../ci.scout"], in: dir + "/elsewhere")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "hello from common\ndeploying web to eu-west-1 as ci\nregion eu-west-1\n", "\(run)")
        #expect(access(dir + "/ran", F_OK) != 0, "importing never runs the library's tasks")
        let check = try await ScoutBinary.run(["check", dir + "/ci.scout"])
        #expect(check.status == 0, "\(check)")
    }

    @Test func anImportCycleIsAnErrorNamingBothPlaces() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("import \"b.scout\"\nprint 1\n", to: dir + "/a.scout")
        CommandLineTests.write("# b\nimport \"a.scout\"\n", to: dir + "/b.scout")
        for args in [[dir + "/a.scout"], ["check", dir + "/a.scout"]] {
            let run = try await ScoutBinary.run(args)
            #expect(run.status == 2, "\(run)")
            #expect(run.stderr.contains("a.scout:1:8: error: \(dir)/b.scout has an error: \(dir)/b.scout:2:8: import cycle: a.scout imports b.scout imports a.scout"), "\(run)")
            #expect(run.stdout.isEmpty, "nothing ran: \(run)")
        }
        CommandLineTests.write("import \"self.scout\"\n", to: dir + "/self.scout")
        let own = try await ScoutBinary.run([dir + "/self.scout"])
        #expect(own.status == 2 && own.stderr.contains("import cycle: self.scout imports self.scout"), "\(own)")
    }

    @Test func aCommandDefinedTwiceIsAnErrorNamingBothPlaces() async throws {
        let dir = ModuleTests.project()
        CommandLineTests.write("import \"lib/deploy.scout\"\ncommand deploy(x) {\n  print x\n}\n", to: dir + "/after.scout")
        let after = try await ScoutBinary.run([dir + "/after.scout"])
        #expect(after.status == 2, "\(after)")
        #expect(after.stderr.contains("after.scout:2:9: error: the command 'deploy' is also defined in \(dir)/lib/deploy.scout:4:9, which this script imports"), "\(after)")

        CommandLineTests.write("command hello() {\n  print 1\n}\nimport \"lib/common.scout\"\n", to: dir + "/before.scout")
        let before = try await ScoutBinary.run([dir + "/before.scout"])
        #expect(before.status == 2, "\(before)")
        #expect(before.stderr.contains("before.scout:4:8: error: \(dir)/lib/common.scout defines the command 'hello' (at \(dir)/lib/common.scout:2:9), which is already defined at \(dir)/before.scout:1:9"), "\(before)")
    }

    @Test func aMissingBrokenOrMisplacedImportIsAnErrorAtItsPlace() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("import \"nope.scout\"\n", to: dir + "/missing.scout")
        let missing = try await ScoutBinary.run([dir + "/missing.scout"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.contains("missing.scout:1:8: error: cannot import \(dir)/nope.scout: no such file (\(dir)/nope.scout)"), "\(missing)")
        #expect(missing.stderr.contains("  |        ^^^^^^^^^^^^"), "\(missing)")

        CommandLineTests.write("let x = 1 +\n", to: dir + "/bad.scout")
        CommandLineTests.write("print 0\nimport \"bad.scout\"\n", to: dir + "/usebad.scout")
        let bad = try await ScoutBinary.run([dir + "/usebad.scout"])
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stderr.contains("usebad.scout:2:8: error: cannot import \(dir)/bad.scout: \(dir)/bad.scout:1:12: expected an expression"), "\(bad)")

        CommandLineTests.write("undefined_command 1\n", to: dir + "/wrong.scout")
        CommandLineTests.write("import \"wrong.scout\"\n", to: dir + "/usewrong.scout")
        let wrong = try await ScoutBinary.run(["check", dir + "/usewrong.scout"])
        #expect(wrong.status == 2, "\(wrong)")
        #expect(wrong.stderr.contains("wrong.scout:1:1: unknown command 'undefined_command'"), "\(wrong)")

        CommandLineTests.write("if true {\n  import \"wrong.scout\"\n}\n", to: dir + "/nested.scout")
        let nested = try await ScoutBinary.run([dir + "/nested.scout"])
        #expect(nested.status == 2, "\(nested)")
        #expect(nested.stderr.contains("nested.scout:2:10: error: an import can only stand at the top level of a script"), "\(nested)")
    }

    @Test func importFormatsAsWritten() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("import    'lib/x.scout'\nprint 1\n", to: dir + "/f.scout")
        let format = try await ScoutBinary.run(["fmt", dir + "/f.scout"])
        #expect(format.status == 0, "\(format)")
        #expect((try? LocalFile.readText(dir + "/f.scout")) == "import 'lib/x.scout'\nprint 1\n")
        let help = try await ScoutBinary.run(["help", "import"])
        #expect(help.status == 0 && help.stdout.contains("import \"lib/deploy.scout\""), "\(help)")
    }
}
