import Testing
@testable import Scout

/// One parser case: a script and its AST dump (``ASTPrinter``), one statement per line.
struct ParseCase: Sendable, CustomTestStringConvertible {
    let source: String
    let dump: String

    init(_ source: String, _ dump: String) {
        self.source = source
        self.dump = dump
    }

    var testDescription: String { source.debugDescription }
}

@Suite struct ParserTests {
    // MARK: - let

    static let lets: [ParseCase] = [
        ParseCase("let x = 1", "(let x 1)"),
        ParseCase("let x = 1 + 2 * 3", "(let x (+ 1 (* 2 3)))"),
        ParseCase("let s = \"hi\"", "(let s \"hi\")"),
        ParseCase("let s = 'raw ${x}\\''".replacingOccurrences(of: "${x}", with: "$x"), "(let s \"raw $x'\")"),
        ParseCase("let d = 2s", "(let d 2s)"),
        ParseCase("let d = [250ms, 1.5s, 5m, 1h, 90s, -2s]", "(let d (list 250ms 1500ms 5m 1h 90s -2s))"),
        ParseCase("let n = [42, -3, 3.5, 1.0, 0.25]", "(let n (list 42 -3 3.5 1.0 0.25))"),
        ParseCase("let b = [true, false, null]", "(let b (list true false null))"),
        ParseCase("let e = []", "(let e (list))"),
        ParseCase("let m = {}", "(let m (map))"),
        ParseCase("let m = {a: 1, \"b c\": [2], if: 3, 'd': 4,}", "(let m (map (a 1) (\"b c\" (list 2)) (if 3) (d 4)))"),
        ParseCase("let m = {\n  a: 1,\n  b: {c: 2}\n}", "(let m (map (a 1) (b (map (c 2)))))"),
        ParseCase("let xs = [\n  1,\n  2,\n]", "(let xs (list 1 2))"),
        ParseCase("let x =\n  1 +\n  2", "(let x (+ 1 2))"),
        ParseCase("let s = \"a ${x} b\"", "(let s (str \"a \" (${} x) \" b\"))"),
        ParseCase("let s = \"${x}\"", "(let s (str (${} x)))"),
        ParseCase("let s = \"${ {a: 1}.a } ${ \"in ${y}\" }\"", "(let s (str (${} (. (map (a 1)) a)) \" \" (${} (str \"in \" (${} y)))))"),
        ParseCase("let s = \"esc \\n \\\" \\$ \\${x}\"", "(let s \"esc \\n \\\" $ ${x}\")"),
        ParseCase("let s = \"\"\"\n  ${x} and\n  ${y}\n  \"\"\"", "(let s (str (${} x) \" and\\n\" (${} y)))"),
        ParseCase("let s = \"\"\"\n  plain\n  \"\"\"", "(let s \"plain\")"),
    ]

