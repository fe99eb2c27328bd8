import Testing
@testable import Scout

extension RuntimeTests {
    /// `CommandRegistry`, `CommandSpec.bind` and the built-ins `print`, `sleep` and `fail`:
    /// lookup, binding errors, capabilities, and results through an executor.
    @Suite struct CommandRegistryTests {
        typealias Support = RuntimeTestSupport

        static func executor(_ registry: CommandRegistry, context: BatchContext = BatchContext()) -> (PipelineExecutor, CapturedOutput) {
            let output = CapturedOutput()
            var configuration = ExecutorConfiguration(output: output, jitter: { 0 })
            configuration.isShellArgument = { registry.isShellArgument(command: $0, label: $1, position: $2) }
            return (PipelineExecutor(context: context, taskRunner: registry.taskRunner(), clock: ManualClock(), configuration: configuration), output)
        }

        static let echo = CommandSpec("echo", summary: "returns its arguments", parameters: [
            ParameterSpec("text", .string, required: true, positional: true),
            ParameterSpec("times", .int, positional: true),
            ParameterSpec("wait", .duration),
            ParameterSpec("tags", .strings),
        ]) { call in .success(output: .map(call.arguments)) }

        @Test func theStandardCommands() {
            let builtIns = ["fail", "git_branch", "git_diff", "git_log", "git_status", "plan", "print", "run", "service", "sleep"]
            #expect(CommandRegistry.standard.names == builtIns)
            #expect(CommandRegistry.standard.all.map(\.name) == builtIns)
            #expect(CommandRegistry.standard.spec("run")?.capability == .process)
            #expect(CommandRegistry.standard.spec("run")?.origin == "built-in")
        }

        @Test func registerReplaceRemoveAndFallback() {
            var registry = CommandRegistry.standard
            registry.register(Self.echo)
            #expect(registry.names == ["echo", "fail", "git_branch", "git_diff", "git_log", "git_status", "plan", "print", "run", "service", "sleep"])
            registry.register(CommandSpec("echo", summary: "replaced") { _ in .success() })
            #expect(registry.spec("echo")?.summary == "replaced")
            registry.remove("echo")
            #expect(registry.spec("echo") == nil)
            registry.fallback = { name in name.hasPrefix("x-") ? CommandSpec(name, summary: "plugin", origin: "plugin") { _ in .success() } : nil }
            #expect(registry.spec("x-tool")?.origin == "plugin")
            #expect(registry.spec("y-tool") == nil)
            #expect(!registry.names.contains("x-tool"))
        }

        @Test func shellArguments() {
            let registry = CommandRegistry.standard
            #expect(registry.isShellArgument(command: "run", label: "cmd", position: 0))
            #expect(registry.isShellArgument(command: "run", label: nil, position: 0))
            #expect(!registry.isShellArgument(command: "run", label: "cwd", position: 0))
            #expect(!registry.isShellArgument(command: "run", label: nil, position: 1))
            #expect(!registry.isShellArgument(command: "print", label: nil, position: 0))
            #expect(!registry.isShellArgument(command: "nope", label: "cmd", position: 0))
            #expect(ExecutorConfiguration.runIsShell("run", "cmd", 0))
            #expect(ExecutorConfiguration.runIsShell("run", nil, 0))
            #expect(!ExecutorConfiguration.runIsShell("run", nil, 1))
            #expect(!ExecutorConfiguration.runIsShell("lint", "cmd", 0))
        }

        // MARK: - Binding

        @Test func bindingFillsPositionalThenNamedAndConvertsTypes() throws {
            let bound = try Self.echo.bind(positional: ["hi", 2.0], named: ValueMap([("wait", "250ms"), ("tags", "one")]))
            #expect(Value.map(bound) == ["text": "hi", "times": 2, "wait": .duration(.milliseconds(250)), "tags": ["one"]])
            #expect(Value.map(try Self.echo.bind(positional: [], named: ValueMap([("text", "x"), ("wait", 1.5)]))) == ["text": "x", "wait": .duration(.milliseconds(1500))])
        }

