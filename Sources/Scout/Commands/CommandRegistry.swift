/// The commands a run can use: the built-ins, the script's own, and the host's.
///
/// ```swift
/// var registry = CommandRegistry.standard
/// registry.register(CommandSpec("notify", summary: "posts a message") { call in .success() })
/// let executor = PipelineExecutor(context: context, taskRunner: registry.taskRunner())
/// ```
package struct CommandRegistry: Sendable {
    private var commands: [String: CommandSpec]
    /// What commands may touch.
    package var capabilities: Capabilities
    /// Looks up a command that is not registered (plugins on PATH); nil when there is none.
    package var fallback: (@Sendable (String) -> CommandSpec?)?

    /// A registry of the given commands.
    package init(_ commands: [CommandSpec] = [], capabilities: Capabilities = .all) {
        self.commands = Dictionary(commands.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.capabilities = capabilities
    }

    /// The built-in commands: `run`, `print`, `sleep`, `fail`, `git_status`, `git_branch`,
    /// `git_diff`, `git_log` and `plan`. No plugins: see ``withPlugins(_:)``.
    package static let standard = CommandRegistry(BuiltinCommands.all)

    /// This registry with plugins: a command it does not have runs `scout-NAME` from `PATH`
    /// when `locator` finds one. Plugins need ``Capability/process``.
    package func withPlugins(_ locator: PluginLocator = PluginLocator()) -> CommandRegistry {
        var registry = self
        registry.fallback = locator.fallback
        return registry
    }

    /// Adds or replaces a command.
    package mutating func register(_ command: CommandSpec) {
        commands[command.name] = command
    }

    /// Removes a command.
    package mutating func remove(_ name: String) {
        commands[name] = nil
    }

    /// The command called `name`: registered, or found by the fallback.
    package func spec(_ name: String) -> CommandSpec? {
        commands[name] ?? fallback?(name)
    }

    /// The names of the registered commands.
    package var names: [String] { commands.keys.sorted() }

    /// Every registered command, sorted by name.
    package var all: [CommandSpec] { commands.values.sorted { $0.name < $1.name } }

    /// True when argument (label, position) of `command` is a shell command line.
    package func isShellArgument(command: String, label: String?, position: Int) -> Bool {
        commands[command]?.isShellArgument(label: label, position: position) ?? false
    }

    /// A task runner that runs tasks with these commands.
    package func taskRunner(autoJSON: AutoJSONTable = .standard) -> PipelineExecutor.TaskRunner {
        let registry = self
        let flags = Set(autoJSON.flags.values)
        return { task, _ in await registry.run(task, autoJSONFlags: flags) }
    }

    /// Runs a resolved task: finds its command, checks the capability, binds the arguments
    /// and calls the body. An unknown command, a denied capability or arguments that do not
    /// fit are an `error` result; an error thrown by the body is a `failure`.
    package func run(_ task: ResolvedTask, autoJSONFlags: Set<String> = ["json", "json_output"]) async -> TaskResult {
        guard let command = spec(task.command) else {
            let hint = Suggestion.closest(to: task.command, in: names).map { " (did you mean '\($0)'?)" } ?? ""
            return .error("unknown command '\(task.command)'\(hint)")
        }
        if let needed = command.capability, !capabilities.contains(needed) {
            return .error(DiagnosticKind.capabilityDenied(capability: needed.rawValue, what: "'\(command.name)'").message)
        }
        let arguments: ValueMap
        do {
            arguments = try command.bind(positional: task.positional, named: task.args, autoJSONFlags: autoJSONFlags)
        } catch {
            return .error(error.description)
        }
        do {
            return try await command.body(CommandCall(arguments: arguments, task: task, capabilities: capabilities))
        } catch is CancellationError {
            return .failure("cancelled")
        } catch {
            return .failure(String(describing: error))
        }
    }
}
