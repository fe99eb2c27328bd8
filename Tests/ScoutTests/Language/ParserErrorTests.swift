import Testing
@testable import Scout

/// One parser error case: a script, the diagnostics it gives (`line:column+width message`),
/// and the dump of what the parser recovered.
struct ParseErrorCase: Sendable, CustomTestStringConvertible {
    let source: String
    let diagnostics: [String]
    let recovered: String

    init(_ source: String, _ diagnostics: [String], recovered: String = "") {
        self.source = source
        self.diagnostics = diagnostics
        self.recovered = recovered
    }

    var testDescription: String { source.debugDescription }
}

@Suite struct ParserErrorTests {
    static let expectedFound: [ParseErrorCase] = [
        ParseErrorCase("let = 1", ["1:5+1 expected a name, found '='"]),
        ParseErrorCase("let x 1", ["1:7+1 expected '=', found '1'"]),
        ParseErrorCase("let x = )", ["1:9+1 expected an expression, found ')'"]),
        ParseErrorCase("let x = 1 2", ["1:11+1 expected end of line, found '2'"]),
        ParseErrorCase("let x = \"a\" \"b\"", ["1:13+1 expected end of line, found a string"]),
        ParseErrorCase("let x = 1 +", ["1:12+0 expected an expression, found end of file"]),
        ParseErrorCase("let x = -", ["1:10+0 expected an expression, found end of file"]),
        ParseErrorCase("let x = (1 + 2", ["1:15+0 expected ')', found end of file"]),
        ParseErrorCase("let f = len(1 2)", ["1:15+1 expected ',' or ')', found '2'"]),
        ParseErrorCase("let x = f(1,,2)", ["1:13+1 expected ')' or an expression, found ','"]),
        ParseErrorCase("let x = [1, 2\nlet y = 3", ["2:1+3 expected ',' or ']', found 'let'"]),
        ParseErrorCase("let x = a.", ["1:11+0 expected a field name, found end of file"]),
        ParseErrorCase("let x = a.(", ["1:11+1 expected a field name, found '('"]),
        ParseErrorCase("let m = {{}}", ["1:10+1 expected '}' or a key (a name or a string), found '{'"]),
        ParseErrorCase("let m = {a 1}", ["1:12+1 expected ':', found '1'"]),
        ParseErrorCase("let m = {\"${k}\": 1}", ["1:10+6 expected a key, found an interpolated string"]),
        ParseErrorCase("let let = 3", ["1:5+3 expected a name ('let' is a reserved word), found 'let'"]),
        ParseErrorCase("print \"a\", ", ["1:11+0 expected an expression, found end of file"]),
        ParseErrorCase("print \"${}\"", ["1:8+3 empty interpolation '${}'"], recovered: "(task print \"\")"),
        ParseErrorCase("print \"${1 2}\"", ["1:12+1 expected '}', found '2'"]),
        ParseErrorCase("task { run \"a\" }", ["1:6+1 expected a task name, found '{'"]),
        ParseErrorCase("task if { run \"a\" }", ["1:6+2 expected a task name ('if' is a reserved word), found 'if'"]),
        ParseErrorCase("task t if x", ["1:12+0 expected a clause or '{', found end of file"]),
        ParseErrorCase("task t retry 3 run \"a\"", ["1:16+3 expected a clause or '{', found 'run'"]),
        ParseErrorCase("for x xs {}", ["1:7+2 expected 'in', found 'xs'"]),
        ParseErrorCase("for in xs {}", ["1:5+2 expected a name ('in' is a reserved word), found 'in'"]),
        ParseErrorCase("for x in xs print x", ["1:13+5 expected '{', found 'print'"]),
        ParseErrorCase("if x print 1", ["1:6+5 expected '{', found 'print'"]),
        ParseErrorCase("if x { print 1 } else", ["1:22+0 expected 'if' or '{', found end of file"]),
        ParseErrorCase("if x { print 1 } else print 2", ["1:23+5 expected 'if' or '{', found 'print'"]),
        ParseErrorCase("parallel(max 3) {}", ["1:14+1 expected ':', found '3'"]),
        ParseErrorCase("parallel(mx: 3) {}", ["1:10+2 expected 'max', found 'mx'"]),
        ParseErrorCase("parallel run \"a\"", ["1:10+3 expected 'for' or '{', found 'run'"]),
        ParseErrorCase("command (a) {}", ["1:9+1 expected a command name, found '('"]),
        ParseErrorCase("command c {}", ["1:11+1 expected '(', found '{'"]),
        ParseErrorCase("command c(1) {}", ["1:11+1 expected ')' or a parameter name, found '1'"]),
        ParseErrorCase("use 3", ["1:5+1 expected a policy name (retry, circuit_breaker, fail_fast), found '3'"]),
        ParseErrorCase("run \"a\" needs", ["1:14+0 expected a name, found end of file"]),
        ParseErrorCase("run \"a\" store x", ["1:15+1 expected 'as', found 'x'"]),
        ParseErrorCase("run \"a\" store as if", ["1:18+2 expected a name ('if' is a reserved word), found 'if'"]),
        ParseErrorCase("run \"a\" extract stuff", ["1:17+5 expected 'steps', found 'stuff'"]),
        ParseErrorCase("run \"a\" if", ["1:11+0 expected an expression, found end of file"]),
        ParseErrorCase("run \"a\" retry 3 {", ["1:17+1 expected a clause or end of line, found '{'"]),
        ParseErrorCase("run \"a\" retry(max_retries 3)", ["1:27+1 expected ',' or ')', found '3'"]),
        ParseErrorCase("stop \"x\" if", ["1:12+0 expected an expression, found end of file"]),
        // Keywords that cannot start a statement.
        ParseErrorCase("retry 3", ["1:1+5 the clause 'retry' must follow a task on its line, or stand at the top of a task block"]),
        ParseErrorCase("store as x", ["1:1+5 the clause 'store' must follow a task on its line, or stand at the top of a task block"]),
        ParseErrorCase("in", ["1:1+2 expected an expression, found 'in'"]),
        // Long names are cut in messages.
        ParseErrorCase("let x = 1 " + String(repeating: "a", count: 100), ["1:11+100 expected end of line, found '" + String(repeating: "a", count: 40) + "...'"]),
    ]