        static let bindingErrors: [(positional: [Value], named: Value, message: String)] = [
            ([], [:], "echo needs the argument 'text'"),
            (["a", 1, "extra"], [:], "echo takes at most 2 positional arguments, got 3"),
            (["a"], ["text": "b"], "argument 'text' of echo is given twice"),
            (["a"], ["tiems": 2], "echo has no argument 'tiems' (did you mean 'times'?)"),
            (["a"], ["colour": 2], "echo has no argument 'colour'"),
            (["a", "two"], [:], "argument 'times' of echo must be an int, not a string"),
            (["a", 1.5], [:], "argument 'times' of echo must be an int, not a float"),
            (["a"], ["wait": "soon"], "argument 'wait' of echo must be a duration (such as 30s) or a number of seconds, not a string"),
            (["a"], ["wait": -1], "argument 'wait' of echo must be a duration (such as 30s) or a number of seconds, not an int"),
            (["a"], ["tags": [1]], "argument 'tags' of echo must be a string or a list of strings, not a list"),
            ([nil], [:], "argument 'text' of echo must be a string, not null"),
        ]

        @Test(arguments: bindingErrors)
        func argumentsThatDoNotFitAreNamed(positional: [Value], named: Value, message: String) {
            #expect {
                _ = try Self.echo.bind(positional: positional, named: named.mapValue ?? ValueMap())
            } throws: { error in
                (error as? BindingError)?.description == message
            }
        }

        @Test func autoJSONFlagsAreDroppedForCommandsThatDoNotTakeThem() throws {
            let bound = try Self.echo.bind(positional: ["a"], named: ValueMap([("json_output", true)]), autoJSONFlags: ["json", "json_output"])
            #expect(Value.map(bound) == ["text": "a"])
            let open = CommandSpec("plugin", summary: "", acceptsOtherArguments: true) { _ in .success() }
            #expect(Value.map(try open.bind(positional: [], named: ValueMap([("json", true), ("any", 1)]))) == ["json": true, "any": 1])
        }

        static let coercions: [(ParameterType, Value, Value?)] = [
            (.string, "s", "s"), (.string, 1, nil), (.int, 3, 3), (.int, 3.0, 3), (.int, 3.5, nil), (.number, 2.5, 2.5),
            (.number, "2", nil), (.bool, true, true), (.bool, 1, nil), (.duration, 2, .duration(.seconds(2))),
            (.duration, "5m", .duration(.seconds(300))), (.duration, -2, nil), (.list, [1], [1]), (.map, ["a": 1], ["a": 1]),
            (.strings, "a", ["a"]), (.strings, ["a", "b"], ["a", "b"]), (.strings, ["a", 1], nil),
            (.shellCommand, "ls -l", "ls -l"), (.shellCommand, ["ls", "-l"], ["ls", "-l"]), (.shellCommand, [], nil),
            (.shellCommand, ["ls", 1], nil), (.any, nil, nil as Value),
            (.int, 1e300, nil), (.duration, 1e20, nil), (.duration, 1.5, .duration(.milliseconds(1500))),
        ]

        @Test(arguments: coercions)
        func parameterTypesConvertWhatFits(type: ParameterType, value: Value, expected: Value?) {
            #expect(type.coerce(value) == expected)
        }

        // MARK: - Running

        @Test func anUnknownCommandIsAnErrorWithASuggestion() async throws {
            let (executor, _) = Self.executor(.standard)
            let results = await executor.run([BatchTask(command: "prnt"), BatchTask(command: "deploy")])
            #expect(Support.statuses(results) == ["error", "error"])
            #expect(results[0].error == "unknown command 'prnt' (did you mean 'print'?)")
            #expect(results[1].error == "unknown command 'deploy'")
        }

        @Test func aCommandNeedingACapabilityTheHostDeniesIsAnError() async throws {
            var registry = CommandRegistry.standard
            registry.capabilities = .none
            let (executor, _) = Self.executor(registry)
            let results = await executor.run([BatchTask(command: "run", arguments: [.positional("echo hi")]), BatchTask(command: "print", arguments: [.positional("ok")])])
            #expect(Support.statuses(results) == ["error", "success"])
            #expect(results[0].error == "'run' needs the 'process' capability, which this host does not grant")
        }

