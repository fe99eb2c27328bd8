import Testing
@testable import Scout

/// Every ```scout example in grammar/scout.ebnf and README.md parses without an error, and
/// the grammar's own example also passes the checker.
@Suite struct GrammarExamplesTests {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }()

    /// The ```scout blocks of a Markdown or EBNF file, with the line each starts on.
    static func examples(in file: String) -> [(line: Int, code: String)] {
        guard let text = try? LocalFile.readText(root + "/" + file) else { return [] }
        var out: [(Int, String)] = []
        var current: [Substring]?
        var start = 0
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if current == nil, line.trimmingPrefix(" ").hasPrefix("```scout") {
                current = []
                start = n + 2
            } else if current != nil, line.trimmingPrefix(" ").hasPrefix("```") {
                out.append((start, current!.joined(separator: "\n")))
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return out
    }

    @Test(arguments: ["grammar/scout.ebnf", "README.md"])
    func everyExampleParses(_ file: String) {
        let examples = GrammarExamplesTests.examples(in: file)
        #expect(!examples.isEmpty, "no ```scout examples found in \(file)")
        for (line, code) in examples {
            let (_, diagnostics) = Parser.parse(SourceFile(name: "\(file):\(line)", text: code))
            let errors = diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(file), example at line \(line):\n\(DiagnosticRenderer().render(errors))")
        }
    }

    @Test func theGrammarExampleChecksClean() throws {
        let example = try #require(GrammarExamplesTests.examples(in: "grammar/scout.ebnf").first)
        let diagnostics = Interpreter().check(SourceFile(name: "grammar example", text: example.code))
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer().render(diagnostics))")
    }
}
