import Glibc
import Scout
@testable import ScoutCLI
import Testing

/// `scout --help`, `scout help TOPIC` and the README say the same as the code: every option
/// ArgumentReader accepts, every subcommand, the exit statuses, the keywords.
@Suite struct HelpTests {
    static let readme: [String] = {
        let text = (try? LocalFile.readText(ScoutBinary.root + "/README.md")) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }()

    /// The rows of the README table whose header row is `header`, as their cells (`\|` in a
    /// cell is a `|`).
    static func readmeTable(_ header: String) -> [[String]] {
        guard let start = readme.firstIndex(of: header) else { return [] }
        return readme[(start + 2)...].prefix(while: { $0.hasPrefix("|") }).map { row in
            row.replacing("\\|", with: "\u{0}").dropFirst().dropLast().split(separator: "|")
                .map { String($0).replacing("\u{0}", with: "|").trimmingWhitespace() }
        }
    }

    @Test func helpListsEveryOptionAndSubcommand() async throws {
        let help = try await ScoutBinary.run(["--help"])
        #expect(help.status == 0)
        for option in CLIOption.allCases {
            #expect(help.stdout.contains("\n  " + option.usage + " "), "\(option.long) is missing from scout --help")
        }
        for subcommand in Completions.subcommands {
            #expect(help.stdout.contains("\n  scout \(subcommand) "), "\(subcommand) is missing from scout --help")
        }
        let listed = try await ScoutBinary.run(["help", "options"])
        #expect(listed.stdout.hasSuffix(CLIOption.helpLines))
    }

    /// The other way round: every spelling the help text shows is one ArgumentReader takes.
    @Test func everyOptionTheHelpShowsIsAccepted() async throws {
        let help = try await ScoutBinary.run(["--help"])
        let section = help.stdout.split(separator: "\n").drop(while: { !$0.hasPrefix("Options") }).dropFirst()
            .prefix(while: { $0.hasPrefix("  -") })
        #expect(section.count == CLIOption.allCases.count)
        for line in section {
            let usage = line.dropFirst(2).split(separator: "  ")[0]
            for spelling in usage.split(separator: " ").map({ String($0.filter { $0 != "," }) }) where spelling.hasPrefix("-") {
                var reader = ArgumentReader([spelling, "x=1", "-e", "1"])
                do {
                    _ = try reader.read()
                } catch {
                    #expect(!error.message.hasPrefix("unknown option"), "scout --help shows \(spelling), which is not accepted")
                }
            }
        }
        let unknown = try await ScoutBinary.run(["--var-jsn", "a=1", "-e", "1"])
        #expect(unknown.stderr.contains("did you mean '--var-json'?"), "\(unknown)")
    }

    @Test func readmeAndCompletionScriptsListEveryOption() {
        let rows = HelpTests.readmeTable("| option | meaning |").map { $0[0] }
        for option in CLIOption.allCases where option != .help && option != .version && option != .eval {
            #expect(rows.contains { $0.contains("`\(option.long)") }, "\(option.long) is missing from the README's option table")
        }
        for row in rows {
            for spelling in row.split(whereSeparator: { "` ,/".contains($0) }) where spelling.hasPrefix("-") {
                #expect(CLIOption.named(String(spelling)) != nil, "the README lists \(spelling), which scout does not take")
            }
        }
        for shell in Completions.shells {
            let script = Completions.script(for: shell) ?? ""
            for option in CLIOption.allCases {
                let spelling = shell == "fish" ? "-l \(option.long.dropFirst(2)) " : option.long
                #expect(script.contains(spelling), "\(option.long) is missing from the \(shell) completions")
            }
        }
    }

    @Test func exitStatusHelpAgreesWithTheReadme() async throws {
        let help = try await ScoutBinary.run(["help", "exit-status"])
        #expect(help.status == 0)
        let fromHelp = help.stdout.split(separator: "\n").dropFirst().map { line -> [String] in
            let trimmed = line.drop(while: { $0 == " " })
            let code = trimmed.prefix(while: \.isNumber)
            return [String(code), String(trimmed.dropFirst(code.count)).trimmingWhitespace()]
        }
        let fromReadme = HelpTests.readmeTable("| status | meaning |")
        #expect(fromHelp == fromReadme)
        #expect(fromHelp.map { $0[0] } == ["0", "1", "2", "130", "141", "143"])
        let usage = try await ScoutBinary.run(["--help"])
        #expect(usage.stdout.hasSuffix(help.stdout))
    }

    static let keywords = ["stop", "fail", "parallel", "store", "task", "for", "if", "needs", "retry", "timeout", "use",
                           "command", "let", "sequential", "skip_if", "stop_if", "extract", "param", "service", "import", "sources", "generates"]

    @Test(arguments: HelpTests.keywords)
    func helpExplainsKeyword(_ keyword: String) async throws {
        let run = try await ScoutBinary.run(["help", keyword])
        #expect(run.status == 0, "\(run)")
        let firstLine = run.stdout.prefix(while: { $0 != "\n" })
        #expect(firstLine.contains(keyword), "\(run)")
        #expect(run.stdout.contains("\nExample:\n    "), "\(run)")
        let list = try await ScoutBinary.run(["help", "keywords"])
        #expect(list.stdout.contains("\n  \(keyword) "), "\(list)")
    }

    /// The examples parse and check clean, once the language has the keyword (a keyword, or
    /// a command of that name).
    @Test func keywordExamplesParseAndCheck() {
        let interpreter = Interpreter(configuration: InterpreterConfiguration(commands: .standard))
        // The file the example of `import` imports.
        let dir = CommandLineTests.temporaryDirectory()
        mkdir(dir + "/lib", 0o755)
        CommandLineTests.write("command push(target) {\n  print target\n}\n", to: dir + "/lib/deploy.scout")
        for entry in KeywordHelp.entries where Keyword(rawValue: entry.keyword) != nil || CommandRegistry.standard.spec(entry.keyword) != nil {
            let diagnostics = interpreter.check(SourceFile(name: dir + "/" + entry.keyword + ".scout", text: entry.example))
            #expect(diagnostics.isEmpty, "scout help \(entry.keyword): \(diagnostics)")
        }
    }
}