    @Test(arguments: expectedFound)
    func expectedXFoundY(_ c: ParseErrorCase) {
        let (dump, diagnostics) = LanguageTest.parse(c.source)
        #expect(diagnostics == c.diagnostics)
        #expect(dump == c.recovered)
    }

    static let specific: [ParseErrorCase] = [
        // A stray `}`.
        ParseErrorCase("}\nrun \"a\"", ["1:1+1 expected a statement, found '}'"], recovered: "(task run \"a\")"),
        ParseErrorCase("run \"a\" }\nrun \"b\"", ["1:9+1 expected a statement, found '}'"], recovered: "(task run \"a\")\n(task run \"b\")"),
        ParseErrorCase("parallel { run \"a\" }\n}", ["2:1+1 expected a statement, found '}'"], recovered: "(parallel (task run \"a\"))"),
        // An unclosed block points at its `{`; nested ones each.
        ParseErrorCase("parallel {\n  run \"a\"", ["1:10+1 the block opened on line 1 is never closed"]),
        ParseErrorCase("task t {\n  run \"a\"", ["1:8+1 the block opened on line 1 is never closed"]),
        ParseErrorCase("parallel {\n  if x {\n    run \"a\"", ["1:10+1 the block opened on line 1 is never closed", "2:8+1 the block opened on line 2 is never closed"]),
        ParseErrorCase("run \"a\"\nif x {\n  run \"b\"\n\n", ["2:6+1 the block opened on line 2 is never closed"], recovered: "(task run \"a\")"),
        // `x = 1` without let.
        ParseErrorCase("x = 1", ["1:1+3 'x = ...' is not a statement"]),
        ParseErrorCase("parallel {\n  count = count + 1\n}", ["2:3+7 'count = ...' is not a statement"], recovered: "(parallel)"),
        // A misspelt block keyword; a name before a block.
        ParseErrorCase("paralel {\n  run \"a\"\n}", ["1:1+7 unknown statement 'paralel'"]),
        ParseErrorCase("sequental { run \"a\" }", ["1:1+9 unknown statement 'sequental'"]),
        ParseErrorCase("tsak build { run \"a\" }", ["1:1+4 unknown statement 'tsak'"]),
        ParseErrorCase("deploy {\n  run \"x\"\n}", ["1:1+6 unknown statement 'deploy'"]),
        // A misspelt clause.
        ParseErrorCase("run \"a\" stor as x", ["1:9+4 unexpected 'stor'"]),
        ParseErrorCase("run \"a\" retyr 3", ["1:9+5 unexpected 'retyr'"]),
        ParseErrorCase("run \"a\" skipif x", ["1:9+6 unexpected 'skipif'"]),
        // Clauses after the first step of a task block.
        ParseErrorCase("task t {\n  run \"a\"\n  retry 3\n}", ["3:3+5 clause 'retry' must come before the task's first step"],
                       recovered: "(block t (clauses (retry 3)) (task run \"a\"))"),
        ParseErrorCase("task t {\n  run \"a\"\n  if ok\n}", ["3:3+2 clause 'if' must come before the task's first step"],
                       recovered: "(block t (clauses (if ok)) (task run \"a\"))"),
        // Duplicate clauses: on a line, in a body, between header and body.
        ParseErrorCase("run \"a\" retry 3 retry 4", ["1:17+5 clause 'retry' is given twice"], recovered: "(task run \"a\" (retry 4))"),
        ParseErrorCase("run \"a\" store as x store as y", ["1:20+5 clause 'store' is given twice"], recovered: "(task run \"a\" (store y))"),
        ParseErrorCase("task t {\n  if x\n  if y\n  run \"a\"\n}", ["3:3+2 clause 'if' is given twice"], recovered: "(block t (clauses (if y)) (task run \"a\"))"),
        ParseErrorCase("task t timeout 1s {\n  timeout 2s\n}", ["2:3+7 clause 'timeout' is given twice"], recovered: "(block t (clauses (timeout 2s)))"),
        // Arguments.
        ParseErrorCase("run x: 1, \"b\"", ["1:11+3 positional argument after a named argument"], recovered: "(task run (x: 1) \"b\")"),
        ParseErrorCase("run x: 1, x: 2", ["1:11+1 argument 'x' is given twice"], recovered: "(task run (x: 1) (x: 2))"),
        ParseErrorCase("command c(a, b, a) {}", ["1:17+1 parameter 'a' is declared twice"], recovered: "(command c (params a b a))"),
        // `else` without `if`.
        ParseErrorCase("else { print 1 }", ["1:1+4 'else' without an 'if' before it"]),
        ParseErrorCase("if x { print 1 }\nprint 2\nelse { print 3 }", ["3:1+4 'else' without an 'if' before it"],
                       recovered: "(if x (then (task print 1)))\n(task print 2)"),
        ParseErrorCase("if x { print 1 }\n\nelse { print 2 }", [], recovered: "(if x (then (task print 1)) (else (task print 2)))"),
    ]

