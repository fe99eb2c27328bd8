import Glibc
import Scout
import Testing

/// `scout fmt` through the built binary: files rewritten in place (only when they change,
/// keeping their mode), `--check`, standard input, syntax errors, and every sample.
@Suite struct FormatCommandTests {
    static let messy = "let x=1\nif x {print x}\nelse {\nprint 2}\n"
    static let formatted = "let x = 1\nif x {\n  print x\n} else {\n  print 2\n}\n"

    static func read(_ path: String) -> String {
        (try? LocalFile.readText(path)) ?? "<unreadable>"
    }

    static func status(_ path: String) -> stat {
        var info = stat()
        _ = lstat(path, &info)
        return info
    }

    @Test func rewritesAFileInPlaceKeepingItsMode() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/ci.scout"
        CommandLineTests.write(Self.messy, to: path, mode: 0o754)
        let run = try await ScoutBinary.run(["fmt", path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr == "")
        #expect(Self.read(path) == Self.formatted)
        #expect(Self.status(path).st_mode & 0o7777 == 0o754)
        // Nothing else is left in the directory.
        let listing = try await ScoutBinary.run(["-e", "print glob(\"\(dir)/.*scout*\"), glob(\"\(dir)/*\")"])
        #expect(listing.stdout == "[] [\"\(path)\"]\n")
    }

    @Test func aFileAlreadyFormattedIsNotWritten() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/ok.scout"
        CommandLineTests.write(Self.formatted, to: path)
        let before = Self.status(path)
        let run = try await ScoutBinary.run(["fmt", path])
        #expect(run.status == 0, "\(run)")
        let after = Self.status(path)
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    }

    @Test func aSymbolicLinkStaysALink() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let target = dir + "/target.scout"
        let link = dir + "/link.scout"
        CommandLineTests.write(Self.messy, to: target)
        #expect(symlink(target, link) == 0)
        let run = try await ScoutBinary.run(["fmt", link])
        #expect(run.status == 0, "\(run)")
        #expect(Self.status(link).st_mode & S_IFMT == S_IFLNK)
        #expect(Self.read(target) == Self.formatted)
    }

    @Test func checkListsTheFilesThatWouldChangeWithTheirFirstLines() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let messy = dir + "/messy.scout"
        let clean = dir + "/clean.scout"
        CommandLineTests.write("# keep\nlet x=1\nprint x\n", to: messy)
        CommandLineTests.write(Self.formatted, to: clean)
        let run = try await ScoutBinary.run(["fmt", "--check", clean, messy])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout == """
            would reformat \(messy)
            --- \(messy)
            +++ \(messy) (formatted)
            @@ -1,3 +1,3 @@
             # keep
            -let x=1
            +let x = 1
             print x

            """)
        #expect(Self.read(messy) == "# keep\nlet x=1\nprint x\n")
    }

    @Test func checkShowsTheFirstChangesOnly() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/long.scout"
        CommandLineTests.write((0..<30).map { "let v\($0)=\($0)\n" }.joined(), to: path)
        let run = try await ScoutBinary.run(["fmt", "--check", path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("@@ -1,10 +1,10 @@\n-let v0=0\n"))
        #expect(run.stdout.contains("-let v9=9\n+let v0 = 0\n"))
        #expect(run.stdout.hasSuffix("+let v9 = 9\n(cut: 30 lines removed and 30 added here, the first 10 of each shown)\n"))
        // Changes far apart: only the first is shown, with its context.
        let apart = dir + "/apart.scout"
        CommandLineTests.write("let a=1\n# 1\n# 2\n# 3\n# 4\n# 5\nlet b=2\n", to: apart)
        let first = try await ScoutBinary.run(["fmt", "--check", apart])
        #expect(first.stdout.hasSuffix("@@ -1,4 +1,4 @@\n-let a=1\n+let a = 1\n # 1\n # 2\n # 3\n"))
    }

    @Test func checkPassesWhenEverythingIsFormatted() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let path = dir + "/clean.scout"
        CommandLineTests.write(Self.formatted, to: path)
        let run = try await ScoutBinary.run(["fmt", "--check", path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "")
    }

    @Test func standardInputToStandardOutput() async throws {
        let run = try await ScoutBinary.run(["fmt", "-"], stdin: Self.messy)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == Self.formatted)
        let formatted = try await ScoutBinary.run(["fmt", "-"], stdin: Self.formatted)
        #expect(formatted.stdout == Self.formatted)
        let check = try await ScoutBinary.run(["fmt", "--check", "-"], stdin: Self.messy)
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("would reformat <stdin>\n--- <stdin>\n"))
    }

    @Test func aSyntaxErrorExitsTwoAndLeavesTheFileAlone() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let broken = dir + "/broken.scout"
        let other = dir + "/other.scout"
        let text = "let x=1\nlet = 3\n"
        CommandLineTests.write(text, to: broken)
        CommandLineTests.write(Self.messy, to: other)
        let run = try await ScoutBinary.run(["fmt", broken, other])
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.contains("\(broken):2:5: error: expected a name, found '='\n  |\n2 | let = 3\n  |     ^"))
        #expect(Self.read(broken) == text)
        // The other files are formatted all the same.
        #expect(Self.read(other) == Self.formatted)
        let stdin = try await ScoutBinary.run(["fmt", "-"], stdin: "print (")
        #expect(stdin.status == 2)
        #expect(stdin.stdout == "")
        #expect(stdin.stderr.contains("<stdin>:1:8: error:"))
    }

    @Test func usageErrors() async throws {
        let none = try await ScoutBinary.run(["fmt"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("fmt needs a file"))
        let option = try await ScoutBinary.run(["fmt", "--chek", "x.scout"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("did you mean '--check'?"))
        let missing = try await ScoutBinary.run(["fmt", "/no/such/file.scout"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read /no/such/file.scout: no such file"))
    }

    @Test func helpOnFmt() async throws {
        let topic = try await ScoutBinary.run(["help", "fmt"])
        #expect(topic.status == 0)
        #expect(topic.stdout.hasPrefix("scout fmt [--check] FILE...\n"))
        let flag = try await ScoutBinary.run(["fmt", "--help"])
        #expect(flag.stdout == topic.stdout)
        let usage = try await ScoutBinary.run(["--help"])
        #expect(usage.stdout.contains("scout fmt [--check] FILE..."))
    }

    @Test(arguments: SampleTests.samples.filter { $0.hasSuffix(".scout") })
    func formattingASampleTwiceChangesNothing(_ name: String) async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let copy = dir + "/" + name
        let original = Self.read(ScoutBinary.root + "/samples/" + name)
        CommandLineTests.write(original, to: copy)
        let first = try await ScoutBinary.run(["fmt", copy])
        #expect(first.status == 0, "\(name)\n\(first)")
        let once = Self.read(copy)
        let second = try await ScoutBinary.run(["fmt", copy])
        #expect(second.status == 0, "\(name)\n\(second)")
        #expect(Self.read(copy) == once)
        let check = try await ScoutBinary.run(["fmt", "--check", copy])
        #expect(check.status == 0, "\(name)\n\(check)")
        // The samples are in the house style: formatting leaves them as they are.
        #expect(once == original)
    }
}
