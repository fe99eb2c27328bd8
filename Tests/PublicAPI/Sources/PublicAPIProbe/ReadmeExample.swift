import Scout

/// The README's embedding example, as written there.
func readmeExample() async throws {
    var configuration = InterpreterConfiguration(capabilities: Capabilities([.environment]))
    configuration.limits = ScriptLimits(wallClock: .seconds(10), maxTasks: 1_000, maxLoopIterations: 10_000)
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
    print(result.failed, interpreter.context.getVar("sent.output") ?? .null)
}
