@testable import ScoutCLI
import Testing

/// Piped lines gathered into statements, line by line.
@Suite(.serialized) struct StatementGathererTests {
    static func gather(_ text: String) -> [String] {
        var g = StatementGatherer()
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let s = g.add(String(line)) { out.append("\(s.firstLine): \(s.text)") }
        }
        if g.hasPending {
            let rest = g.take()
            out.append("\(rest.firstLine) (unfinished): \(rest.text)")
        }
        return out
    }

    @Test func linesBecomeStatements() {
        let input = """
            let a = 1

            task b {
              print "x" +
                "y"
              print \"\"\"
                (not a bracket
                \"\"\"
              print len([1,
                2])
            }
            :vars
            print (1 +
            """
        #expect(StatementGathererTests.gather(input) == [
            "1: let a = 1",
            "3: task b {\n  print \"x\" +\n    \"y\"\n  print \"\"\"\n    (not a bracket\n    \"\"\"\n  print len([1,\n    2])\n}",
            "12: :vars",
            "13 (unfinished): print (1 +",
        ])
    }

    @Test func lineByLineAgreesWithTheWholeInput() {
        let inputs = [
            "let m = {\n\"a\": [1,\n2]\n}", "print \"\"\"\n${x +\n1}\n\"\"\"", "print \"a \\\n b\"", "let x = 1 + # c\n# only a comment\n2",
            "for f in\n[1]\n{\nprint f\n}",
        ]
        for input in inputs {
            let lines = input.split(separator: "\n").map(String.init)
            var g = StatementGatherer()
            for (n, line) in lines.enumerated() {
                let whole = InputCompleteness.status(of: lines[...n].joined(separator: "\n"))
                let statement = g.add(line)
                #expect((statement != nil) == (whole == .complete), "\(input) at line \(n + 1)")
            }
        }
    }
}