        @Test func printWritesItsArgumentsSeparatedBySpaces() async throws {
            let context = BatchContext(initialVars: ["name": "World"])
            let (executor, output) = Self.executor(.standard, context: context)
            let tasks = try Support.tasks(#"[{"command": "print", "args": {"values": ["Hello ${name}", 1, 2.5, null, [1, "a"], {"k": true}]}}]"#)
            var positional = BatchTask(command: "print", arguments: [.positional("plain"), .positional(["x": 1])])
            positional.storeAs = "printed"
            let results = await executor.run(tasks + [positional, BatchTask(command: "print")])
            #expect(output.stdout == "Hello World 1 2.5 null [1,\"a\"] {\"k\":true}\nplain {\"x\":1}\n\n")
            #expect(results.map(\.output) == [#"Hello World 1 2.5 null [1,"a"] {"k":true}"#, #"plain {"x":1}"#, ""])
            #expect(context.getVar("printed.output") == #"plain {"x":1}"#)
        }

        @Test func printValuesGivenByNameArePrintedToo() async throws {
            let (executor, output) = Self.executor(.standard)
            let results = await executor.run(try Support.tasks("""
                [{"command": "print", "args": {"values": "by name"}}, {"command": "print", "args": {"values": 42}}]
                """))
            #expect(Support.statuses(results) == ["success", "success"])
            #expect(output.stdout == "by name\n42\n")
        }

        @Test func failFailsWithItsMessage() async throws {
            let (executor, _) = Self.executor(.standard)
            let results = await executor.run([BatchTask(command: "fail", arguments: [.positional("build is red")]), BatchTask(command: "fail")])
            #expect(Support.statuses(results) == ["failure", "failure"])
            #expect(results.map(\.error) == ["build is red", "failed"])
        }

        @Test func sleepTakesADurationOrSeconds() async throws {
            let (executor, _) = Self.executor(.standard)
            let results = await executor.run([
                BatchTask(command: "sleep", arguments: [.positional(0)]),
                BatchTask(command: "sleep", arguments: [.positional("0ms")]),
                BatchTask(command: "sleep", arguments: [.positional("later")]),
            ])
            #expect(Support.statuses(results) == ["success", "success", "error"])
            #expect(results[2].error == "argument 'duration' of sleep must be a duration (such as 30s) or a number of seconds, not a string")
        }

        @Test func aHostCommandReceivesItsArgumentsAndTheTask() async throws {
            var registry = CommandRegistry.standard
            registry.register(CommandSpec("deploy", summary: "deploys", parameters: [
                ParameterSpec("env", .string, required: true, positional: true),
                ParameterSpec("json_output", .bool),
            ]) { call in
                call.print("deploying to \(call.string("env") ?? "?")")
                return .success(output: ["env": .string(call.string("env") ?? ""), "id": .string(call.task.id),
                                         "json": .bool(call.bool("json_output")), "attempt": .int(call.task.attempt)])
            })
            var table = AutoJSONTable.standard
            table["deploy"] = "json_output"
            let (executor, output) = Self.executor(registry)
            executor.configuration.autoJSON = table
            let context = executor.context
            let results = await executor.run(try Support.tasks(#"[{"command": "deploy", "args": {"env": "prod"}, "store_as": "d"}]"#))
            #expect(results[0].output == ["env": "prod", "id": "task:0:deploy", "json": true, "attempt": 1])
            #expect(output.stdout == "deploying to prod\n")
            #expect(context.getVar("d.env") == "prod")
        }

        @Test func aThrowingHostCommandIsAFailure() async throws {
            struct Refused: Error, CustomStringConvertible { var description: String { "the server said no" } }
            var registry = CommandRegistry.standard
            registry.register(CommandSpec("push", summary: "") { _ in throw Refused() })
            registry.register(CommandSpec("stop", summary: "") { _ in throw CancellationError() })
            let (executor, _) = Self.executor(registry)
            let results = await executor.run([BatchTask(command: "push"), BatchTask(command: "stop")])
            #expect(Support.statuses(results) == ["failure", "failure"])
            #expect(results.map(\.error) == ["the server said no", "cancelled"])
        }
    }
}
