import Glibc
import Testing
@testable import Scout

/// `Formatter.format`: the layout rules, comments in every position, blank lines, literals
/// as written; idempotence and the same syntax tree over every case, every parser test,
/// every sample and every example of the grammar and the README; syntax errors thrown.
@Suite struct FormatterTests {
    /// One case: a script and its canonical layout.
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let expected: String

        init(_ input: String, _ expected: String) {
            self.input = input
            self.expected = expected
        }

        var testDescription: String { input.debugDescription }
    }

    static func format(_ text: String) throws -> String {
        try Formatter.format(SourceFile(name: "t.scout", text: text))
    }

    /// Checks a case: the expected layout, formatting it again changes nothing, and the
    /// input and the output parse to the same tree.
    static func check(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let once = try format(c.input)
        #expect(once == c.expected, sourceLocation: sourceLocation)
        #expect(try format(once) == once, "not idempotent", sourceLocation: sourceLocation)
        #expect(LanguageTest.dump(once) == LanguageTest.dump(c.input), sourceLocation: sourceLocation)
    }

    // MARK: - Statements, spacing, operators

    static let spacing: [Case] = [
        Case("let x=1", "let x = 1\n"),
        Case("let   x   =   1 +2*  3", "let x = 1 + 2 * 3\n"),
        Case("let x = (1 + 2) * 3", "let x = (1 + 2) * 3\n"),
        Case("let x = ((1 + 2)) * (3)", "let x = (1 + 2) * 3\n"),
        Case("let x = (1 - 2) - 3", "let x = 1 - 2 - 3\n"),
        Case("let x = 1 - (2 - 3)", "let x = 1 - (2 - 3)\n"),
        Case("let x = (a < b) == (c < d)", "let x = a < b == c < d\n"),
        Case("let x = (a == b) == c", "let x = a == b == c\n"),
        Case("let x = a == (b == c)", "let x = a == (b == c)\n"),
        Case("let x = 2 ** 3 ** 2", "let x = 2 ** 3 ** 2\n"),
        Case("let x = (2 ** 3) ** 2", "let x = (2 ** 3) ** 2\n"),
        Case("let x = (-2) ** 2", "let x = (-2) ** 2\n"),
        Case("let x = -2 ** 2", "let x = -2 ** 2\n"),
        Case("let x = 2 ** -1", "let x = 2 ** -1\n"),
        Case("let x = (-a) ** 2", "let x = (-a) ** 2\n"),
        Case("let x = a - -1", "let x = a - -1\n"),
        Case("let x = a and b or not c", "let x = a && b || !c\n"),
        Case("let x = a && (b || c)", "let x = a && (b || c)\n"),
        Case("let x = ! ( a && b )", "let x = !(a && b)\n"),
        Case("let x = - x", "let x = -x\n"),
        Case("let x = - - x", "let x = --x\n"),
        Case("let x = not not x", "let x = !!x\n"),
        Case("let x = x??1", "let x = x ?? 1\n"),
        Case("let x = (a ?? b) + 1", "let x = (a ?? b) + 1\n"),
        Case("let x = a in [1,2]", "let x = a in [1, 2]\n"),
        Case("let x = (a + b).c", "let x = (a + b).c\n"),
        Case("let x = (-1).c", "let x = (-1).c\n"),
        Case("let x = a . b [ 0 ] . c", "let x = a.b[0].c\n"),
        Case("let p = pair.0.1", "let p = pair.0.1\n"),
        Case("let p = (1).0", "let p = (1).0\n"),
        Case("let x = len( xs )+min(1,2)", "let x = len(xs) + min(1, 2)\n"),
        Case("let x = [ 1,2 , 3, ]", "let x = [1, 2, 3]\n"),
        Case("let m = {a:1,'b':2,\"c d\":3,if:4,}", "let m = {a: 1, 'b': 2, \"c d\": 3, if: 4}\n"),
        Case("let m = {}.a", "let m = {}.a\n"),
        Case("let x = [[], {}, [{}]]", "let x = [[], {}, [{}]]\n"),
    ]

    @Test(arguments: spacing)
    func statementsSpacingAndOperators(_ c: Case) throws { try Self.check(c) }

    // MARK: - Literals as written

    static let literals: [Case] = [
        Case("let n = 1_000+2.50 + 1500ms+1.5s", "let n = 1_000 + 2.50 + 1500ms + 1.5s\n"),
        Case("let n = -(1)", "let n = -1\n"),
        Case("let n = - 1", "let n = -1\n"),
        Case("let n = --1", "let n = 1\n"),
        Case("let n = -(-2s)", "let n = 2s\n"),
        Case("let n = [true,false,null]", "let n = [true, false, null]\n"),
        Case(#"let s = 'raw \' $x \n'"#, #"let s = 'raw \' $x \n'"# + "\n"),
        Case(#"let s = "esc \n \" \$ \${x} \u{2713} ${ x+1 }""#, #"let s = "esc \n \" \$ \${x} \u{2713} ${ x+1 }""# + "\n"),
        Case(#"let s = ("a")"#, #"let s = "a""# + "\n"),
        Case(#"let s = "${ {a: 1}.a } ${ "in ${y}" }""#, #"let s = "${ {a: 1}.a } ${ "in ${y}" }""# + "\n"),
        // A long string stays on its line.
        Case("print \"" + String(repeating: "long ", count: 40) + "\",x", "print \"" + String(repeating: "long ", count: 40) + "\", x\n"),
        // A multi-line string is copied as it is, whatever the indentation around it.
        Case(
            "if x {\n      print \"\"\"\n    a\n      b ${x}\n    \"\"\" store as r\n}",
            "if x {\n  print \"\"\"\n    a\n      b ${x}\n    \"\"\" store as r\n}\n"),
        Case("let s = \"\"\"\nno indentation\n\"\"\"", "let s = \"\"\"\nno indentation\n\"\"\"\n"),
        Case("let m = {\"\"\"\nk\n\"\"\": 1}", "let m = {\"\"\"\nk\n\"\"\": 1}\n"),
    ]

    @Test(arguments: literals)
    func literalsAsWritten(_ c: Case) throws { try Self.check(c) }

    // MARK: - Tasks and clauses

    static let tasks: [Case] = [
        Case("run   \"make\"  ,quiet:true   store  as r  if ok", "run \"make\", quiet: true store as r if ok\n"),
        Case("run \"make\" if ok retry 3 store as r", "run \"make\" if ok retry 3 store as r\n"),
        Case("run \"make\" store as r retry 3 if ok", "run \"make\" store as r retry 3 if ok\n"),
        Case("run \"x\" extract steps", "run \"x\" extract steps\n"),
        Case("run \"x\" extract steps sequential", "run \"x\" extract steps sequential\n"),
        Case("run \"x\" extract steps parallel store as p", "run \"x\" extract steps parallel store as p\n"),
        Case("run \"x\" retry(max_retries:3,base_delay:1s)", "run \"x\" retry(max_retries: 3, base_delay: 1s)\n"),
        Case("run \"x\" retry (3)", "run \"x\" retry 3\n"),
        Case("run \"x\" retry()", "run \"x\" retry()\n"),
        Case("run \"x\" timeout 5m needs a,b skip_if x stop_if y", "run \"x\" timeout 5m needs a, b skip_if x stop_if y\n"),
        Case("run \"a\",\n  cwd: \"b\"", "run \"a\", cwd: \"b\"\n"),
        Case("print -1, !x, not y", "print -1, !x, !y\n"),
        Case("print (1 + 2) * 3", "print (1 + 2) * 3\n"),
        Case("print ([1])", "print [1]\n"),
        Case("print {a: 1}", "print {a: 1}\n"),
        Case("print {}", "print {}\n"),
        // `paralel {}` would be a misspelt block: the empty map keeps its parentheses.
        Case("paralel ({})", "paralel ({})\n"),
        Case("notify if: 1, else: 2", "notify if: 1, else: 2\n"),
        Case("git_status", "git_status\n"),
        Case("run \"x\" if x == ({a: 1})", "run \"x\" if x == ({a: 1})\n"),
        Case("run \"x\" if ({a: 1}).a", "run \"x\" if ({a: 1}).a\n"),
        Case("run \"x\" if !({a: 1})", "run \"x\" if !({a: 1})\n"),
        Case("run \"x\" if ({a: 1} == x)", "run \"x\" if ({a: 1}) == x\n"),
        Case("run \"x\" if [{a: 1}] == f({b: 2})", "run \"x\" if [{a: 1}] == f({b: 2})\n"),
    ]

    @Test(arguments: tasks)
    func tasksAndClauses(_ c: Case) throws { try Self.check(c) }

    // MARK: - Blocks

    static let blocks: [Case] = [
        Case("task lint {run \"make lint\"}", "task lint { run \"make lint\" }\n"),
        Case("task lint {\nrun \"make lint\"\n}", "task lint {\n  run \"make lint\"\n}\n"),
        Case("task lint{}", "task lint {}\n"),
        Case("task lint {\n\n}", "task lint {}\n"),
        Case("task t if ok retry 1 {\n    timeout 30s\n    run \"x\"\n}", "task t if ok retry 1 {\n  timeout 30s\n  run \"x\"\n}\n"),
        Case("task t { timeout 5m; run \"x\" }", "task t {\n  timeout 5m\n  run \"x\"\n}\n"),
        Case("task t {\n  retry 3;   timeout 5m\n  if ok\n  run \"x\"\n}", "task t {\n  retry 3\n  timeout 5m\n  if ok\n  run \"x\"\n}\n"),
        Case("task t { if ok }", "task t { if ok }\n"),
        Case("task t needs a,b { run \"x\" }", "task t needs a, b { run \"x\" }\n"),
        Case("task t { let x = 1 }", "task t { let x = 1 }\n"),
        Case("task t { if x { print 1 } }", "task t {\n  if x { print 1 }\n}\n"),
        Case("task t {\n  if x {\n    print 1\n  }\n}", "task t {\n  if x {\n    print 1\n  }\n}\n"),
        Case(
            "parallel{\ntask a { run \"a\" }\n  task b needs a {run \"b\"}\n}",
            "parallel {\n  task a { run \"a\" }\n  task b needs a { run \"b\" }\n}\n"),
        Case("parallel ( max : 4 ) {\nprint 1\n}", "parallel(max: 4) {\n  print 1\n}\n"),
        Case("parallel { print 1 }", "parallel { print 1 }\n"),
        Case("parallel { print 1; print 2 }", "parallel {\n  print 1\n  print 2\n}\n"),
        Case("sequential {print \"one\"\nprint \"two\"}", "sequential {\n  print \"one\"\n  print \"two\"\n}\n"),
        Case("for x in xs {print x}", "for x in xs { print x }\n"),
        Case("for x in xs {\n print x\n}", "for x in xs {\n  print x\n}\n"),
        Case("for x in ({a: 1}) {}", "for x in ({a: 1}) {}\n"),
        Case("parallel for f in files {\nrun f\n}", "parallel for f in files {\n  run f\n}\n"),
        Case("parallel(max:2) for f in files {\nrun f\n}", "parallel(max: 2) for f in files {\n  run f\n}\n"),
        Case(
            "if a {\n x\n}\nelse if b {\n y\n}\n\n\nelse {\n z\n}",
            "if a {\n  x\n} else if b {\n  y\n} else {\n  z\n}\n"),
        Case("if v { print 1 } else { print 2 }", "if v { print 1 } else { print 2 }\n"),
        Case("if v { print 1 } else if w { print 2 } else {}", "if v { print 1 } else if w { print 2 } else {}\n"),
        Case("if v { print 1; print 2 } else { print 3 }", "if v {\n  print 1\n  print 2\n} else {\n  print 3\n}\n"),
        Case("if a {} else { if b { print 1 } }", "if a {} else {\n  if b { print 1 }\n}\n"),
        Case("if a {\n} else {\n  x\n}", "if a {} else {\n  x\n}\n"),
        Case("if x == ({a: 1}) {\n  print x\n}", "if x == ({a: 1}) {\n  print x\n}\n"),
        Case("stop", "stop\n"),
        Case("stop   \"why\"", "stop \"why\"\n"),
        Case("stop if x", "stop if x\n"),
        Case("stop \"why\"   if   x", "stop \"why\" if x\n"),
        Case("stop {a: 1} if {b: 2}", "stop {a: 1} if {b: 2}\n"),
        Case(
            "command greet(who,greeting=\"hi\"){\nprint who\n}",
            "command greet(who, greeting = \"hi\") {\n  print who\n}\n"),
        Case("command c(\n  a,\n  b = [1, 2]\n) { print a }", "command c(a, b = [1, 2]) { print a }\n"),
        Case("if a { x }\nelse { y }", "if a { x } else { y }\n"),
        Case("if a { x }\nelse {\n  y\n}", "if a {\n  x\n} else {\n  y\n}\n"),
        Case("for x in [\n  1,\n] { print x }", "for x in [\n  1,\n] { print x }\n"),
        Case("command nothing() {}", "command nothing() {}\n"),
        Case("use fail_fast", "use fail_fast\n"),
        Case("use retry( max_retries:3 )", "use retry(max_retries: 3)\n"),
        Case("use retry()", "use retry()\n"),
        Case("use circuit_breaker(\n  failure_threshold: 5,\n  timeout_seconds: 30\n)", "use circuit_breaker(failure_threshold: 5, timeout_seconds: 30)\n"),
    ]

    @Test(arguments: blocks)
    func blockStatements(_ c: Case) throws { try Self.check(c) }

    // MARK: - Expressions standing as statements

    static let expressionStatements: [Case] = [
        // A lone name or a call of a name that is no function would read as a task.
        Case("(x)", "(x)\n"),
        Case("((x))", "(x)\n"),
        Case("(deploy(1))", "(deploy(1))\n"),
        Case("(deploy(1)) + 1", "(deploy(1) + 1)\n"),
        Case("(deploy(1)).a", "(deploy(1).a)\n"),
        Case("len(x)", "len(x)\n"),
        Case("x+1", "x + 1\n"),
        Case("x-1", "x - 1\n"),
        Case("x.ok", "x.ok\n"),
        Case("x[0]", "x[0]\n"),
        Case("(a + b) * c", "(a + b) * c\n"),
        Case("-x", "-x\n"),
        Case("not x", "!x\n"),
        Case("{a: 1}", "{a: 1}\n"),
        Case("\"text\"", "\"text\"\n"),
        Case("parallel { (x) }", "parallel { (x) }\n"),
    ]

    @Test(arguments: expressionStatements)
    func expressionsStandingAsStatements(_ c: Case) throws { try Self.check(c) }

    // MARK: - Lists and maps over several lines

    static let multiLine: [Case] = [
        Case("let xs = [\n  1,\n  2\n]", "let xs = [\n  1,\n  2,\n]\n"),
        Case("let xs = [1,\n      2]", "let xs = [\n  1,\n  2,\n]\n"),
        Case("let xs = [\n]", "let xs = []\n"),
        Case("let m = {\n  a: 1, \"b\": [\n  2]\n}", "let m = {\n  a: 1,\n  \"b\": [\n    2,\n  ],\n}\n"),
        Case(
            "run [\n\"ls\",\n\"-l\"\n], quiet: true store as r",
            "run [\n  \"ls\",\n  \"-l\",\n], quiet: true store as r\n"),
        Case(
            "for x in [\n  1,\n  2,\n] {\n  print x\n}",
            "for x in [\n  1,\n  2,\n] {\n  print x\n}\n"),
        Case("if x in ({\n  a: 1\n}) {}", "if x in ({\n  a: 1,\n}) {}\n"),
        Case("print len([\n  1\n])", "print len([\n  1,\n])\n"),
        Case("task t {\n  let xs = [\n    1\n  ]\n}", "task t {\n  let xs = [\n    1,\n  ]\n}\n"),
        // Everything else written over several lines is joined.
        Case("let x = f(\n  1,\n  2\n)", "let x = f(1, 2)\n"),
        Case("let x = 1 +\n  2 *\n  3", "let x = 1 + 2 * 3\n"),
        Case("let x = (\n  1\n)", "let x = 1\n"),
    ]

    @Test(arguments: multiLine)
    func listsAndMapsOverSeveralLines(_ c: Case) throws { try Self.check(c) }

    // MARK: - Lines, `;` and blank lines

    static let lines: [Case] = [
        Case("let a = 1; let b = 2;print a", "let a = 1\nlet b = 2\nprint a\n"),
        Case("parallel {\n  print 1; print 2\n}", "parallel {\n  print 1\n  print 2\n}\n"),
        Case(";;print 1;;\n;", "print 1\n"),
        Case("print 1", "print 1\n"),
        Case("print 1\n\n\n", "print 1\n"),
        Case("\n\n\nprint 1", "print 1\n"),
        Case("print 1\n\n\n\nprint 2\nprint 3", "print 1\n\nprint 2\nprint 3\n"),
        Case("print 1\n  \t\nprint 2", "print 1\n\nprint 2\n"),
        Case("parallel {\n\n\n  print 1\n\n  print 2\n\n\n}", "parallel {\n  print 1\n\n  print 2\n}\n"),
        Case("if a {\n\n  x\n\n} else {\n\n  y\n\n}", "if a {\n  x\n} else {\n  y\n}\n"),
        Case("task t {\n  timeout 1s\n\n  run \"x\"\n}", "task t {\n  timeout 1s\n\n  run \"x\"\n}\n"),
        Case("\tprint 1\n    print 2", "print 1\nprint 2\n"),
        Case("print 1\r\nprint 2\r\n", "print 1\nprint 2\n"),
        Case("", ""),
        Case("\n \n\n", ""),
        Case("\u{FEFF}print 1", "\u{FEFF}print 1\n"),
    ]

    @Test(arguments: lines)
    func linesAndBlankLines(_ c: Case) throws { try Self.check(c) }

    // MARK: - Comments

    static let comments: [Case] = [
        // Before a statement, with its indentation.
        Case("# head\nprint 1", "# head\nprint 1\n"),
        Case("if a {\n# about x\n      x\n}", "if a {\n  # about x\n  x\n}\n"),
        Case("print 1\n    # about 2\n  # and more\nprint 2", "print 1\n# about 2\n# and more\nprint 2\n"),
        // Trailing: two spaces before the `#`, spaces after the text dropped.
        Case("print 1 # one   \nprint 2\t\t#two", "print 1  # one\nprint 2  #two\n"),
        Case("let a = 1; let b = 2  # b", "let a = 1\nlet b = 2  # b\n"),
        Case("task t { run \"x\" }    # one line", "task t { run \"x\" }  # one line\n"),
        Case("parallel {   # opens\n  print 1  # inside\n}   # closes", "parallel {  # opens\n  print 1  # inside\n}  # closes\n"),
        // At the end of a block, before its `}`.
        Case("parallel {\n  print 1\n# last\n}", "parallel {\n  print 1\n  # last\n}\n"),
        Case("parallel {\n  # nothing yet\n}", "parallel {\n  # nothing yet\n}\n"),
        Case("task t {\n  timeout 1s\n    # no steps\n}", "task t {\n  timeout 1s\n  # no steps\n}\n"),
        Case("if a {\n  x\n  # end of then\n} else {\n  y\n  # end of else\n}", "if a {\n  x\n  # end of then\n} else {\n  y\n  # end of else\n}\n"),
        // Before `else`: at the top of the `else` block; after the `}`: on the `} else {` line.
        Case("if a {\n  x\n}\n# otherwise\nelse {\n  y\n}", "if a {\n  x\n} else {\n  # otherwise\n  y\n}\n"),
        Case("if a {\n  x\n}\n# otherwise, b\nelse if b {\n  y\n}", "if a {\n  x\n} else if b {\n  # otherwise, b\n  y\n}\n"),
        Case("if a {\n  x\n}  # then\nelse {\n  y\n}", "if a {\n  x\n} else {  # then\n  y\n}\n"),
        Case("if a {\n  x\n}\n# nothing else\nelse {}", "if a {\n  x\n} else {\n  # nothing else\n}\n"),
        Case("if a { x }\n# otherwise\nelse { y }", "if a {\n  x\n} else {\n  # otherwise\n  y\n}\n"),
        // Inside a list over several lines.
        Case(
            "let xs = [  # open\n  # first\n  1,  # one\n\n  # second\n  2\n  # end\n]  # close",
            "let xs = [  # open\n  # first\n  1,  # one\n\n  # second\n  2,\n  # end\n]  # close\n"),
        Case("let m = {\n  a: 1,  # a\n  # b\n  b: 2\n}", "let m = {\n  a: 1,  # a\n  # b\n  b: 2,\n}\n"),
        // In a statement joined onto one line: the first stays at its end, later ones after it.
        Case("let x = 1 +  # why\n  2", "let x = 1 + 2  # why\n"),
        Case("let x = 1 +  # one\n  2  # two\nprint x", "let x = 1 + 2  # one\n# two\nprint x\n"),
        Case("let x = 1 +\n  # own\n  2\nprint x", "let x = 1 + 2\n# own\nprint x\n"),
        Case("run \"x\",  # the command\n  quiet: true", "run \"x\", quiet: true  # the command\n"),
        Case("command c(\n  a,  # first\n  b\n) {\n  print a\n}", "command c(a, b) {  # first\n  print a\n}\n"),
        // Blank lines around comments.
        Case("print 1\n\n# about 2\nprint 2", "print 1\n\n# about 2\nprint 2\n"),
        Case("print 1\n# about 2\n\n\nprint 2", "print 1\n# about 2\n\nprint 2\n"),
        Case("parallel {\n\n  # first\n\n  print 1\n\n  # last\n\n}", "parallel {\n  # first\n\n  print 1\n\n  # last\n}\n"),
        // The shebang stays first; a file of comments stays as it is.
        Case("#!/usr/bin/env scout\nprint 1", "#!/usr/bin/env scout\nprint 1\n"),
        Case("#!/usr/bin/env scout\n\n\n# what it does\n\nlet x=1", "#!/usr/bin/env scout\n\n# what it does\n\nlet x = 1\n"),
        Case("#!/usr/bin/env scout", "#!/usr/bin/env scout\n"),
        Case("  # one\n\n\n   # two\n", "# one\n\n# two\n"),
        Case("print 1\n# at the end", "print 1\n# at the end\n"),
        Case("print 1  # a\r\nprint 2\r\n", "print 1  # a\nprint 2\n"),
        // `#` in strings is no comment.
        Case("print \"# not\", '# not'  # yes", "print \"# not\", '# not'  # yes\n"),
        Case("print \"\"\"\n  ${x # inside\n  }\n  \"\"\"  # after", "print \"\"\"\n  ${x # inside\n  }\n  \"\"\"  # after\n"),
    ]

    @Test(arguments: comments)
    func commentsStayWhereTheyWere(_ c: Case) throws { try Self.check(c) }

    // MARK: - Every input: idempotent, and the same tree

    /// Formats `text` twice and parses all three: the tree stays, the second pass changes nothing.
    static func preserves(_ text: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let source = SourceFile(name: name, text: text)
        let (program, diagnostics) = Parser.parse(source)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        do {
            let once = try Formatter.format(source)
            let twice = try Formatter.format(SourceFile(name: name, text: once))
            #expect(twice == once, "\(name): not idempotent", sourceLocation: sourceLocation)
            let (again, _) = Parser.parse(SourceFile(name: name, text: once))
            #expect(ASTPrinter.dump(again) == ASTPrinter.dump(program), "\(name): the tree changed", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(name): \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyCaseInputIsPreserved() {
        for c in Self.spacing + Self.literals + Self.tasks + Self.blocks + Self.expressionStatements + Self.multiLine + Self.lines + Self.comments {
            Self.preserves(c.input, name: c.input.debugDescription)
        }
    }

    @Test func everyParserCaseIsPreserved() {
        let all = ParserTests.lets + ParserTests.tasks + ParserTests.taskBlocks + ParserTests.blocks + ParserTests.conditionals
            + ParserTests.definitions + ParserTests.expressions + ParserTests.braces + ParserTests.statementsStartingWithAName
        #expect(all.count > 100)
        for c in all { Self.preserves(c.source, name: c.source.debugDescription) }
    }

    static let samples: [String] = {
        var names: [String] = []
        for directory in ["samples", "samples/embedding"] {
            for name in LocalFile.names(inDirectory: GrammarExamplesTests.root + "/" + directory) {
                if name.hasSuffix(".scout") { names.append(directory + "/" + name) }
            }
        }
        return names.sorted()
    }()

    @Test(arguments: samples)
    func samplesAreAlreadyFormatted(_ path: String) throws {
        let text = try LocalFile.readText(GrammarExamplesTests.root + "/" + path)
        #expect(try Formatter.format(SourceFile(name: path, text: text)) == text)
        Self.preserves(text, name: path)
    }

    @Test func thereAreSamples() {
        #expect(Self.samples.count >= 15)
    }

    @Test(arguments: ["grammar/scout.ebnf", "README.md"])
    func examplesArePreserved(_ file: String) throws {
        let examples = GrammarExamplesTests.examples(in: file)
        #expect(!examples.isEmpty)
        for (line, code) in examples { Self.preserves(code, name: "\(file):\(line)") }
        if file == "grammar/scout.ebnf", let first = examples.first {
            #expect(try Formatter.format(SourceFile(name: file, text: first.code + "\n")) == first.code + "\n")
        }
    }

    // MARK: - Syntax errors

    @Test(arguments: ["let = 3", "print (", "task {", "if x {\n  print 1\n", "run \"x\" retry 1 retry 2", "print \"a"])
    func syntaxErrorsAreThrownWithTheirDiagnostics(_ text: String) {
        let source = SourceFile(name: "t.scout", text: text)
        let expected = Parser.parse(source).diagnostics
        #expect(!expected.isEmpty)
        #expect(throws: DiagnosticList.self) { try Formatter.format(source) }
        do {
            _ = try Formatter.format(source)
        } catch {
            #expect(error.diagnostics == expected)
            #expect(error.diagnostics.allSatisfy { $0.source === source })
        }
    }
}
