import Scout
import Testing

extension REPLBinaryTests {
    /// `scout` with statements on a pipe: plain lines, joined into statements, run as they come;
    /// values printed, no prompt, no escape codes; exit statuses as for a script.
    @Suite struct PipedREPLTests {
        static func noEscapes(_ run: ScoutBinary.Run) -> Bool {
            !run.stdout.contains("\u{1B}") && !run.stderr.contains("\u{1B}") && !run.stdout.contains("scout>")
        }

        @Test func valuesArePrintedWithoutAPrompt() async throws {
            let run = try await ScoutBinary.run([], stdin: "let x = 2\nx * 21\n")
            #expect(run.status == 0)
            #expect(run.stdout == "42\n")
            #expect(run.stderr == "")
            let repl = try await ScoutBinary.run(["repl"], stdin: "\"text\"\n[1, null]\nx = 1\n")
            #expect(repl.stdout == "\"text\"\n[\n  1,\n  null\n]\n")
            #expect(repl.status == 2, "'x = 1' is a syntax error")
        }

        @Test func colourIsOffEvenWhenAsked() async throws {
            let run = try await ScoutBinary.run([], stdin: "{\"a\": [1, true]}\nrun \"exit 3\"\n", environment: ["NO_COLOR": ""])
            #expect(PipedREPLTests.noEscapes(run), "\(run)")
            #expect(run.stdout == "{\n  \"a\": [\n    1,\n    true\n  ]\n}\n")
        }

        @Test func statementsOverSeveralLines() async throws {
            let input = """
                let m = {
                  "a": [1,
                    2],
                  "b": "two" +
                    "three"
                }
                task build {
                  run "echo built"
                }
                print m.a[1], m.b,
                  build.ok
                print \"\"\"
                  multi
                  line
                  \"\"\"
                """
            let run = try await ScoutBinary.run([], stdin: input)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout == "built\n2 twothree true\nmulti\nline\n")
            #expect(PipedREPLTests.noEscapes(run))
        }

        @Test func aFailedTaskExitsOneAndTheRestRuns() async throws {
            let run = try await ScoutBinary.run([], stdin: "run \"exit 3\" store as r\nprint \"after\", r.exit_code\n")
            #expect(run.status == 1)
            #expect(run.stdout == "after 3\n")
            #expect(run.stderr.contains("FAILED  r (") && run.stderr.contains("): exit status 3"))
        }

        @Test func aTaskThatFailsOnAnErrorInTheInputShowsItsPlace() async throws {
            let run = try await ScoutBinary.run([], stdin: "let m = {a: 1}\nprint 1\nprint m.b\n")
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("<stdin>:3:7: error: m has no field 'b'\n  |\n3 | print m.b\n  |       ^^^\n"), "\(run)")
        }

        @Test func aSyntaxErrorExitsTwoAndEndsTheInput() async throws {
            let run = try await ScoutBinary.run([], stdin: "print \"before\"\n\nlet = 3\nprint \"after\"\n")
            #expect(run.status == 2)
            #expect(run.stdout == "before\n")
            #expect(run.stderr.contains("<stdin>:3:5: error: expected a name, found '='"), "\(run)")
            #expect(run.stderr.contains("3 | let = 3"))
            let unclosed = try await ScoutBinary.run([], stdin: "print 1\ntask b {\n  print 2\n")
            #expect(unclosed.status == 2)
            #expect(unclosed.stdout == "1\n")
            #expect(unclosed.stderr.contains("<stdin>:2:"), "\(unclosed)")
        }

        @Test func aRuntimeErrorExitsOneAndAStopZero() async throws {
            let error = try await ScoutBinary.run([], stdin: "print 1\nlet x = 1 / 0\nprint 2\n")
            #expect(error.status == 1)
            #expect(error.stdout == "1\n")
            #expect(error.stderr.contains("<stdin>:2:"), "\(error)")
            let stop = try await ScoutBinary.run([], stdin: "print 1\nstop \"enough\"\nprint 2\n")
            #expect(stop.status == 0)
            #expect(stop.stdout == "1\n")
        }

        @Test func metaCommandsWorkOnAPipeAndSaveMakesARunnableScript() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            CommandLineTests.write("let greeting = \"hello\"\n", to: dir + "/lib.scout")
            let input = """
                :load lib.scout
                let n = 3
                n
                n * 2
                run "exit 4"
                command twice(x) {
                  print x, x
                }
                twice greeting
                :vars
                :save session.scout
                """
            let run = try await ScoutBinary.run([], in: dir, stdin: input)
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout == "3\n6\nhello hello\ngreeting = \"hello\"\nn = 3\n")
            let saved = try LocalFile.readText(dir + "/session.scout")
            #expect(saved == "let greeting = \"hello\"\nlet n = 3\nrun \"exit 4\"\ncommand twice(x) {\n  print x, x\n}\ntwice greeting\n",
                    "what only showed a value is left out")
            let again = try await ScoutBinary.run(["session.scout"], in: dir)
            #expect(again.status == 1, "\(again)")
            #expect(again.stdout == "hello hello\n")
            CommandLineTests.write("let a = 1\na + 41\n", to: dir + "/quiet.scout")
            let loaded = try await ScoutBinary.run([], in: dir, stdin: ":load quiet.scout\na\n")
            #expect(loaded.stdout == "1\n", "a loaded script shows no values, as scout FILE would not")
            let unknown = try await ScoutBinary.run([], stdin: ":vras\nprint 1\n")
            #expect(unknown.status == 2)
            #expect(unknown.stderr.contains("did you mean ':vars'?"))
        }

        @Test func theCommandLineAroundTheREPL() async throws {
            let file = try await ScoutBinary.run(["repl", "x.scout"])
            #expect(file.status == 2)
            #expect(file.stderr.contains("scout repl takes options, not a script"))
            let help = try await ScoutBinary.run(["help", "repl"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Meta-commands:"))
            #expect(help.stdout.contains("syntax error"))
            #expect(try await ScoutBinary.run(["--help"]).stdout.contains("scout repl"))
            let check = try await ScoutBinary.run(["check"])
            #expect(check.status == 2)
            #expect(check.stderr.contains("check needs a file"))
            let options = try await ScoutBinary.run(["--var-json", "n=41"], stdin: "n + 1\n")
            #expect(options.stdout == "42\n")
            let empty = try await ScoutBinary.run([])
            #expect(empty.status == 0)
            #expect(empty.stdout == "")
        }
    }
}
