import ScoutTestSupport
import Testing
@testable import Scout

/// Interpreters share nothing, and many runs go on at once in one host.
@Suite struct IsolationTests {
    @Test func twoInterpretersShareNothing() async throws {
        let a = Interpreter()
        let b = Interpreter()
        a.register(CommandSpec("only_a", summary: "a's own") { _ in .success() })
        _ = try await a.run(SourceFile(name: "a", text: "let x = 1\ncommand hello() { print \"a\" }"))
        #expect(a.context.getVar("x") == 1)
        #expect(b.context.getVar("x") == nil)
        #expect(a.userCommandNames == ["hello"])
        #expect(b.userCommandNames.isEmpty)
        let refused = b.check(SourceFile(name: "b", text: "only_a\nhello"))
        #expect(refused.map(\.message) == ["unknown command 'only_a'", "unknown command 'hello'"])
    }

    @Test func fiftyConcurrentRunsKeepTheirOwnContexts() async throws {
        let results = await withTaskGroup(of: (Int, Value?, Bool).self) { group in
            for n in 0..<50 {
                group.addTask {
                    var c = InterpreterConfiguration()
                    c.executor.output = DiscardedOutput()
                    let interpreter = Interpreter(context: BatchContext(initialVars: ["n": .int(n)]), configuration: c)
                    let result = try? await interpreter.run(SourceFile(name: "r\(n)", text: """
                        let total = 0
                        parallel for i in range(20) {
                          print i store as last
                        }
                        for i in range(n) { let total = total + i }
                        """))
                    return (n, interpreter.context.getVar("total"), result?.failed ?? true)
                }
            }
            var all: [(Int, Value?, Bool)] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 50)
        for (n, total, failed) in results {
            #expect(total == .int(n * (n - 1) / 2))
            #expect(!failed)
        }
    }

    @Test func cancelStopsARunAndItsProcesses() async throws {
        var c = InterpreterConfiguration()
        c.executor.output = DiscardedOutput()
        let interpreter = Interpreter(configuration: c)
        let marker = "30.\(UInt32.random(in: 100_000...999_999))"
        async let run = interpreter.run(SourceFile(name: "t", text: "run \"sleep \(marker)\" store as slow\nprint \"after\" store as after"))
        #expect(await LiveProcesses.running(matching: marker))
        interpreter.cancel()
        let result = try await run
        #expect(result.results.first?.status == .failure)
        #expect(interpreter.context.getVar("after") == nil)
        #expect(result.stopReason == "cancelled")
        #expect(await LiveProcesses.noneLeft(matching: marker))
    }
}
