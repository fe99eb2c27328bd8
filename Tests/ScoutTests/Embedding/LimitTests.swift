import Testing
@testable import Scout

/// Every limit a host sets ends a hostile run with an error naming it, in bounded time and
/// memory, and the host carries on.
@Suite struct LimitTests {
    static func run(_ code: String, limits: ScriptLimits, capabilities: Capabilities = .all) async throws -> RunResult {
        var c = InterpreterConfiguration(capabilities: capabilities, limits: limits)
        c.executor.output = DiscardedOutput()
        return try await Interpreter(configuration: c).run(SourceFile(name: "hostile.scout", text: code))
    }

    @Test func aLoopOverAHugeRangeStopsAtTheIterationLimit() async throws {
        let r = try await LimitTests.run("let n = 0\nfor i in range(10 ** 9) { let n = n + 1 }", limits: ScriptLimits(maxLoopIterations: 10_000))
        #expect(r.errors.first?.message == "loops ran more than the limit of 10000 iterations")
        #expect(r.failed)
    }

    @Test func aParallelLoopOverAHugeRangeIsRefusedWithoutBuildingIt() async throws {
        let r = try await LimitTests.run("parallel for i in range(10 ** 9) { print i }", limits: ScriptLimits(maxLoopIterations: 10_000))
        #expect(r.errors.first?.message == "loops ran more than the limit of 10000 iterations")
        #expect(r.results.isEmpty)
    }

    @Test func endlessRecursionStopsAtTheCallDepthLimit() async throws {
        let r = try await LimitTests.run("command down(n) { down n + 1 }\ndown 0", limits: ScriptLimits(maxCallDepth: 30))
        #expect(r.errors.first?.message.hasPrefix("commands call each other more than 30 deep (the call-depth limit)") == true)
        #expect(r.failed)
    }

    @Test func aHundredMegabyteStringStopsAtTheValueSizeLimit() async throws {
        let r = try await LimitTests.run("let s = \"x\"\nfor i in range(40) { let s = s + s }", limits: ScriptLimits(maxValueSize: 1 << 20))
        #expect(r.errors.first?.message == "string larger than the limit of 1048576 bytes")
    }

    @Test func tooManyTasksStopAtTheTaskLimit() async throws {
        let r = try await LimitTests.run("for i in range(100) { print i }", limits: ScriptLimits(maxTasks: 10))
        #expect(r.errors.first?.message == "the run started more than the limit of 10 tasks")
        #expect(r.results.count == 10)
    }

    @Test func aRunLongerThanTheWallClockLimitIsStopped() async throws {
        let r = try await LimitTests.run("sleep 30s\nprint \"never\"", limits: ScriptLimits(wallClock: .milliseconds(200)))
        #expect(r.errors.first?.message == "the run took longer than its time limit of 200ms")
    }

    @Test func capturedOutputIsBoundedAndSaysSo() async throws {
        var c = InterpreterConfiguration(limits: ScriptLimits(maxCapturedOutput: 1000))
        c.executor.output = DiscardedOutput()
        let interpreter = Interpreter(configuration: c)
        _ = try await interpreter.run(SourceFile(name: "t.scout", text: "run \"head -c 100000 /dev/zero | tr '\\\\0' x\" store as big"))
        let stdout = try #require(interpreter.context.getVar("big.stdout")?.stringValue)
        #expect(stdout.hasPrefix("[99000 earlier bytes not kept]\n"))
        #expect(stdout.hasSuffix(String(repeating: "x", count: 1000)))
    }

    @Test func theHostStaysHealthyAfterAHostileRun() async throws {
        _ = try await LimitTests.run("for i in range(10 ** 9) { }", limits: ScriptLimits(maxLoopIterations: 1000))
        let r = try await LimitTests.run("print 1 + 1", limits: ScriptLimits())
        #expect(!r.failed)
    }
}
