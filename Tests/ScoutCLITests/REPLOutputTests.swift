@testable import ScoutCLI
import Scout
import Testing

/// How the REPL shows values and results, and reads meta-commands.
@Suite(.serialized) struct REPLOutputTests {
    static let value: Value = ["name": "scout", "tags": ["ci", "batch"], "n": 3, "pi": 3.5, "ok": true, "none": .null, "empty": [:]]

    @Test func valuesArePrettyJSON() {
        #expect(ValuePrinter(color: false).format(REPLOutputTests.value) == REPLOutputTests.value.jsonText(pretty: true))
        #expect(ValuePrinter(color: false).format("a \"quoted\"\nline") == "\"a \\\"quoted\\\"\\nline\"")
        #expect(ValuePrinter(color: false).format(.duration(.milliseconds(1500))) == "1500ms")
        #expect(ValuePrinter(color: false).format(.list([])) == "[]")
    }

    @Test func valuesAreColouredByKind() {
        let text = ValuePrinter(color: true).format(["k": "s", "n": 1, "b": false, "z": .null])
        #expect(text.contains("\u{1B}[34;1m\"k\"\u{1B}[0m: \u{1B}[32m\"s\"\u{1B}[0m"))
        #expect(text.contains("\u{1B}[36m1\u{1B}[0m"))
        #expect(text.contains("\u{1B}[35mfalse\u{1B}[0m"))
        #expect(text.contains("\u{1B}[35mnull\u{1B}[0m"))
    }

    @Test func previewsAreCutToTheirWidth() {
        let printer = ValuePrinter(color: false)
        #expect(printer.preview("hello world", width: 8) == "\"hello …")
        #expect(printer.preview(["a": 1], width: 80) == "{\"a\":1}")
        #expect(ValuePrinter.truncate("日本語テキスト", to: 6) == "日本…")
    }

    @Test func aResultInOneLine() {
        let summary = ResultSummary(style: Style(enabled: false))
        let ok = TaskResult(status: .success, output: "hello", exitCode: 0, durationMs: 12, attempts: 1, command: "run", name: "build")
        #expect(summary.line(ok, width: 80) == "build: success in 12ms, exit 0, output \"hello\"")
        var failed = TaskResult(status: .failure, error: "exit status 2", exitCode: 2, durationMs: 1500, attempts: 3, command: "run")
        failed.timedOut = true
        #expect(summary.line(failed, width: 80) == "run: failure in 1.5s, exit 2, timed out, 3 attempts, exit status 2")
        #expect(summary.line(failed, width: 80, error: false) == "run: failure in 1.5s, exit 2, timed out, 3 attempts")
        #expect(summary.line(.skipped("lint failed"), width: 80) == ": skipped: lint failed")
        let long = TaskResult(status: .success, output: .string(String(repeating: "x", count: 200)), command: "run")
        #expect(summary.line(long, width: 60).count <= 60)
    }

    @Test func metaCommands() {
        #expect(MetaCommand(parsing: "print 1") == nil)
        #expect(MetaCommand(parsing: " :help ") == .help)
        #expect(MetaCommand(parsing: ":q") == .quit)
        #expect(MetaCommand(parsing: ":load  dir/x.scout ") == .load("dir/x.scout"))
        #expect(MetaCommand(parsing: ":save") == .missingFile(":save"))
        #expect(MetaCommand(parsing: ":vras") == .unknown(":vras"))
    }

    @Test func aBareNameShowsTheVariable() {
        #expect(REPLEvaluator.bareName("build") == "build")
        #expect(REPLEvaluator.bareName("  build  ") == "build")
        #expect(REPLEvaluator.bareName("build.ok") == nil)
        #expect(REPLEvaluator.bareName("print") == "print")
        #expect(REPLEvaluator.bareName("let") == nil)
    }
}
