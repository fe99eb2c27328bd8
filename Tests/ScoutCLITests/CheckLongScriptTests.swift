import Glibc
import Scout
import ScoutTestSupport
import Testing

/// `scout check` of a script long enough to be read in many pieces: what it reports, and
/// where, is what a short script's check reports.
@Suite struct CheckLongScriptTests {
    static let body = String(repeating: "let v = 1 + 2 * 3\nif v > 1 { print \"big ${v}\" } else { run \"echo 1\" }\n", count: 2000)

    @Test func namesAndCommandsDefinedAnywhereAreKnown() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let text = "greet\ngreet \"a\"\n" + CheckLongScriptTests.body + "print nope\nprint later\nlet later = 1\ncommand greet(name) {\n  print name\n}\n"
        CommandLineTests.write(text, to: dir + "/long.scout")
        let run = try await ScoutBinary.run(["check", dir + "/long.scout"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("long.scout:1:1: error: greet needs the argument 'name'"))
        #expect(run.stderr.contains("long.scout:4003:7: error: 'nope' is never defined"))
        #expect(run.stderr.contains("2 errors"))
    }

    @Test func aSyntaxErrorAtTheEndComesAlone() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("print nope\n" + CheckLongScriptTests.body + "let = 1\n", to: dir + "/long.scout")
        let run = try await ScoutBinary.run(["check", dir + "/long.scout"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("long.scout:4002:5: error: expected a name, found '='"))
        #expect(!run.stderr.contains("nope"))
    }
}
