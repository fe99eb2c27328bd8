import Foundation
import Testing
@testable import Scout

/// One checker case: a script and what `Interpreter().check` says about it, each
/// diagnostic as `line:column+width message` (`warning: ` before warnings).
struct CheckCase: Sendable, CustomTestStringConvertible {
    let source: String
    let diagnostics: [String]

    init(_ source: String, _ diagnostics: [String]) {
        self.source = source
        self.diagnostics = diagnostics
    }

    var testDescription: String { source.debugDescription }
}

@Suite struct CheckerTests {
    func first(_ source: String) -> Diagnostic? {
        Interpreter().check(SourceFile(name: "t.scout", text: source)).first
    }

    // MARK: - Commands

    static let commands: [CheckCase] = [
        // Unknown commands.
        CheckCase("prnt \"hi\"", ["1:1+4 unknown command 'prnt'"]),
        CheckCase("deploy \"staging\"", ["1:1+6 unknown command 'deploy'"]),
        CheckCase("parallel {\n  slep 1s\n}", ["2:3+4 unknown command 'slep'"]),
        // Built-in commands: sleep needs its duration, of the right type.
        CheckCase("sleep", ["1:1+5 sleep needs the argument 'duration'"]),
        CheckCase("sleep 1s\nsleep 2\nsleep 250ms", []),
        CheckCase("sleep \"abc\"", ["1:7+5 argument 'duration' of sleep must be a duration (such as 30s) or a number of seconds, not a string"]),
        CheckCase("sleep true", ["1:7+4 argument 'duration' of sleep must be a duration (such as 30s) or a number of seconds, not a bool"]),
        CheckCase("sleep 1s, 2s", ["1:7+6 sleep takes at most 1 positional argument, got 2"]),
        CheckCase("sleep x: 1s", ["1:10+2 sleep has no argument 'x'"]),
        // A computed value is only checked when the task runs.
        CheckCase("let d = \"abc\"\nsleep d", []),
        // print takes anything.
        CheckCase("print\nprint 1, \"a\", [1], {a: 1}, null, 2s, 1.5, true", []),
        // run: its named arguments are known.
        CheckCase("run \"ls\", cwd: \"/tmp\", env: {A: \"1\"}, stdin: \"x\", timeout: 5s, json: true", []),
        CheckCase("run \"ls\", colour: true", ["1:19+4 run has no argument 'colour'"]),
        CheckCase("run [\"ls\", \"-l\"]", []),
        CheckCase("fail \"dirty\" if changes.output != \"\"", ["warning: 1:17+7 'changes' is never defined"]),
        CheckCase("fail \"in ${place}\"", ["1:12+5 'place' is never defined"]),
        CheckCase("param replicas: int = 2\nprint replicas + 1", []),
        CheckCase("task t { param x = 1 }", ["1:16+1 a param can only be declared at the top level of a script"]),
        CheckCase("param x = 1\nparam x = 2", ["2:7+1 the param 'x' is declared twice"]),
        CheckCase("use timeout(5m)\nuse cwd(\"src\")\nuse env(A: \"1\", B: 2)", []),
    ]

    @Test(arguments: commands)
    func commandsAndTheirArguments(_ c: CheckCase) {
        #expect(LanguageTest.check(c.source) == c.diagnostics)
    }

    @Test func unknownCommandsSuggest() {
        #expect(first("prnt \"hi\"")?.kind.help == "did you mean 'print'?")
        #expect(first("slep 1s")?.kind.help == "did you mean 'sleep'?")
        #expect(first("run \"ls\", cwdd: \"/\"")?.kind.help == "did you mean 'cwd'?")
        // User commands are candidates too.
        #expect(first("command deploy(env) {}\ndeploi \"x\"")?.kind.help == "did you mean 'deploy'?")
    }

    // MARK: - Functions

    static let functions: [CheckCase] = [
        CheckCase("let x = len(1, 2)", ["1:9+9 len() takes 1 argument, got 2"]),
        CheckCase("let x = len()", ["1:9+5 len() takes 1 argument, got 0"]),
        CheckCase("let x = env()", ["1:9+5 env() takes 1 or 2 arguments, got 0"]),
        CheckCase("let x = range(1, 2, 3, 4)", ["1:9+17 range() takes 1 to 3 arguments, got 4"]),
        CheckCase("let x = lenn([1])", ["1:9+9 unknown function 'lenn'"]),
        CheckCase("let x = nosuch(1)", ["1:9+9 unknown function 'nosuch'"]),
        // In conditions and interpolations alike; arguments are checked too.
        CheckCase("if lenn(1) { print 1 }", ["1:4+7 unknown function 'lenn'"]),
        CheckCase("print \"${upper(1, 2)}\"", ["1:10+11 upper() takes 1 argument, got 2"]),
        CheckCase("let x = len(len(1, 2))", ["1:13+9 len() takes 1 argument, got 2"]),
        CheckCase("let a = now()\nlet b = parse_json(\"{}\")\nlet c = json(1)\nlet d = matches(\"a\", \"b\")\nlet e = env(\"HOME\", \"/\")", []),
    ]

