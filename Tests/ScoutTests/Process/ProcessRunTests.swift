import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Running a child: statuses, captured output, input, directory, environment, argv, errors.
@Suite struct ProcessRunTests {
    let supervisor = ProcessSupervisor.shared
    typealias Support = ProcessTestSupport

    @Test func exitStatusZeroSucceeds() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["true"])))
        #expect(outcome.status == .exited(0))
        #expect(outcome.succeeded)
        #expect(!outcome.timedOut && !outcome.cancelled)
        #expect(outcome.pid > 0)
        #expect(Support.processIsGone(outcome.pid))
    }

    @Test func nonZeroExitIsDataNotAnError() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .shell("exit 3")))
        #expect(outcome.status == .exited(3))
        #expect(!outcome.succeeded)
        #expect(outcome.status.description == "exit status 3")
    }

    @Test func childKilledBySignalIsSignaled() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .shell("kill -TERM $$; sleep 5")))
        #expect(outcome.status == .signaled(SIGTERM))
        #expect(outcome.status.description == "killed by SIGTERM")
        #expect(!outcome.succeeded)
    }

    @Test func stdoutAndStderrAreCapturedSeparatelyAndExactly() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .shell(
            "printf 'out 1\\n'; printf 'err 1\\n' >&2; printf 'out 2'; printf 'err 2' >&2")))
        #expect(Support.text(outcome.stdout) == "out 1\nout 2")
        #expect(Support.text(outcome.stderr) == "err 1\nerr 2")
        #expect(outcome.stdoutDroppedBytes == 0 && outcome.stderrDroppedBytes == 0)
    }

    @Test func tenMegabytesOfOutputKeepTheLastMebibyteAndCountTheRest() async throws {
        let spec = ProcessSpec(program: .shell("head -c 10000000 /dev/zero; printf END"), captureLimit: 1 << 20)
        let outcome = try await supervisor.run(spec)
        #expect(outcome.status == .exited(0))
        #expect(outcome.stdout.count == 1 << 20)
        #expect(outcome.stdoutDroppedBytes == 10_000_003 - (1 << 20))
        #expect(outcome.stdout.suffix(3) == Support.bytes("END")[...])
        #expect(outcome.stdout.dropLast(3).allSatisfy { $0 == 0 })
    }

    @Test func theKeptTailIsTheRealTail() async throws {
        // seq 1 300000 writes 2,088,895 bytes; keep the last 100,000.
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["seq", "1", "300000"]), captureLimit: 100_000))
        // Numbers of d digits from 10^(d-1) on, each followed by a newline.
        let total = 9 * 2 + 90 * 3 + 900 * 4 + 9000 * 5 + 90000 * 6 + 200_001 * 7
        #expect(outcome.stdout.count == 100_000)
        #expect(outcome.stdoutDroppedBytes == total - 100_000)
        let lines = Support.text(outcome.stdout).split(separator: "\n").dropFirst()  // first may be partial
        let numbers = lines.compactMap { Int($0) }
        #expect(numbers.count == lines.count)
        #expect(numbers.last == 300000)
        #expect(numbers.first == 300001 - numbers.count)
        #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 + 1 == $1 })
    }

    @Test func stdinBytesAreDelivered() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["cat"]), input: .bytes(Support.bytes("hello\nworld"))))
        #expect(Support.text(outcome.stdout) == "hello\nworld")
    }

    @Test func fiveMegabytesOfStdinRoundTrip() async throws {
        let input = Support.patternBytes(count: 5_000_000)
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["cat"]), input: .bytes(input), captureLimit: 8 << 20))
        #expect(outcome.status == .exited(0))
        #expect(outcome.stdout.count == input.count)
        #expect(outcome.stdout == input)
    }

    @Test func stdinNobodyReadsDoesNotHang() async throws {
        let input = [UInt8](repeating: 65, count: 5_000_000)
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["true"]), input: .bytes(input)))
        #expect(outcome.status == .exited(0))
    }

    @Test func defaultStdinIsDevNull() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .shell("cat; echo done")))
        #expect(Support.text(outcome.stdout) == "done\n")
    }

    @Test func emptyStdinBytesGiveEndOfFile() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["wc", "-c"]), input: .bytes([])))
        #expect(Support.text(outcome.stdout).trimmingPrefix(while: { $0 == " " }) == "0\n")
    }

    @Test func workingDirectoryIsHonoured() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["pwd"]), workingDirectory: "/usr/share"))
        #expect(Support.text(outcome.stdout) == "/usr/share\n")
    }

    @Test func environmentOverridesAreSeenOnTopOfTheInheritedEnvironment() async throws {
        let inheritedPath = String(cString: getenv("PATH"))
        let outcome = try await supervisor.run(ProcessSpec(
            program: .shell("printf '%s|%s' \"$SCOUT_TEST_VALUE\" \"$PATH\""),
            environmentOverrides: ["SCOUT_TEST_VALUE": "a value with spaces"]))
        #expect(Support.text(outcome.stdout) == "a value with spaces|\(inheritedPath)")
    }

    @Test func aReplacedEnvironmentIsAllTheChildSees() async throws {
        let outcome = try await supervisor.run(ProcessSpec(
            program: .argv(["/usr/bin/env"]),
            environment: ["ONLY": "this", "B": "1"],
            environmentOverrides: ["B": "2", "C": "3"]))
        #expect(Support.text(outcome.stdout) == "B=2\nC=3\nONLY=this\n")
    }

    @Test func withoutPathInTheEnvironmentTheDefaultSearchPathIsUsed() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["env"]), environment: [:]))
        #expect(outcome.status == .exited(0))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func inheritedStdinIsTheParentsOwn() async throws {
        func target(_ path: String) -> String {
            var buffer = [CChar](repeating: 0, count: 4096)
            let n = readlink(path, &buffer, buffer.count - 1)
            return n < 0 ? "" : String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["readlink", "/proc/self/fd/0"]), input: .inherit))
        let parentStdin = target("/proc/self/fd/0")
        // With no standard input at all, the child has none either and readlink prints nothing.
        #expect(Support.text(outcome.stdout) == (parentStdin.isEmpty ? "" : parentStdin + "\n"))
    }

    @Test func argvIsPassedWithoutAShell() async throws {
        let arguments = ["printf", "%s|", "a b", "it's", "\"quoted\"", "$HOME", "*", ""]
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(arguments)))
        #expect(Support.text(outcome.stdout) == "a b|it's|\"quoted\"|$HOME|*||")
    }

    @Test func argvZeroIsLookedUpInTheChildsPath() async throws {
        let directory = Support.makeTemporaryDirectory()
        let script = directory + "/scout-hello"
        let fd = open(script, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        let text = "#!/bin/sh\necho hello from \"$0\"\n"
        _ = text.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        defer {
            unlink(script)
            rmdir(directory)
        }
        let outcome = try await supervisor.run(ProcessSpec(
            program: .argv(["scout-hello"]), environmentOverrides: ["PATH": directory + ":/usr/bin:/bin"]))
        #expect(Support.text(outcome.stdout) == "hello from \(script)\n")
        await #expect(throws: ProcessError.commandNotFound("scout-hello")) {
            try await supervisor.run(ProcessSpec(program: .argv(["scout-hello"])))
        }
    }

    @Test func commandNotFoundThrows() async throws {
        let error = await #expect(throws: ProcessError.self) {
            try await supervisor.run(ProcessSpec(program: .argv(["scout-no-such-command", "x"])))
        }
        #expect(error == .commandNotFound("scout-no-such-command"))
        #expect(error?.description == "command not found: scout-no-such-command")
    }

    @Test func missingWorkingDirectoryThrows() async throws {
        await #expect(throws: ProcessError.workingDirectoryNotFound("/no/such/scout/dir")) {
            try await supervisor.run(ProcessSpec(program: .argv(["true"]), workingDirectory: "/no/such/scout/dir"))
        }
        await #expect(throws: ProcessError.workingDirectoryNotFound("/etc/passwd")) {
            try await supervisor.run(ProcessSpec(program: .argv(["true"]), workingDirectory: "/etc/passwd"))
        }
    }

    @Test func emptyArgvThrows() async throws {
        await #expect(throws: ProcessError.emptyArgv) {
            try await supervisor.run(ProcessSpec(program: .argv([])))
        }
    }

    @Test func runAndStartThrowProcessErrorsTyped() async {
        // `error` is a ProcessError where it is caught: compared to a case without a cast.
        do {
            _ = try await supervisor.run(ProcessSpec(program: .argv([])))
            Issue.record("an empty argv ran")
        } catch {
            #expect(error == .emptyArgv)
        }
        do {
            let process = try supervisor.start(ProcessSpec(program: .argv(["scout-no-such-command"])))
            Issue.record("a missing command started as \(process.pid)")
            _ = await process.stop()
        } catch {
            #expect(error == .commandNotFound("scout-no-such-command"))
        }
    }

    @Test func aFileThatCannotBeExecutedThrowsSpawnFailed() async throws {
        let directory = Support.makeTemporaryDirectory()
        let file = directory + "/not-executable"
        close(open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644))
        defer {
            unlink(file)
            rmdir(directory)
        }
        let error = await #expect(throws: ProcessError.self) {
            try await supervisor.run(ProcessSpec(program: .argv([file])))
        }
        #expect(error == .spawnFailed(program: file, errno: EACCES))
        #expect(error?.description == "cannot run \(file): Permission denied")
        await #expect(throws: ProcessError.spawnFailed(program: "./scout-missing", errno: ENOENT)) {
            try await supervisor.run(ProcessSpec(program: .argv(["./scout-missing"])))
        }
    }

    @Test func theChildLeadsItsOwnProcessGroup() async throws {
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["cat", "/proc/self/stat"])))
        let text = Support.text(outcome.stdout)
        let afterName = text[text.index(after: text.lastIndex(of: ")")!)...].split(separator: " ")
        #expect(Int32(afterName[2]) == outcome.pid)  // pgrp
        #expect(Int32(afterName[2]) != getpgrp())
    }

    @Test func ignoredSignalsDoNotLeakIntoTheChild() async throws {
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"])))
        let masks = Support.text(outcome.stdout).split(separator: "\n").map { line in
            UInt64(line.split(separator: "\t")[1], radix: 16)!
        }
        #expect(masks.count == 2)
        #expect(masks[0] == 0)  // nothing blocked
        // No standard signal (1...31) ignored. glibc's posix_spawn itself leaves its two
        // internal real-time signals (32, 33) ignored; glibc programs reinstall them.
        #expect(masks[1] & 0x7FFF_FFFF == 0)
    }

    @Test func theChildInheritsOnlyItsStandardDescriptors() async throws {
        // ls opens the directory it lists as descriptor 3.
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["ls", "/proc/self/fd"])))
        #expect(Support.text(outcome.stdout) == "0\n1\n2\n3\n")
    }

    @Test func durationCoversTheRun() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try await supervisor.run(ProcessSpec(program: .argv(["sleep", "0.2"])))
        #expect(outcome.duration >= .milliseconds(200))
        #expect(outcome.duration <= clock.now - start, "within the time the call took")
    }
}