    @Test(arguments: specific)
    func specificErrors(_ c: ParseErrorCase) {
        let (dump, diagnostics) = LanguageTest.parse(c.source)
        #expect(diagnostics == c.diagnostics)
        #expect(dump == c.recovered)
    }

    @Test func helpLines() throws {
        func help(_ source: String) -> String? {
            Parser.parse(SourceFile(name: "t", text: source)).diagnostics.first?.kind.help
        }
        #expect(help("x = 1") == "to set a variable, write 'let x = ...'")
        #expect(help("paralel {\n}") == "did you mean 'parallel'?")
        #expect(help("sequental {\n}") == "did you mean 'sequential'?")
        #expect(help("comand c() {}") == "did you mean 'command'?")
        #expect(help("tsak build { run \"a\" }") == "did you mean 'task'?")
        #expect(help("paralel(max: 2) {\n}") == "did you mean 'parallel'?")
        #expect(help("paralell for f in xs {}") == "did you mean 'parallel'?")
        #expect(help("lett x = 1") == "did you mean 'let'?")
        #expect(help("deploy {\n  run \"x\"\n}") == "did you mean 'task deploy'?")
        #expect(help("run \"a\" stor as x") == "did you mean 'store'?")
        #expect(help("run \"a\" retyr 3") == "did you mean 'retry'?")
        #expect(help("run \"a\" skipif x") == "did you mean 'skip_if'?")
        #expect(help("parallel {\n") == "add a closing '}'")
    }

