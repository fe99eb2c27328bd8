import Testing
@testable import Scout
import ScoutTestSupport

/// Every statement of the language, run in-process.
@Suite struct StatementTests {
    @Test func letSetsAVariableInTheContext() async throws {
        let o = try await ScriptHarness.run("let x = 1 + 2 * 3\nlet name = \"scout\"\nprint x, name")
        #expect(o.lines == ["7 scout"])
        #expect(o.value("x") == .int(7))
    }

    @Test func aTaskLineRunsItsCommandWithPositionalAndNamedArguments() async throws {
        let o = try await ScriptHarness.run(#"run "printf '%s-%s' $A $B", env: {A: "x", B: 2}"#)
        #expect(o.stdout == "x-2")
    }

    @Test func storeAsKeepsTheResultObject() async throws {
        let o = try await ScriptHarness.run(#"run "echo hi; exit 4" store as r"#)
        let r = try #require(o.value("r"))
        #expect(r["status"] == "failure")
        #expect(r["exit_code"] == 4)
        #expect(r["output"] == "hi")
        #expect(r["failed"] == true)
        #expect(r["attempts"] == 1)
    }

    @Test func aTaskBlockRunsItsStepsInOrderAndStoresUnderItsName() async throws {
        let o = try await ScriptHarness.run("""
            task build {
              print "one"
              print "two"
            }
            print build.status, build.output
            """)
        #expect(o.lines == ["one", "two", "success two"])
    }

    @Test func aTaskBlockFailsWhenAStepFailsAndLaterStepsStillRun() async throws {
        let o = try await ScriptHarness.run("""
            task build {
              run "echo broken >&2; exit 1"
              print "after"
            }
            print build.status, build.error
            """)
        #expect(o.lines == ["after", "failure run failed: exit status 1: broken"])
        #expect(o.result.failed)
    }

    @Test func clausesInTheHeaderAndAtTheTopOfTheBody() async throws {
        let o = try await ScriptHarness.run("""
            let ready = false
            task a if ready { print "a" }
            task b {
              skip_if !ready
              print "b"
            }
            task c {
              if ready {
                print "c: ready"
              } else {
                print "c: not ready"
              }
            }
            print a.status, b.status, c.status
            """)
        #expect(o.lines == ["c: not ready", "skipped skipped success"])
    }

    @Test func sequentialInsideParallel() async throws {
        let o = try await ScriptHarness.run("""
            parallel {
              sequential {
                print "1"
                print "2"
              }
            }
            """)
        #expect(o.lines == ["1", "2"])
    }

    @Test func parallelRunsChildrenConcurrentlyAndKeepsResultsInOrder() async throws {
        let barrier = ShellBarrier.command(in: ShellBarrier.directory(), count: 3)
        let o = try await ScriptHarness.run("""
            parallel(max: 3) {
              run "\(barrier)" store as a
              run "\(barrier)" store as b
              run "\(barrier)" store as c
            }
            print a.ok, b.ok, c.ok
            """)
        #expect(o.lines == ["true true true"])
        #expect(o.result.results.count == 4)
        // All three start before any of them ends: each waits for the other two.
        let statuses = o.events.filter { $0.taskId.hasPrefix("task:") }.map(\.status)
        #expect(Array(statuses.prefix(4)) == [.running, .running, .running, .success])
    }

    @Test func parallelMaxLimitsConcurrency() async throws {
        // Each waits until two have started: the first two overlap, and max holds the rest back.
        let barrier = ShellBarrier.command(in: ShellBarrier.directory(), count: 2)
        let o = try await ScriptHarness.run("""
            parallel(max: 2) for i in range(6) {
              run "\(barrier)"
            }
            """)
        let running = o.events.filter { $0.status == .running && $0.taskId.hasPrefix("task:") }
        var inFlight = 0
        var most = 0
        for e in o.events where e.taskId.hasPrefix("task:") {
            if e.status == .running { inFlight += 1 }
            if e.status == .success { inFlight -= 1 }
            most = max(most, inFlight)
        }
        #expect(running.count == 6)
        #expect(most == 2)
    }

    @Test func forWalksListsMapKeysAndRanges() async throws {
        let o = try await ScriptHarness.run("""
            for x in [1, 2] { print "list", x }
            for k in ({b: 1, a: 2}) { print "key", k }
            for i in range(2, 5) { print "range", i }
            """)
        #expect(o.lines == ["list 1", "list 2", "key b", "key a", "range 2", "range 3", "range 4"])
    }

    @Test func parallelForIterationsDoNotShareTheirLocals() async throws {
        let o = try await ScriptHarness.run("""
            parallel for n in range(20) {
              let mine = n * 10
              run "true" store as r
              print mine == n * 10
            }
            print r ?? "no r outside"
            """)
        #expect(o.lines.filter { $0 == "true" }.count == 20)
        #expect(o.lines.last == "no r outside")
    }

    @Test func assigningANameOfAnEnclosingScopeUpdatesIt() async throws {
        let o = try await ScriptHarness.run("""
            let total = 0
            for n in [1, 2, 3] { let total = total + n }
            print total
            """)
        #expect(o.lines == ["6"])
    }

    @Test func ifElseIfElse() async throws {
        let o = try await ScriptHarness.run("""
            for n in [1, 5, 10] {
              if n < 3 { print "small" } else if n < 8 { print "medium" }
              else { print "large" }
            }
            """)
        #expect(o.lines == ["small", "medium", "large"])
    }

    @Test func stopEndsThePipelineWithItsReasonAndIsNotAFailure() async throws {
        let o = try await ScriptHarness.run("""
            print "before"
            stop "enough" if 1 < 2
            print "after"
            """)
        #expect(o.lines == ["before"])
        #expect(o.result.stopReason == "enough")
        #expect(!o.result.failed)
    }

    @Test func stopInsideParallelLaunchesNothingNew() async throws {
        let o = try await ScriptHarness.run("""
            parallel(max: 1) {
              stop "halt"
              print "never"
              print "never either"
            }
            """)
        #expect(o.stdout == "")
        #expect(o.result.stopReason == "halt")
        let skipped = o.events.filter { $0.status == .skipped }
        #expect(skipped.count == 2)
    }

    @Test func userCommandsBindPositionalNamedAndDefaultArguments() async throws {
        let o = try await ScriptHarness.run("""
            command greet(who, greeting = "hello") { print "${greeting} ${who}" }
            greet "a"
            greet "b", greeting: "hi"
            greet who: "c"
            """)
        #expect(o.lines == ["hello a", "hi b", "hello c"])
    }

    @Test func userCommandResultsCanBeStored() async throws {
        let o = try await ScriptHarness.run("""
            command check(path) { run "test -e ${path}" }
            check "/" store as root
            check "/no/such/path" store as missing
            print root.status, missing.status
            """)
        #expect(o.lines == ["success failure"])
    }

    @Test func useRetryAppliesToWhatFollows() async throws {
        let o = try await ScriptHarness.run("""
            run "exit 1" store as before
            use retry(max_retries: 2, base_delay: 1ms, max_delay: 1ms, jitter_factor: 0)
            run "exit 1" store as after
            print before.attempts, after.attempts
            """)
        #expect(o.lines == ["1 3"])
    }

    @Test func useFailFastStopsAtTheFirstFailure() async throws {
        let o = try await ScriptHarness.run("""
            use fail_fast
            run "exit 1"
            print "not reached"
            """)
        #expect(o.stdout == "")
        #expect(o.result.stopReason?.contains("fail-fast") == true)
    }

    @Test func expressionStatementsReachTheValueHandler() async throws {
        let seen = SanitizerVisibleMutex([Value]())
        _ = try await ScriptHarness.run("let x = 2\nx * 21\nlen([1, 2])") { c in
            c.onValue = { value, _ in seen.withLock { $0.append(value) } }
        }
        #expect(seen.withLock { $0 } == [.int(42), .int(2)])
    }

    @Test func argsHoldTheScriptArguments() async throws {
        let o = try await ScriptHarness.run("print len(args), args[1]", arguments: ["a", "b c"])
        #expect(o.lines == ["2 b c"])
    }
}

/// `import` in an embedding host that grants no file system.
@Suite struct ImportCapabilityTests {
    @Test func importNeedsTheFileSystemCapability() async throws {
        let interpreter = Interpreter(configuration: InterpreterConfiguration(capabilities: Capabilities([])))
        let diagnostics = interpreter.check(SourceFile(name: "host.scout", text: "import \"/etc/passwd\"\n"))
        #expect(diagnostics.map(\.kind.message) == [DiagnosticKind.capabilityDenied(capability: Capability.fileSystem.rawValue, what: "import").message])
    }
}
