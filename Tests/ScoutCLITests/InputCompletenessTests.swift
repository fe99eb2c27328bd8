@testable import ScoutCLI
import Testing

/// When Enter runs the input and when it goes on to the next line, decided with the lexer.
@Suite(.serialized) struct InputCompletenessTests {
    static let cases: [(String, InputStatus)] = [
        ("", .complete),
        ("   ", .complete),
        ("print 1", .complete),
        ("run \"make\" store as build", .complete),
        ("task b {", .incomplete(indent: 2)),
        ("parallel {\n  task a {", .incomplete(indent: 4)),
        ("parallel {\n  task a { run \"x\" }\n}", .complete),
        ("let xs = [1,", .incomplete(indent: 2)),
        ("let m = {\"a\": (1 +", .incomplete(indent: 4)),
        ("print len(", .incomplete(indent: 2)),
        ("let x = 1 +", .incomplete(indent: 2)),
        ("let x = 1 + # more to come", .incomplete(indent: 2)),
        ("let ok = a and", .incomplete(indent: 2)),
        ("for f in", .incomplete(indent: 2)),
        ("print 1,", .incomplete(indent: 2)),
        ("print build.", .incomplete(indent: 2)),
        ("print \"\"\"", .incomplete(indent: 0)),
        ("print \"\"\"\n  text ${x", .incomplete(indent: 0)),
        ("print \"\"\"\n  text ${x}\n  \"\"\"", .complete),
        ("print \"abc", .complete),
        ("print \"abc \\", .incomplete(indent: 0)),
        ("print \"abc \\\\", .complete),
        ("print \"${(1", .complete),
        ("print \"a)\" # (", .complete),
        ("print 'raw", .complete),
        ("}", .complete),
        ("print (1]", .incomplete(indent: 2)),
        (":load x.scout", .complete),
        ("  :vars", .complete),
    ]

    @Test(arguments: cases)
    func status(_ input: String, _ expected: InputStatus) {
        #expect(InputCompleteness.status(of: input) == expected)
    }
}