    // MARK: - Recovery

    @Test func severalErrorsInOneRun() {
        let (dump, diagnostics) = LanguageTest.parse("""
            let = 1
            let x 1
            run "ok"
            let y = )
            print "after"
            """)
        #expect(diagnostics == [
            "1:5+1 expected a name, found '='",
            "2:7+1 expected '=', found '1'",
            "4:9+1 expected an expression, found ')'",
        ])
        #expect(dump == "(task run \"ok\")\n(task print \"after\")")
    }

    @Test func recoveryInsideBlocks() {
        let (dump, diagnostics) = LanguageTest.parse("""
            parallel {
              let = 1
              run "a"
              task t {
                let y 2
                run "b"
                x = 3
              }
              run "c" stor as r
            }
            print "after"
            """)
        #expect(diagnostics == [
            "2:7+1 expected a name, found '='",
            "5:11+1 expected '=', found '2'",
            "7:5+3 'x = ...' is not a statement",
            "9:11+4 unexpected 'stor'",
        ])
        #expect(dump == "(parallel (task run \"a\") (block t (task run \"b\")))\n(task print \"after\")")
    }

    @Test func recoverySkipsWhatAStatementLeftOpen() {
        // The statement's brackets are skipped, not taken for the end of the enclosing block.
        let (dump, diagnostics) = LanguageTest.parse("""
            parallel {
              run f(
            }
            let m = {a: {a: (}}
            run "b"
            """)
        #expect(diagnostics == ["3:1+1 expected ')' or an expression, found '}'", "4:18+1 expected an expression, found '}'"])
        #expect(dump == "(parallel)\n(task run \"b\")")
    }

    @Test func anErrorInsideAnInterpolationSkipsTheWholeString() {
        let (dump, diagnostics) = LanguageTest.parse("print \"${ a; b }\"\nprint 2")
        #expect(diagnostics == ["1:12+1 expected '}', found ';'"])
        #expect(dump == "(task print 2)")
    }

    @Test func lexerErrorsHideParserErrorsOnTheirLine() {
        let (_, diagnostics) = LanguageTest.parse("let x = @\nlet = 2")
        #expect(diagnostics == ["1:9+1 unexpected character '@'", "2:5+1 expected a name, found '='"])
    }

    @Test func theParserKeepsSoManyErrorsAndCountsTheRest() {
        let (_, diagnostics) = LanguageTest.parse(String(repeating: "let = 1\n", count: 500))
        #expect(diagnostics.count == Parser.maxDiagnostics + 1)
        #expect(diagnostics.last == "0:0+0 \(500 - Parser.maxDiagnostics) more errors not shown")
    }

    @Test func nestingDepthIsRestoredAfterAnError() {
        // A nesting error must not leave the parser deeper than it is.
        let deep = "let x = " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        let fine = "let y = " + String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)
        let (_, diagnostics) = LanguageTest.parse(Array(repeating: deep, count: 20).joined(separator: "\n") + "\n" + fine)
        #expect(diagnostics.count == 20)
        #expect(diagnostics.allSatisfy { $0.hasSuffix("nesting too deep (more than 100 levels)") })
    }
}
