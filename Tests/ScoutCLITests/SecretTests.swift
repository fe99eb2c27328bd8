import Glibc
import Scout
import Testing

/// A secret never appears in anything scout writes — stdout, stderr, events, dry runs, the
/// REPL — however it was given, while commands still get the real value.
@Suite struct SecretTests {
    static let value = "Zq9xW7kP-\(getpid())-tok"
    /// Its first characters: a name or a line cut short must not show even part of it.
    static let start = "Zq9x"

    /// The script: the secret in a command line, in output (whole, and split across two
    /// writes), in a failing task's stderr and in a runtime error.
    static func script(_ name: String) -> String {
        """
        run "[ \\"${\(name)}\\" = \\"$EXPECTED\\" ] && echo commands get the real value"
        run "echo out ${\(name)}; echo err ${\(name)} >&2"
        run "printf '%s' \\"${\(name)}\\" | cut -c1-6 | tr -d '\\\\n'; sleep 0.2; printf '%s\\\\n' \\"${\(name)}\\" | cut -c7-"
        run "echo failing with ${\(name)} >&2; exit 3" store as failed
        print {token: \(name)}[\(name)]
        """
    }

    static func assertMasked(_ run: ScoutBinary.Run, events: String = "", _ comment: Testing.Comment) {
        #expect(!run.stdout.contains(start), comment)
        #expect(!run.stderr.contains(start), comment)
        #expect(!events.contains(start), comment)
        #expect(run.stdout.contains("***") || run.stderr.contains("***"), comment)
    }

    @Test func secretFromTheCommandLineIsMaskedEverywhere() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(SecretTests.script("TOKEN"), to: dir + "/s.scout")
        for output in ["grouped", "prefixed", "raw"] {
            let events = dir + "/events-\(output).ndjson"
            let run = try await ScoutBinary.run(["--secret", "TOKEN=\(SecretTests.value)", "--output", output, "--events-file", events, dir + "/s.scout"],
                                                environment: ["EXPECTED": SecretTests.value])
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout.contains("commands get the real value"))
            #expect(run.stdout.contains("out ***"))
            #expect(run.stdout.contains("***\n"))
            #expect(run.stderr.contains("failing with ***"))
            SecretTests.assertMasked(run, events: try LocalFile.readText(events), "\(output)")
        }
    }

    @Test func secretFromTheEnvironmentAndFromTheScript() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(SecretTests.script("API_TOKEN"), to: dir + "/env.scout")
        let run = try await ScoutBinary.run(["--secret-env", "API_TOKEN", "--events", "json", dir + "/env.scout"],
                                            environment: ["API_TOKEN": SecretTests.value, "EXPECTED": SecretTests.value])
        #expect(run.stdout.contains("commands get the real value"))
        SecretTests.assertMasked(run, "--secret-env")

        CommandLineTests.write("let T = secret(env(\"PLAIN\"))\n" + SecretTests.script("T"), to: dir + "/fn.scout")
        let marked = try await ScoutBinary.run([dir + "/fn.scout"], environment: ["PLAIN": SecretTests.value, "EXPECTED": SecretTests.value])
        #expect(marked.stdout.contains("commands get the real value"))
        SecretTests.assertMasked(marked, "secret()")
    }

    @Test func dryRunsJSONListsAndTheREPLMaskToo() async throws {
        let dry = try await ScoutBinary.run(["-n", "--secret", "T=\(SecretTests.value)", "-e", "run \"deploy --token ${T}\""])
        #expect(dry.stdout.contains("deploy --token ***"), "\(dry)")
        SecretTests.assertMasked(dry, "dry run")

        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("""
            [{"command": "run", "args": {"cmd": "echo token=${tok}"}, "variables": {"tok": "${secret(env('PLAIN'))}"}}]
            """, to: dir + "/tasks.json")
        let list = try await ScoutBinary.run([dir + "/tasks.json"], environment: ["PLAIN": SecretTests.value])
        #expect(list.stdout == "token=***\n", "\(list)")
        SecretTests.assertMasked(list, "JSON task list")

        let repl = try await ScoutBinary.run(["repl", "--secret", "T=\(SecretTests.value)"], stdin: "print T\n:vars\nT\n")
        SecretTests.assertMasked(repl, "REPL")
    }

    @Test func aSecretInALongLineIsMaskedWhereverThePiecesAreCut() async throws {
        // The secret stands across the 64 KiB at which long lines are written in pieces,
        // with and without a newline after it, for the task that streams and one held back.
        let line = #"head -c 65530 /dev/zero | tr '\\0' x; printf '%s' \"${T}\"; head -c 70000 /dev/zero | tr '\\0' y"#
        let script = """
            run "\(line)"
            parallel {
              run "sleep 0.3; \(line); echo"
              run "\(line); echo"
            }
            """
        for output in ["grouped", "prefixed", "raw"] {
            let run = try await ScoutBinary.run(["--secret", "T=\(SecretTests.value)", "--output", output, "-e", script])
            #expect(run.status == 0, "\(output)")
            #expect(run.stdout.split(separator: "***", omittingEmptySubsequences: false).count == 4, "\(output)")
            SecretTests.assertMasked(run, "\(output)")
        }
    }

    @Test func aShortSecretIsRefused() async throws {
        let run = try await ScoutBinary.run(["--secret", "T=abc", "-e", "print 1"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("at least 4 characters"))
        let missing = try await ScoutBinary.run(["--secret-env", "SCOUT_NOT_SET_ANYWHERE", "-e", "print 1"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("SCOUT_NOT_SET_ANYWHERE is not set"))
    }
}
