import Testing
@testable import Scout

/// The embedding example of the README, as written there, compiles and does what it says.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleRuns() async throws {
        var configuration = InterpreterConfiguration(capabilities: Capabilities([.environment]))
        configuration.limits = ScriptLimits(wallClock: .seconds(10), maxTasks: 1_000, maxLoopIterations: 10_000)
        // The README's 10 s is for a host; here the suite's other tests share two cores (under
        // a sanitizer in CI) and once held this one-task run past it. The limit itself has tests
        // of its own.
        configuration.limits.wallClock = .seconds(600)
        let output = CapturedOutput()
        configuration.executor.output = output
        let interpreter = Interpreter(context: BatchContext(initialVars: ["env": "prod"]), configuration: configuration)

        interpreter.register(CommandSpec("notify", summary: "posts a message",
            parameters: [ParameterSpec("text", .string, required: true, positional: true)]) { call in
                call.print("NOTIFY: \(call.string("text") ?? "")")
                return .success(output: "sent")
            })
        interpreter.register(ScoutFunction("region", parameters: "", arity: 0...0, summary: "the host's region") { _, _ in
            "eu-west-1"
        })

        let result = try await interpreter.run(SourceFile(name: "hook.scout", text: """
            notify "deploying to ${env} in ${region()}" store as sent
            """))
        #expect(!result.failed)
        #expect(interpreter.context.getVar("sent.output") == "sent")
        #expect(output.stdout == "NOTIFY: deploying to prod in eu-west-1\n")
    }
}
