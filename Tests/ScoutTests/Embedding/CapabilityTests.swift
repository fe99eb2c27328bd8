import Testing
@testable import Scout

/// A host grants what scripts may touch; what was not granted is an error before anything runs.
@Suite struct CapabilityTests {
    static func interpreter(_ granted: Set<Capability>) -> Interpreter {
        var c = InterpreterConfiguration(capabilities: Capabilities(granted))
        c.executor.output = DiscardedOutput()
        return Interpreter(configuration: c)
    }

    static let uses: [(Capability, String)] = [
        (.process, "run \"true\""),
        (.fileSystem, "let x = exists(\"/\")"),
        (.fileSystem, "let x = glob(\"/*\")"),
        (.environment, "let x = env(\"HOME\")"),
    ]

    @Test(arguments: CapabilityTests.uses.indices)
    func deniedIsAnErrorBeforeAnythingRuns(_ i: Int) async throws {
        let (capability, line) = CapabilityTests.uses[i]
        let interpreter = CapabilityTests.interpreter(Set(Capability.allCases).subtracting([capability]))
        let source = SourceFile(name: "t.scout", text: "let before = 1\n" + line)
        do {
            _ = try await interpreter.run(source)
            Issue.record("\(line) should be refused without \(capability)")
        } catch {
            let d = try #require(error.diagnostics.first)
            #expect(d.message.contains("needs the '\(capability.rawValue)' capability"), "\(d.message)")
            #expect(d.span.line == 2)
        }
        #expect(interpreter.context.getVar("before") == nil)
    }

    @Test(arguments: CapabilityTests.uses.indices)
    func grantedWorks(_ i: Int) async throws {
        let (capability, line) = CapabilityTests.uses[i]
        let interpreter = CapabilityTests.interpreter([capability])
        let result = try await interpreter.run(SourceFile(name: "t.scout", text: line))
        #expect(!result.failed)
    }

    @Test func aTaskThatReachesTheExecutorUncheckedIsStillRefused() async throws {
        // A host that builds tasks itself skips the checker; the registry refuses at the call.
        var registry = CommandRegistry.standard
        registry.capabilities = .none
        let executor = PipelineExecutor(context: BatchContext(), taskRunner: registry.taskRunner())
        let results = await executor.run([BatchTask(command: "run", args: ["cmd": "true"])])
        #expect(results[0].status == .error)
        #expect(results[0].error == "'run' needs the 'process' capability, which this host does not grant")
    }

    @Test func aFunctionReachedAtRunTimeIsStillRefused() throws {
        let e = Evaluator(scope: BatchContext(), capabilities: .none)
        let expression = try Parser.parseExpression(SourceFile(name: "t", text: "env(\"HOME\")"))
        #expect(throws: EvaluationError.self) { try e.evaluate(expression) }
    }

    @Test func hostCommandsNeedNoCapability() async throws {
        let interpreter = CapabilityTests.interpreter([])
        interpreter.register(CommandSpec("ping", summary: "answers") { _ in .success(output: "pong") })
        let result = try await interpreter.run(SourceFile(name: "t.scout", text: "ping store as p"))
        #expect(interpreter.context.getVar("p.output") == "pong")
        #expect(!result.failed)
    }
}