    @Test(arguments: functions)
    func functionCalls(_ c: CheckCase) {
        #expect(LanguageTest.check(c.source) == c.diagnostics)
    }

    @Test func unknownFunctionsSuggest() {
        #expect(first("let x = lenn([1])")?.kind.help == "did you mean 'len'?")
        #expect(first("let x = uper(\"a\")")?.kind.help == "did you mean 'upper'?")
    }

    // MARK: - Names never defined

    static let names: [CheckCase] = [
        // An error in a value or an interpolation ...
        CheckCase("let x = y", ["1:9+1 'y' is never defined"]),
        CheckCase("print \"${y}\"", ["1:10+1 'y' is never defined"]),
        CheckCase("let x = 1\nprint \"${x} ${w}\"", ["2:15+1 'w' is never defined"]),
        CheckCase("print undefined_thing", ["1:7+15 'undefined_thing' is never defined"]),
        CheckCase("for f in xs { print f }", ["1:10+2 'xs' is never defined"]),
        CheckCase("if \"${y}\" { print 1 }", ["1:7+1 'y' is never defined"]),
        // ... a warning in a condition, where an undefined name is null.
        CheckCase("if y { print 1 }", ["warning: 1:4+1 'y' is never defined"]),
        CheckCase("run \"a\" if missing.ok", ["warning: 1:12+7 'missing' is never defined"]),
        CheckCase("run \"a\" skip_if missing", ["warning: 1:17+7 'missing' is never defined"]),
        CheckCase("stop \"x\" if missing", ["warning: 1:13+7 'missing' is never defined"]),
        CheckCase("task t {\n  stop_if missing\n  run \"a\"\n}", ["warning: 2:11+7 'missing' is never defined"]),
        // `??` is the way out.
        CheckCase("let x = y ?? 1", ["warning: 1:9+1 'y' is never defined"]),
        CheckCase("print \"${y ?? 1}\"", ["warning: 1:10+1 'y' is never defined"]),
        // Defined anywhere counts: let, store as, task names, loop variables, parameters, args.
        CheckCase("run \"a\" store as r\nprint r.ok", []),
        CheckCase("task build { run \"a\" }\nprint build.ok", []),
        CheckCase("for f in [1] { print f }", []),
        CheckCase("print files\nlet files = [\"a\"]", []),
        CheckCase("command c(p) { print p }", []),
        CheckCase("print args", []),
        CheckCase("if ready { print 1 }\nlet x = 1", ["warning: 1:4+5 'ready' is never defined"]),
    ]

    @Test(arguments: names)
    func namesNeverDefined(_ c: CheckCase) {
        #expect(LanguageTest.check(c.source) == c.diagnostics)
    }

    @Test func namesSuggestTheirNeighbours() {
        #expect(first("let status = 1\nprint statsu")?.kind.help == "did you mean 'status'?")
    }

    // MARK: - needs

    static let needs: [CheckCase] = [
        CheckCase("parallel {\n  task a needs b { run \"a\" }\n  task b needs a { run \"b\" }\n}",
                  ["2:10+5 tasks need each other in a cycle: a -> b -> a"]),
        CheckCase("parallel {\n  task a needs b { run \"a\" }\n  task b needs c { run \"b\" }\n  task c needs a { run \"c\" }\n}",
                  ["2:10+5 tasks need each other in a cycle: a -> b -> c -> a"]),
        CheckCase("parallel {\n  task a needs a { run \"a\" }\n}", ["2:10+5 tasks need each other in a cycle: a -> a"]),
        CheckCase("parallel {\n  task build { run \"a\" }\n  task test needs buld { run \"b\" }\n}", ["3:19+4 needs an unknown task 'buld'"]),
        CheckCase("parallel {\n  task a { run \"a\" }\n  task b needs a { run \"b\" }\n  run \"c\" needs a, b\n}", []),
        CheckCase("parallel {\n  run \"x\" store as a\n  run \"y\" needs a\n}", []),
        CheckCase("parallel {\n  task a { run \"a\" }\n  task a { run \"b\" }\n}", ["3:8+1 task 'a' is defined twice in the same block"]),
        // Outside a parallel block `needs` means nothing.
        CheckCase("run \"a\" needs b", ["1:9+5 'needs' only has a meaning inside a parallel block"]),
        CheckCase("task t needs x { run \"a\" }", ["1:8+5 'needs' only has a meaning inside a parallel block"]),
        CheckCase("parallel {\n  task a {\n    run \"x\" needs b\n  }\n}", ["3:13+5 'needs' only has a meaning inside a parallel block"]),
    ]

    @Test(arguments: needs)
    func needsClauses(_ c: CheckCase) {
        #expect(LanguageTest.check(c.source) == c.diagnostics)
    }

    @Test func unknownNeedsSuggest() {
        #expect(first("parallel {\n  task build { run \"a\" }\n  task test needs buld { run \"b\" }\n}")?.kind.help == "did you mean 'build'?")
    }

    // MARK: - User commands

