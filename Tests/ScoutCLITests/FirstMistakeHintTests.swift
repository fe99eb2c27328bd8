import Scout
import Testing

/// The mistakes people make first get a hint that says how to write it, at the right place.
@Suite struct FirstMistakeHintTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var script: String
        var place: String
        var message: String
        var help: String
        var testDescription: String { script }
    }

    static let cases: [Case] = [
        Case(script: "run make test", place: "1:10", message: "expected ',', a clause or end of line, found 'test'",
             help: #"a command line is a string: did you mean run "make test"?"#),
        Case(script: "run make test store as t", place: "1:10", message: "expected ',', a clause or end of line, found 'test'",
             help: #"a command line is a string: did you mean run "make test"?"#),
        Case(script: "let x = 1\nif x = 3 {\n  print x\n}", place: "2:6", message: "unexpected '=' in a condition",
             help: "to compare, write '=='"),
        Case(script: "let x = 1\nprint x if x = 3", place: "2:14", message: "unexpected '=' in a condition",
             help: "to compare, write '=='"),
        Case(script: "let x = 1\nstop \"done\" if x = 3", place: "2:18", message: "unexpected '=' in a condition",
             help: "to compare, write '=='"),
        Case(script: "run make", place: "1:5", message: "'make' is never defined",
             help: #"a command line is a string: did you mean run "make"?"#),
        Case(script: "let x = 1\nif x == 3 { print 1 } elif x == 2 { print 2 }", place: "2:23", message: "unexpected 'elif'",
             help: "write 'else if'"),
        Case(script: "let x = 1\nif x == 3 {\n  print 1\n}\nelif x == 2 {\n  print 2\n}", place: "5:1", message: "unexpected 'elif'",
             help: "write 'else if'"),
        Case(script: "use retry 3", place: "1:11", message: "expected '(' or end of line, found '3'",
             help: "write 'use retry(3)' or 'use retry(max_retries: 3)'"),
        Case(script: #"run "x" store as r, quiet: true"#, place: "1:21", message: "argument 'quiet' after a clause",
             help: #"arguments come before the clauses: run "x", quiet: true store as r"#),
        Case(script: #"run "x" if true quiet: true"#, place: "1:17", message: "argument 'quiet' after a clause",
             help: #"arguments come before the clauses: run "x", quiet: true if true"#),
    ]

    @Test(arguments: cases) func aHintAtThePlace(_ c: Case) async throws {
        let run = try await ScoutBinary.run(["-e", c.script])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("-e:\(c.place): error: \(c.message)\n"), "\(run)")
        #expect(run.stderr.contains("  = help: \(c.help)\n"), "\(run)")
    }

    @Test func aLongListOfErrorsSaysHowManyMoreThereWere() async throws {
        let run = try await ScoutBinary.run(["-e", String(repeating: "let = 1\n", count: 130)])
        #expect(run.status == 2)
        #expect(run.stderr.hasSuffix("\n100 errors shown, 30 more\n"), "\(run)")
        #expect(run.stderr.split(separator: "\n").filter { $0.contains("error: expected a name") }.count == 100)
    }
}
