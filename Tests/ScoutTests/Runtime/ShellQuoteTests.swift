import Testing
@testable import Scout

extension RuntimeTests {
    /// `ShellQuote` and the shell-quoted interpolation of `run` strings: what the quoting
    /// produces, and that `/bin/sh` reads every value back unchanged as one word.
    @Suite struct ShellQuoteTests {
        static let quoted: [(String, String)] = [
            ("", "''"),
            ("abc", "abc"),
            ("src/main.swift", "src/main.swift"),
            ("-_./:,+@%=", "-_./:,+@%="),
            ("a b", "'a b'"),
            ("it's", #"'it'\''s'"#),
            ("$HOME", "'$HOME'"),
            ("a; rm -rf ~", "'a; rm -rf ~'"),
            ("*", "'*'"),
            ("line\nbreak", "'line\nbreak'"),
            ("é", "'é'"),
            ("`id`", "'`id`'"),
            ("''", #"''\'''\'''"#),
        ]

        @Test(arguments: quoted)
        func quoteMakesOneShellWord(word: String, expected: String) {
            #expect(ShellQuote.quote(word) == expected)
        }

        @Test func aListBecomesSeveralWordsAndOtherValuesTheirText() {
            #expect(ShellQuote.words(["a b", "c", ""]) == "'a b' c ''")
            #expect(ShellQuote.words([]) == "")
            #expect(ShellQuote.words(3) == "3")
            #expect(ShellQuote.words(2.5) == "2.5")
            #expect(ShellQuote.words(true) == "true")
            #expect(ShellQuote.words(nil) == "null")
            #expect(ShellQuote.words(.duration(.seconds(90))) == "90s")
            #expect(ShellQuote.words(["k": "v"]) == #"'{"k":"v"}'"#)
            #expect(ShellQuote.words([["nested"], 1]) == #"'["nested"]' 1"#)
        }

        static let nasty: [String] = [
            "plain", "two words", "it's", "\"double\"", "$HOME", "${HOME}", "$(id)", "`id`", "a; touch /tmp/x", "a && b || c",
            "*", "?", "[a]", "~", "#comment", "back\\slash", "tab\there", "new\nline", "é ü 中 😀", "-n", "--", "", "'", "\\'",
            " leading", "trailing ", "!", "a|b>c<d", "=equals",
        ]

        @Test func theShellReadsEveryQuotedWordBackUnchanged() async throws {
            // One printf run prints each word between markers; the shell must see exactly these words.
            let line = "printf '<%s>' " + Self.nasty.map(ShellQuote.quote).joined(separator: " ")
            let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(program: .shell(line)))
            #expect(outcome.succeeded)
            #expect(String(decoding: outcome.stdout, as: UTF8.self) == Self.nasty.map { "<\($0)>" }.joined())
        }

        // MARK: - Interpolation into run strings

        static func argument(_ template: String, shell: Bool, vars: [String: Value]) throws -> Value {
            let e = try Parser.parseTemplate(SourceFile(name: "<arg>", text: template))
            return try Evaluator(scope: BatchContext(initialVars: vars)).argument(e, shell: shell)
        }

        @Test func interpolationsIntoAShellStringAreQuoted() throws {
            let vars: [String: Value] = ["x": "a; touch /tmp/pwned", "files": ["one two", "three"], "n": 2, "safe": "file.txt"]
            #expect(try Self.argument("echo ${x}", shell: true, vars: vars) == "echo 'a; touch /tmp/pwned'")
            #expect(try Self.argument("ls ${files}", shell: true, vars: vars) == "ls 'one two' three")
            #expect(try Self.argument("head -n ${n} ${safe}", shell: true, vars: vars) == "head -n 2 file.txt")
            #expect(try Self.argument("echo \"${x}\"", shell: true, vars: vars) == "echo \"'a; touch /tmp/pwned'\"")
            #expect(try Self.argument("echo ${raw(x)}", shell: true, vars: vars) == "echo a; touch /tmp/pwned")
            #expect(try Self.argument("echo ${x}", shell: false, vars: vars) == "echo a; touch /tmp/pwned")
            #expect(try Self.argument("echo $HOME ${n}", shell: true, vars: vars) == "echo $HOME 2")
        }

        @Test func aWholeValueKeepsItsType() throws {
            let vars: [String: Value] = ["argv": ["ls", "-l"], "line": "echo hi"]
            #expect(try Self.argument("${argv}", shell: true, vars: vars) == ["ls", "-l"])
            #expect(try Self.argument("${line}", shell: true, vars: vars) == "echo hi")
        }

        @Test func theExecutorQuotesOnlyShellArguments() async throws {
            let runner = FakeRunner()
            let context = BatchContext(initialVars: ["x": "a b"])
            let (executor, _) = RuntimeTestSupport.executor(runner, context: context)
            _ = await executor.run(try RuntimeTestSupport.tasks("""
                [{"command": "run", "args": {"cmd": "echo ${x}", "cwd": "/tmp/${x}"}},
                 {"command": "notify", "args": {"cmd": "echo ${x}"}}]
                """))
            #expect(runner.calls[0].args["cmd"] == "echo 'a b'")
            #expect(runner.calls[0].args["cwd"] == "/tmp/a b")
            #expect(runner.calls[1].args["cmd"] == "echo a b")
        }
    }
}