    @Test(arguments: lets)
    func letStatements(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - One-line tasks and their clauses

    static let tasks: [ParseCase] = [
        ParseCase("run \"npm test\"", "(task run \"npm test\")"),
        ParseCase("git_status", "(task git_status)"),
        ParseCase("lint paths: [\"src\", \"tests\"], strict: true", "(task lint (paths: (list \"src\" \"tests\")) (strict: true))"),
        ParseCase("run \"make\", cwd: \"/tmp\", timeout: 5s", "(task run \"make\" (cwd: \"/tmp\") (timeout: 5s))"),
        ParseCase("print 1, \"a\", x", "(task print 1 \"a\" x)"),
        ParseCase("print -1, !x", "(task print -1 (! x))"),
        ParseCase("notify if: 1", "(task notify (if: 1))"),
        ParseCase("run \"a\",\n  cwd: \"b\"", "(task run \"a\" (cwd: \"b\"))"),
        ParseCase("run \"npm test\" store as r if status.clean", "(task run \"npm test\" (if (. status clean)) (store r))"),
        ParseCase("build skip_if skip_build", "(task build (skip_if skip_build))"),
        ParseCase("notify stop_if deploy_result.failed", "(task notify (stop_if (. deploy_result failed)))"),
        ParseCase("run \"x\" if a && !b", "(task run \"x\" (if (&& a (! b))))"),
        ParseCase("run \"x\" retry 3", "(task run \"x\" (retry 3))"),
        ParseCase("run \"x\" retry(max_retries: 3, base_delay: 1s)", "(task run \"x\" (retry (max_retries: 3) (base_delay: 1s)))"),
        ParseCase("run \"x\" retry(max_retries: 3, base_delay: 1s, max_delay: 30s, jitter_factor: 0.1)",
                  "(task run \"x\" (retry (max_retries: 3) (base_delay: 1s) (max_delay: 30s) (jitter_factor: 0.1)))"),
        ParseCase("run \"x\" retry()", "(task run \"x\" (retry))"),
        ParseCase("run \"x\" timeout 10m", "(task run \"x\" (timeout 10m))"),
        ParseCase("run \"x\" needs a, b", "(task run \"x\" (needs a b))"),
        ParseCase("run \"x\" needs a", "(task run \"x\" (needs a))"),
        ParseCase("plan \"p\" extract steps", "(task plan \"p\" (extract sequential))"),
        ParseCase("plan \"p\" extract steps parallel", "(task plan \"p\" (extract parallel))"),
        ParseCase("plan \"p\" extract steps sequential", "(task plan \"p\" (extract sequential))"),
        // Every clause at once, in any order: the dump has them in a fixed order.
        ParseCase("lint \"a\", strict: true needs A, B extract steps parallel timeout 10m retry 3 stop_if y.failed skip_if x store as r if ok",
                  "(task lint \"a\" (strict: true) (if ok) (skip_if x) (stop_if (. y failed)) (store r) (retry 3) (timeout 10m) (needs A B) (extract parallel))"),
        // A clause keyword ends the argument list; a name with a colon is a named argument.
        ParseCase("run cmd if ok", "(task run cmd (if ok))"),
        // A `;` ends a statement too.
        ParseCase("run \"a\"; run \"b\"", "(task run \"a\")\n(task run \"b\")"),
    ]

    @Test(arguments: tasks)
    func taskLines(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - task blocks

    static let taskBlocks: [ParseCase] = [
        ParseCase("task build { run \"make\" }", "(block build (task run \"make\"))"),
        ParseCase("task empty {}", "(block empty)"),
        ParseCase("task build {\n  run \"a\"\n  run \"b\"\n}", "(block build (task run \"a\") (task run \"b\"))"),
        // Clauses in the header.
        ParseCase("task deploy if ok retry 3 { run \"x\" }", "(block deploy (clauses (if ok) (retry 3)) (task run \"x\"))"),
        ParseCase("task t needs a, b timeout 1m store as r { run \"x\" }", "(block t (clauses (store r) (timeout 1m) (needs a b)) (task run \"x\"))"),
        // Clauses at the top of the body, one per line.
        ParseCase("""
            task deploy {
              if lint.ok && test.ok
              retry 3
              timeout 10m
              stop_if deploy.failed

              run "npm run deploy"
            }
            """, "(block deploy (clauses (if (&& (. lint ok) (. test ok))) (stop_if (. deploy failed)) (retry 3) (timeout 10m)) (task run \"npm run deploy\"))"),
        ParseCase("task t {\n  skip_if x; store as y\n  run \"a\"\n}", "(block t (clauses (skip_if x) (store y)) (task run \"a\"))"),
        // Header and body together.
        ParseCase("task t retry 2 {\n  timeout 5s\n  run \"a\"\n}", "(block t (clauses (retry 2) (timeout 5s)) (task run \"a\"))"),
        // `if COND {` at the top of a body is an if statement, not a clause.
        ParseCase("task t {\n  if x {\n    run \"a\"\n  }\n  run \"b\"\n}", "(block t (if x (then (task run \"a\"))) (task run \"b\"))"),
        ParseCase("task t {\n  if x { run \"a\" } else { run \"b\" }\n}", "(block t (if x (then (task run \"a\")) (else (task run \"b\"))))"),
        ParseCase("task t {\n  if ok\n  if x { run \"a\" }\n}", "(block t (clauses (if ok)) (if x (then (task run \"a\"))))"),
        // Task blocks nest, and hold any statement.
        ParseCase("task outer {\n  let x = 1\n  task inner { print x }\n  parallel { run \"a\" }\n}",
                  "(block outer (let x 1) (block inner (task print x)) (parallel (task run \"a\")))"),
    ]

    @Test(arguments: taskBlocks)
    func taskBlockStatements(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - parallel, sequential, for

    static let blocks: [ParseCase] = [
        ParseCase("parallel {\n  run \"a\"\n  run \"b\"\n}", "(parallel (task run \"a\") (task run \"b\"))"),
        ParseCase("parallel {}", "(parallel)"),
        ParseCase("parallel(max: 4) { run \"a\" }", "(parallel (max 4) (task run \"a\"))"),
        ParseCase("parallel(max: n + 1) { run \"a\" }", "(parallel (max (+ n 1)) (task run \"a\"))"),
        ParseCase("sequential { run \"a\"; run \"b\" }", "(sequential (task run \"a\") (task run \"b\"))"),
        ParseCase("""
            parallel(max: 4) {
              task lint  { run "npm run lint" }
              sequential {
                run "a"
                run "b"
              }
            }
            """, "(parallel (max 4) (block lint (task run \"npm run lint\")) (sequential (task run \"a\") (task run \"b\")))"),
        ParseCase("for f in files { print f }", "(for f files (task print f))"),
        ParseCase("for f in glob(\"*.c\") {\n  run \"cc ${f}\"\n}", "(for f (call glob \"*.c\") (task run (str \"cc \" (${} f))))"),
        ParseCase("for i in range(3) {}", "(for i (call range 3))"),
        ParseCase("for k in [1, 2] { print k }", "(for k (list 1 2) (task print k))"),
        ParseCase("for k in ({a: 1}) { print k }", "(for k (map (a 1)) (task print k))"),
        ParseCase("parallel for f in files { print f }", "(pfor f files (task print f))"),
        ParseCase("parallel(max: 2) for f in files {\n  run \"x\" store as r\n}", "(pfor (max 2) f files (task run \"x\" (store r)))"),
    ]

    @Test(arguments: blocks)
    func blockStatements(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - if / else, stop

    static let conditionals: [ParseCase] = [
        ParseCase("if a { print 1 }", "(if a (then (task print 1)))"),
        ParseCase("if a {}", "(if a (then))"),
        ParseCase("if a { print 1 } else { print 2 }", "(if a (then (task print 1)) (else (task print 2)))"),
        ParseCase("if a { print 1 } else if b { print 2 } else { print 3 }",
                  "(if a (then (task print 1)) (else (if b (then (task print 2)) (else (task print 3)))))"),
        // `else` on the next line.
        ParseCase("if a {\n  print 1\n}\nelse {\n  print 2\n}", "(if a (then (task print 1)) (else (task print 2)))"),
        ParseCase("if a {\n  print 1\n}\nelse if b {\n  print 2\n}\nelse {\n  print 3\n}",
                  "(if a (then (task print 1)) (else (if b (then (task print 2)) (else (task print 3)))))"),
        ParseCase("if a { print 1 }\nprint 2", "(if a (then (task print 1)))\n(task print 2)"),
        ParseCase("if x.ok && (y ?? false) { print 1 }", "(if (&& (. x ok) (?? y false)) (then (task print 1)))"),
        ParseCase("if not done { print 1 }", "(if (! done) (then (task print 1)))"),
        ParseCase("stop", "(stop)"),
        ParseCase("fail", "(fail)"),
        ParseCase("fail \"dirty tree\" if status.output != \"\"", "(fail \"dirty tree\" (if (!= (. status output) \"\")))"),
        ParseCase("param region = \"eu\"", "(param region string \"eu\")"),
        ParseCase("param replicas: int", "(param replicas int)"),
        ParseCase("param wait = 30s", "(param wait duration 30s)"),
        ParseCase("param verbose = false", "(param verbose bool false)"),
        ParseCase("stop \"why\"", "(stop \"why\")"),
        ParseCase("stop \"working tree is dirty\" if !status.clean", "(stop \"working tree is dirty\" (if (! (. status clean))))"),
        ParseCase("stop if x", "(stop (if x))"),
        ParseCase("stop \"${n} failed\" if n > 0", "(stop (str (${} n) \" failed\") (if (> n 0)))"),
        ParseCase("parallel { stop }", "(parallel (stop))"),
    ]

    @Test(arguments: conditionals)
    func ifAndStop(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - command, use

    static let definitions: [ParseCase] = [
        ParseCase("command deploy(env, version = \"latest\") {\n  run \"deploy ${env} ${version}\"\n}",
                  "(command deploy (params env (version \"latest\")) (task run (str \"deploy \" (${} env) \" \" (${} version))))"),
        ParseCase("command hello() { print \"hi\" }", "(command hello (params) (task print \"hi\"))"),
        ParseCase("command c(\n  a,\n  b = [1, 2],\n) {}", "(command c (params a (b (list 1 2))))"),
        ParseCase("use retry(max_retries: 3)", "(use retry (max_retries: 3))"),
        ParseCase("use retry(max_retries: 3, base_delay: 1s, max_delay: 30s, jitter_factor: 0.1)",
                  "(use retry (max_retries: 3) (base_delay: 1s) (max_delay: 30s) (jitter_factor: 0.1))"),
        ParseCase("use circuit_breaker(failure_threshold: 5, success_threshold: 2, timeout_seconds: 30)",
                  "(use circuit_breaker (failure_threshold: 5) (success_threshold: 2) (timeout_seconds: 30))"),
        ParseCase("use fail_fast", "(use fail_fast)"),
        ParseCase("use fail_fast()", "(use fail_fast)"),
        ParseCase("use retry(\n  max_retries: 3,\n  base_delay: 2s\n)", "(use retry (max_retries: 3) (base_delay: 2s))"),
    ]

    @Test(arguments: definitions)
    func commandAndUse(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - Expressions: precedence and associativity

    static let expressions: [ParseCase] = [
        // || < && < == < (< and in) < ?? < + < * < unary < ** < postfix
        ParseCase("let a = x || y && z", "(let a (|| x (&& y z)))"),
        ParseCase("let a = x && y || z", "(let a (|| (&& x y) z))"),
        ParseCase("let a = x && y == z", "(let a (&& x (== y z)))"),
        ParseCase("let a = x == y < z", "(let a (== x (< y z)))"),
        ParseCase("let a = x != y in z", "(let a (!= x (in y z)))"),
        ParseCase("let a = x < y ?? z", "(let a (< x (?? y z)))"),
        ParseCase("let a = x ?? y + z", "(let a (?? x (+ y z)))"),
        ParseCase("let a = x + y * z", "(let a (+ x (* y z)))"),
        ParseCase("let a = x * -y", "(let a (* x (- y)))"),
        ParseCase("let a = -x ** 2", "(let a (- (** x 2)))"),
        ParseCase("let a = !x.y[0]", "(let a (! ([] (. x y) 0)))"),
        ParseCase("let a = x || y && z == w < v ?? u + t * s ** r", "(let a (|| x (&& y (== z (< w (?? v (+ u (* t (** s r)))))))))"),
        // Left associative, except ** (right).
        ParseCase("let a = 1 - 2 - 3", "(let a (- (- 1 2) 3))"),
        ParseCase("let a = 8 / 4 / 2", "(let a (/ (/ 8 4) 2))"),
        ParseCase("let a = 1 + 2 - 3 + 4", "(let a (+ (- (+ 1 2) 3) 4))"),
        ParseCase("let a = 2 ** 3 ** 2", "(let a (** 2 (** 3 2)))"),
        ParseCase("let a = 2 ** -1", "(let a (** 2 -1))"),
        ParseCase("let a = x ?? y ?? z", "(let a (?? (?? x y) z))"),
        ParseCase("let a = a < b < c", "(let a (< (< a b) c))"),
        ParseCase("let a = x % 2 == 0", "(let a (== (% x 2) 0))"),
        ParseCase("let a = x <= y && y >= z", "(let a (&& (<= x y) (>= y z)))"),
        // Word synonyms.
        ParseCase("let a = x and y or not z", "(let a (|| (&& x y) (! z)))"),
        ParseCase("let a = \"a\" in xs", "(let a (in \"a\" xs))"),
        // Parentheses.
        ParseCase("let a = (x + y) * z", "(let a (* (+ x y) z))"),
        ParseCase("let a = ((x))", "(let a x)"),
        ParseCase("let a = -(x + 1)", "(let a (- (+ x 1)))"),
        ParseCase("let a = !!x", "(let a (! (! x)))"),
        ParseCase("let a = - -1", "(let a 1)"),
        // Postfix chains.
        ParseCase("let a = x.y.z", "(let a (. (. x y) z))"),
        ParseCase("let a = xs[0][1]", "(let a ([] ([] xs 0) 1))"),
        ParseCase("let a = m[\"key\"].b", "(let a (. ([] m \"key\") b))"),
        ParseCase("let a = pair.0.1", "(let a ([] ([] pair 0) 1))"),
        ParseCase("let a = r.if.store", "(let a (. (. r if) store))"),
        ParseCase("let a = len(xs) + 1", "(let a (+ (call len xs) 1))"),
        ParseCase("let a = f()", "(let a (call f))"),
        ParseCase("let a = split(\"a,b\", \",\")[0]", "(let a ([] (call split \"a,b\" \",\") 0))"),
        ParseCase("let a = env(\"HOME\", \"/\")", "(let a (call env \"HOME\" \"/\"))"),
        ParseCase("let a = [1, [2, {k: [3]}]]", "(let a (list 1 (list 2 (map (k (list 3))))))"),
        ParseCase("let a = {a: 1}[\"a\"]", "(let a ([] (map (a 1)) \"a\"))"),
    ]

    @Test(arguments: expressions)
    func precedenceAndAssociativity(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - Where `{` starts a block

    static let braces: [ParseCase] = [
        // In a condition a `{` is the block; a map needs parentheses.
        ParseCase("if x {}", "(if x (then))"),
        ParseCase("if ({a: 1}) { print 1 }", "(if (map (a 1)) (then (task print 1)))"),
        ParseCase("if x == ({}) { print 1 }", "(if (== x (map)) (then (task print 1)))"),
        ParseCase("for k in ({a: 1}) {}", "(for k (map (a 1)))"),
        ParseCase("task t if ({a: 1}).a { run \"x\" }", "(block t (clauses (if (. (map (a 1)) a))) (task run \"x\"))"),
        // Inside brackets of a condition, maps are fine again.
        ParseCase("if [{a: 1}] { print 1 }", "(if (list (map (a 1))) (then (task print 1)))"),
        ParseCase("if f({a: 1}) { print 1 }", "(if (call f (map (a 1))) (then (task print 1)))"),
        ParseCase("if \"${ {a: 1}.a }\" { print 1 }", "(if (str (${} (. (map (a 1)) a))) (then (task print 1)))"),
        // Elsewhere `{` starts a map.
        ParseCase("let m = {a: 1}", "(let m (map (a 1)))"),
        ParseCase("print {a: 1}", "(task print (map (a 1)))"),
        ParseCase("print {}", "(task print (map))"),
        ParseCase("notify \"x\", data: {a: 1}", "(task notify \"x\" (data: (map (a 1))))"),
        ParseCase("stop {a: 1}", "(stop (map (a 1)))"),
    ]

    @Test(arguments: braces)
    func bracesInConditions(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - Expression statements, calls and commands

    static let statementsStartingWithAName: [ParseCase] = [
        ParseCase("build.ok", "(expr (. build ok))"),
        ParseCase("len(xs)", "(expr (call len xs))"),
        ParseCase("x + 1", "(expr (+ x 1))"),
        ParseCase("x", "(task x)"),
        ParseCase("xs[0]", "(expr ([] xs 0))"),
        ParseCase("x ?? 1", "(expr (?? x 1))"),
        ParseCase("a in b", "(expr (in a b))"),
        ParseCase("a && b", "(expr (&& a b))"),
        ParseCase("(x)", "(expr x)"),
        ParseCase("1 + 2", "(expr (+ 1 2))"),
        ParseCase("\"text\"", "(expr \"text\")"),
        ParseCase("[1, 2]", "(expr (list 1 2))"),
        ParseCase("!x", "(expr (! x))"),
        ParseCase("-x", "(expr (- x))"),
        // `name(` with no space is a function call; `name (` a command with a parenthesised argument.
        ParseCase("len(xs)", "(expr (call len xs))"),
        ParseCase("len (xs)", "(task len xs)"),
        ParseCase("print(1)", "(task print 1)"),
        ParseCase("print (1) + 2", "(task print (+ 1 2))"),
        ParseCase("range(3)", "(expr (call range 3))"),
        // `name [` is a command with a list argument; `name[` indexes.
        ParseCase("print [1, 2]", "(task print (list 1 2))"),
        ParseCase("xs[0]", "(expr ([] xs 0))"),
        ParseCase("run [\"ls\", \"-l\"]", "(task run (list \"ls\" \"-l\"))"),
        // A name followed by something that starts an argument is a command.
        ParseCase("print x", "(task print x)"),
        ParseCase("print -1", "(task print -1)"),
        ParseCase("deploy staging", "(task deploy staging)"),
        ParseCase("notify", "(task notify)"),
    ]

    @Test(arguments: statementsStartingWithAName)
    func expressionStatementsAndCommands(_ c: ParseCase) {
        #expect(LanguageTest.dump(c.source) == c.dump)
    }

    // MARK: - Whole scripts

    @Test func theFirstLookScriptOfLanguageMdParses() {
        let script = """
            #!/usr/bin/env scout
            # ci.scout: lint, test and build; deploy only when all of them pass.

            let env = "staging"
            let version = "1.0.0"

            git_status store as status
            stop "working tree is dirty" if !status.clean

            run "npm ci" store as install

            parallel(max: 4) {
              task lint  { run "npm run lint" }
              task test  { run "npm test" }
              task build { run "npm run build" }
            }

            task deploy {
              if lint.ok && test.ok && build.ok
              retry 3
              timeout 10m
              stop_if deploy.failed

              run "npm run deploy -- --env ${env} --version ${version}"
            }

            print "deployed ${version} to ${env}"
            """
        #expect(LanguageTest.dump(script) == """
            (let env "staging")
            (let version "1.0.0")
            (task git_status (store status))
            (stop "working tree is dirty" (if (! (. status clean))))
            (task run "npm ci" (store install))
            (parallel (max 4) (block lint (task run "npm run lint")) (block test (task run "npm test")) (block build (task run "npm run build")))
            (block deploy (clauses (if (&& (&& (. lint ok) (. test ok)) (. build ok))) (stop_if (. deploy failed)) (retry 3) (timeout 10m)) (task run (str "npm run deploy -- --env " (${} env) " --version " (${} version))))
            (task print (str "deployed " (${} version) " to " (${} env)))
            """)
    }

    /// The seed guide's examples (its JSON task lists), written as scripts.
    @Test func theGuideExamplesParse() {
        let script = """
            # Conditional execution
            git_status store as status
            run "npm test" if status.clean
            build skip_if skip_build
            deploy store as deploy_result
            notify message: "Deployment complete" stop_if deploy_result.failed

            # Variables
            let name = "World"
            run "echo Hello ${name}"
            git_status store as git_status
            run "echo ${git_status.branch}"

            # Example 1: sequential build pipeline
            run "npm install" store as install_result
            run "npm run lint" skip_if install_result.failed
            run "npm run test" skip_if install_result.failed
            run "npm run build" store as build_result

            # Example 2: parallel file processing
            parallel {
              lint paths: ["file1.py"]
              lint paths: ["file2.py"]
              lint paths: ["file3.py"]
            }
            parallel for f in ["file1.py", "file2.py", "file3.py"] {
              lint paths: [f]
            }

            # Example 3: CI pipeline with early exit
            run "npm run lint" store as lint_result
            run "npm run test" store as test_result stop_if lint_result.failed
            run "npm run build" store as build_result stop_if test_result.failed
            run "npm run deploy" stop_if build_result.failed

            # Example 4: sub-batch execution
            plan prompt: "Add authentication to the app" extract steps sequential

            # Retry and circuit breaker
            use retry(max_retries: 3, base_delay: 1.0, max_delay: 30.0, jitter_factor: 0.1)
            use circuit_breaker(failure_threshold: 5, success_threshold: 2, timeout_seconds: 30.0)
            """
        let (dump, diagnostics) = LanguageTest.parse(script)
        #expect(diagnostics.isEmpty)
        let lines = dump.split(separator: "\n")
        #expect(lines.count == 22)
        #expect(lines.contains("(task notify (message: \"Deployment complete\") (stop_if (. deploy_result failed)))"))
        #expect(lines.contains("(pfor f (list \"file1.py\" \"file2.py\" \"file3.py\") (task lint (paths: (list f))))"))
        #expect(lines.contains("(task plan (prompt: \"Add authentication to the app\") (extract sequential))"))
        #expect(lines.contains("(task run \"npm run build\" (stop_if (. test_result failed)) (store build_result))"))
    }

    @Test func statementsKeepTheirSpans() throws {
        let (program, _) = Parser.parse(SourceFile(name: "t", text: "let x = 1\n  run \"a\" retry 3\n"))
        #expect(program.statements.map { "\($0.span.line):\($0.span.column)+\($0.span.length)" } == ["1:1+9", "2:3+15"])
    }
}
