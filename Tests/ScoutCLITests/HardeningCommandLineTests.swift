import Glibc
import Scout
import ScoutTestSupport
import Testing

/// Hostile input through the real binary ends in a clear error, never a crash or a hang.
@Suite struct HardeningCommandLineTests {
    /// Runs `/bin/sh -c command` with `$SCOUT` naming the binary.
    static func shell(_ command: String, timeout: Duration = .seconds(120)) async throws -> ScoutBinary.Run {
        let spec = ProcessSpec(
            program: .shell(command), workingDirectory: CommandLineTests.temporaryDirectory(),
            environmentOverrides: ["NO_COLOR": "1", "SCOUT": ScoutBinary.path], timeout: timeout)
        let outcome = try await ProcessSupervisor.shared.run(spec)
        let status: Int32
        switch outcome.status {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return ScoutBinary.Run(status: status, stdout: String(decoding: outcome.stdout, as: UTF8.self), stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }

    @Test func integerDivisionOfTheSmallestIntIsAFloatAndOverflowIsAnError() async throws {
        let ok = try await ScoutBinary.run(["-e", "let min = -9223372036854775807 - 1\nprint min / -1, min % -1, min / 2"])
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout == "9.223372036854776e+18 0 -4611686018427387904\n")
        for (expression, op) in [("min * -1", "*"), ("min - 1", "-"), ("-min", "-"), ("2 ** 64", "**")] {
            let run = try await ScoutBinary.run(["-e", "let min = -9223372036854775807 - 1\nprint \(expression)"])
            #expect(run.status == 1, "\(run)")
            #expect(run.stderr.contains("integer overflow"), "\(expression): \(run)")
            if op != "-" { #expect(run.stderr.contains("in '\(op)'"), "\(run)") }
        }
    }

    @Test func hugeNumbersOfRetriesAreCappedNotACrash() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(#"[{"command": "run", "args": {"cmd": "false"}, "retry": 9223372036854775807}]"#, to: dir + "/tasks.json")
        CommandLineTests.write("run \"false\" retry 9223372036854775807\n", to: dir + "/a.scout")
        CommandLineTests.write("use retry(9223372036854775807)\nrun \"false\"\n", to: dir + "/b.scout")
        for file in ["a.scout", "b.scout", "tasks.json"] {
            // The run retries for ever: it is ended once the first retry is announced (or after a minute).
            let run = try await HardeningCommandLineTests.shell(
                "\"$SCOUT\" '\(dir)/\(file)' 2> err & p=$!; n=0; "
                    + "while ! grep -q retrying err && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done; kill -TERM $p; wait $p; cat err >&2")
            #expect(run.stderr.contains("failed (attempt 1 of 1000001), retrying"), "\(file): \(run)")
            #expect(!run.stderr.contains("Fatal error"), "\(run)")
        }
    }

    @Test func hugeDurationsAreRefusedNotACrash() async throws {
        let sleep = try await ScoutBinary.run(["-e", "sleep 9223372036854775807"])
        #expect(sleep.status == 2, "\(sleep)")
        #expect(!sleep.stderr.contains("Fatal error"), "\(sleep)")
        let backoff = try await ScoutBinary.run(["-e", "use retry(max_retries: 1, base_delay: 9223372036854775807)\nrun \"false\""], timeout: .seconds(3))
        #expect(backoff.stderr.contains("failed (attempt 1 of 2), retrying in"), "\(backoff)")
        #expect(!backoff.stderr.contains("Fatal error"), "\(backoff)")
    }

    @Test func valuesNestedTooDeeplyAreAnErrorWithTheirPlace() async throws {
        let run = try await ScoutBinary.run(["-e", "let v = []\nfor i in range(70000) {\n  let v = [v]\n}\nprint v"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("-e:3:11: error: list nested deeper than the limit of 512 levels"), "\(run)")
        let map = try await ScoutBinary.run(["-e", "let v = {}\nfor i in range(70000) { let v = {inner: v} }"])
        #expect(map.stderr.contains("map nested deeper than the limit of 512 levels"), "\(map)")
        let deepest = try await ScoutBinary.run(["-e", "let v = []\nfor i in range(511) { let v = [v] }\nprint len(json(v)), len(string(v)), v == v"])
        #expect(deepest.stdout == "1024 1024 true\n", "\(deepest)")
    }

    @Test func deepJSONIsRefusedWithAClearError() async throws {
        let run = try await ScoutBinary.run(["-e", "let s = \"[\"\nfor i in range(17) { let s = s + s }\nprint parse_json(s)"])
        #expect(run.stderr.contains("parse_json(): invalid JSON at 1:513: nesting deeper than 512 levels"), "\(run)")
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write(String(repeating: "[", count: 70000) + String(repeating: "]", count: 70000), to: dir + "/deep.json")
        let list = try await ScoutBinary.run(["run", dir + "/deep.json"])
        #expect(list.status == 2, "\(list)")
        #expect(list.stderr.contains("nesting deeper than 512 levels"), "\(list)")
    }

    @Test func catastrophicPatternsMatchAtOnce() async throws {
        let a = String(repeating: "a", count: 5000)
        let run = try await ScoutBinary.run(["-e", "print matches(\"\(a)!\", \"(a+)+$\"), matches(\"\(a)\", \"^(a|aa)*$\"), matches(\"x\", \"(x)\\\\1\")"], timeout: .seconds(60))
        #expect(run.stdout == "", "\(run)")
        #expect(run.stderr.contains("backreferences are not supported"), "\(run)")
        let fast = try await ScoutBinary.run(["-e", "print matches(\"\(a)!\", \"(a+)+$\"), matches(\"\(a)\", \"^(a|aa)*$\")"], timeout: .seconds(60))
        #expect(fast.stdout == "false true\n", "\(fast)")
        let help = try await ScoutBinary.run(["help", "matches"])
        #expect(help.stdout.contains("Not supported: backreferences, lookahead and lookbehind"), "\(help)")
    }

    @Test func sigtermStopsALongMatch() async throws {
        // A match over 4 MiB with ~500 live states takes minutes in a debug build.
        let script = "let s = \"a\"\nfor i in range(22) { let s = s + s }\nprint len(s)\nprint matches(s, \"(a?){500}b\")\n"
        let run = try await HardeningCommandLineTests.shell(
            "printf '%s' '\(script)' > long.scout; \"$SCOUT\" long.scout > out & p=$!; n=0; "
                + "while ! grep -q 4194304 out && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done; sleep 1; "
                + "kill -TERM $p; wait $p; s=$?; cat out; echo \"status $s\"",
            timeout: .seconds(120))
        #expect(run.stdout.contains("4194304\n"), "\(run)")
        #expect(run.stdout.hasSuffix("status 143\n"), "\(run)")
        #expect(run.stderr.contains("matches() stopped: the run was cancelled or reached its time limit"), "\(run)")
    }

    @Test func tasksDoNotOutliveAScoutKilledWithSIGKILL() async throws {
        let marker = "31.\(getpid())\(UInt32.random(in: 0...UInt32.max))"
        // "; true" keeps each shell waiting for its sleep: 8 shells and 8 sleeps.
        let script = "parallel(max: 8) for i in range(8) { run \"sleep \(marker); true\" }\n"
        let run = try await HardeningCommandLineTests.shell(
            "printf '%s' '\(script)' > k.scout; \"$SCOUT\" k.scout & p=$!; n=0; "
                + "count() { grep -l -F -e '\(marker)' /proc/[0-9]*/cmdline 2>/dev/null | wc -l; }; "
                + "while [ \"$(count)\" -lt 16 ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done; "
                + "echo \"before $(count)\"; kill -KILL $p; wait $p; echo \"status $?\"",
            timeout: .seconds(120))
        let before = run.stdout.split(separator: "\n").first { $0.hasPrefix("before ") }.flatMap { Int($0.dropFirst(7)) } ?? 0
        #expect(before >= 16, "\(run)")
        #expect(run.stdout.hasSuffix("status 137\n"), "\(run)")
        var left = LiveProcesses.matching(marker)
        for _ in 0..<100 where !left.isEmpty {
            usleep(50_000)
            left = LiveProcesses.matching(marker)
        }
        #expect(left.isEmpty, "left running: \(left)")
        for pid in left { kill(pid, SIGKILL) }
    }

    @Test(.enabled(if: Sanitizer.none, "a sanitizer reserves far more address space than any limit this test sets"))
    func aTightAddressSpaceLimitIsAClearErrorNotAHang() async throws {
        let run = try await HardeningCommandLineTests.shell("ulimit -v 40000 && \"$SCOUT\" -e 'print 1'", timeout: .seconds(30))
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("scout: error: the address-space limit (ulimit -v 40000) leaves no room for scout's threads"), "\(run)")
    }

    @Test func aLowSoftDescriptorLimitIsRaisedAndAHardOneWaitedFor() async throws {
        let script = "parallel(max: 256) for i in range(300) { run \"sleep 0.5\" }\n"
        for limit in ["-Sn 64", "-n 64"] {
            let run = try await HardeningCommandLineTests.shell(
                "printf '%s' '\(script)' > many.scout; ulimit \(limit) && \"$SCOUT\" many.scout", timeout: .seconds(120))
            #expect(run.status == 0, "ulimit \(limit): \(run.stderr.suffix(2000))")
            #expect(run.stderr.contains("300 succeeded"), "ulimit \(limit): \(run.stderr.suffix(2000))")
            #expect(!run.stderr.contains("Too many open files"), "ulimit \(limit)")
        }
    }
}
