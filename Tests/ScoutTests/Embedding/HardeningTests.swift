import Testing
@testable import Scout

/// What a script can do to a host that grants nothing: arithmetic at the edges, deep
/// values and hostile patterns end in errors, and the host carries on.
@Suite struct HardeningTests {
    static func run(_ code: String, limits: ScriptLimits = ScriptLimits()) async throws -> (RunResult, Interpreter) {
        var c = InterpreterConfiguration(capabilities: .none, limits: limits)
        c.executor.output = DiscardedOutput()
        let interpreter = Interpreter(configuration: c)
        return (try await interpreter.run(SourceFile(name: "hostile.scout", text: code)), interpreter)
    }

    @Test func integerEdgesGiveValuesOrErrorsNeverATrap() async throws {
        let (ok, interpreter) = try await HardeningTests.run("let min = -9223372036854775807 - 1\nlet q = min / -1\nlet r = min % -1\nlet p = (-2) ** 63")
        #expect(ok.errors.isEmpty)
        #expect(interpreter.context.getVar("q") == .double(9.223372036854776e18))
        #expect(interpreter.context.getVar("r") == .int(0))
        #expect(interpreter.context.getVar("p") == .int(.min))
        for expression in ["min * -1", "min - 1", "-min", "min + min", "2 ** 63", "range(min, 9223372036854775807)"] {
            let (r, _) = try await HardeningTests.run("let min = -9223372036854775807 - 1\nlet x = \(expression)")
            #expect(r.errors.count == 1, "\(expression)")
        }
    }

    @Test func valuesCannotNestBeyondTheSharedLimit() async throws {
        let (r, interpreter) = try await HardeningTests.run("let v = []\nfor i in range(100000) { let v = [v] }")
        #expect(r.errors.first?.message == "list nested deeper than the limit of \(Value.maxDepth) levels")
        let v = try #require(interpreter.context.getVar("v"))
        #expect(!v.nestsDeeper(than: Value.maxDepth))
        #expect(v.nestsDeeper(than: Value.maxDepth - 1))
        // The deepest value prints, compares, hashes and is freed like any other.
        #expect(v.jsonText().count == 2 * Value.maxDepth)
        #expect(v == v && v.hashValue == v.hashValue)
        #expect(JSONParser.maxDepth == Value.maxDepth)
    }

    @Test func depthIsMeasuredWithoutRecursion() {
        var v: Value = 1
        for _ in 0..<3 { v = ["a": [v, 2]] }
        #expect(v.nestsDeeper(than: 5))
        #expect(!v.nestsDeeper(than: 6))
        #expect(!Value.string("x").nestsDeeper(than: 0))
        #expect(Value.list([]).nestsDeeper(than: 0))
    }

    @Test func theWallClockLimitEndsALongMatch() async throws {
        let started = ContinuousClock.now
        let (r, _) = try await HardeningTests.run(
            "let s = \"a\"\nfor i in range(22) { let s = s + s }\nlet m = matches(s, \"(a?){500}b\")",
            limits: ScriptLimits(wallClock: .milliseconds(500)))
        #expect(r.errors.contains { $0.message == "the run took longer than its time limit of 500ms" }, "\(r.errors.map(\.message))")
        // Without the limit the match runs for hours. Building the 4 MB string takes most of
        // the time here: up to 30 s under ThreadSanitizer on a busy 2-core machine.
        #expect(ContinuousClock.now - started < .seconds(120))
    }

    @Test func retriesAreCappedWhateverTheSource() throws {
        #expect(RetryConfig(maxRetries: .max).maxRetries == RetryConfig.maxRetriesLimit)
        var config = RetryConfig()
        config.maxRetries = -3
        #expect(config.maxRetries == 0)
        config.maxRetries = .max
        #expect(config.maxRetries == 1_000_000)
        let tasks = try TaskList.parse(#"[{"command": "print", "retry": 9223372036854775807}]"#, name: "t.json")
        #expect(tasks.first?.retry?.maxRetries == RetryConfig.maxRetriesLimit)
    }
}