    static let userCommands: [CheckCase] = [
        CheckCase("command greet(name, greeting = \"hi\") { print \"${greeting} ${name}\" }\ngreet \"a\"\ngreet name: \"b\", greeting: \"yo\"", []),
        CheckCase("command greet(name) { print name }\ngreet", ["2:1+5 greet needs the argument 'name'"]),
        CheckCase("command greet(name) { print name }\ngreet \"a\", foo: 1", ["2:17+1 greet has no argument 'foo'"]),
        CheckCase("command greet(name) { print name }\ngreet nme: \"b\"", ["2:1+5 greet needs the argument 'name'", "2:12+3 greet has no argument 'nme'"]),
        CheckCase("command greet(name) { print name }\ngreet \"a\", \"b\"", ["2:1+5 greet takes 1 argument, got 2"]),
        CheckCase("command greet(name) { print name }\ngreet \"a\", name: \"b\"", ["2:18+3 argument 'name' is given twice"]),
        // Called before it is defined: commands are hoisted.
        CheckCase("greet \"a\"\ncommand greet(name) { print name }", []),
        // Definitions: twice, nested, or named like a built-in.
        CheckCase("command c() {}\ncommand c() {}", ["2:9+1 command 'c' is defined twice"]),
        CheckCase("if true { command d() {} }", ["1:19+1 a command can only be defined at the top level of a script"]),
        CheckCase("parallel {\n  command d() {}\n}", ["2:11+1 a command can only be defined at the top level of a script"]),
        CheckCase("command run() { }", ["1:9+3 'run' is a built-in command; give this command another name"]),
    ]

    @Test(arguments: userCommands)
    func userCommandCalls(_ c: CheckCase) {
        #expect(LanguageTest.check(c.source) == c.diagnostics)
    }

    // MARK: - use

    static let policies: [CheckCase] = [
        CheckCase("use retry(max_retries: 3, base_delay: 1s, max_delay: 30s, jitter_factor: 0.1)", []),
        CheckCase("use circuit_breaker(failure_threshold: 5, success_threshold: 2, timeout_seconds: 30)", []),
        CheckCase("use fail_fast\nuse fail_fast(enabled: false)", []),
        CheckCase("use retyr(max_retries: 3)", ["1:5+5 unknown policy 'retyr'"]),
        CheckCase("use fail_fst", ["1:5+8 unknown policy 'fail_fst'"]),
        CheckCase("use speed", ["1:5+5 unknown policy 'speed'"]),
        CheckCase("use retry(max_retries: 3, foo: 1)", ["1:32+1 use retry has no argument 'foo'"]),
        CheckCase("use circuit_breaker(failure_threshold: 5, bogus: 2)", ["1:50+1 use circuit_breaker has no argument 'bogus'"]),
        CheckCase("run \"a\" retry(max_retries: 3, bogus: 1)", ["1:38+1 retry has no argument 'bogus'"]),
    ]

    @Test(arguments: policies)
    func usePolicies(_ c: CheckCase) {
        #expect(LanguageTest.check(c.source) == c.diagnostics)
    }

    @Test func unknownPoliciesSuggestOrList() {
        #expect(first("use retyr")?.kind.help == "did you mean 'retry'?")
        #expect(first("use circuit_braker(failure_threshold: 1)")?.kind.help == "did you mean 'circuit_breaker'?")
        #expect(first("use speed")?.kind.help == "the policies are retry, circuit_breaker and fail_fast")
        #expect(first("use retry(max_retrys: 3)")?.kind.help == "did you mean 'max_retries'?")
    }

    // MARK: - Several at once, in order

    @Test func allDiagnosticsInSourceOrder() {
        #expect(LanguageTest.check("""
            prnt "a"
            if maybe { sleep }
            let x = lenn(y)
            use retyr
            """) == [
            "1:1+4 unknown command 'prnt'",
            "warning: 2:4+5 'maybe' is never defined",
            "2:12+5 sleep needs the argument 'duration'",
            "3:9+7 unknown function 'lenn'",
            "3:14+1 'y' is never defined",
            "4:5+5 unknown policy 'retyr'",
        ])
    }

    @Test func syntaxErrorsComeAloneWithoutChecks() {
        // The checker only looks at a script that parses.
        #expect(LanguageTest.check("prnt \"a\"\nlet = 1") == ["2:5+1 expected a name, found '='"])
    }

    // MARK: - Nothing runs

    @Test func checkingRunsNothing() throws {
        let marker = NSTemporaryDirectory() + "scout-check-\(UInt64.random(in: 0...UInt64.max))"
        let diagnostics = Interpreter().check(SourceFile(name: "t.scout", text: """
            run "touch \(marker)"
            print "side effect"
            """))
        #expect(diagnostics.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func aScriptWithAnErrorRunsNothing() async throws {
        let marker = NSTemporaryDirectory() + "scout-check-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let interpreter = Interpreter()
        await #expect(throws: DiagnosticList.self) {
            _ = try await interpreter.run(SourceFile(name: "t.scout", text: """
                run "touch \(marker)"
                sleep
                """))
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
        // The same script without the error does create the file: the test can see a run.
        _ = try await interpreter.run(SourceFile(name: "t.scout", text: "run \"touch \(marker)\""))
        #expect(FileManager.default.fileExists(atPath: marker))
    }
}
