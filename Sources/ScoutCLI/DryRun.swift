import Scout

/// `--dry-run`: every command is replaced by one that prints what would run, with its
/// arguments evaluated, and runs nothing. Its result is unknown (``Value/unknown`` in every
/// field running it would decide), so a condition that reads it is undecided: the task is
/// shown with that condition (`would run (if lint.ok): ...`), both plans of an `if` are
/// shown, and nothing stops on it. `let`, `for` and conditions on variables run as usual.
final class DryRun: Sendable {
    let screen: TerminalScreen
    private let count = SanitizerVisibleMutex(0)

    init(screen: TerminalScreen) { self.screen = screen }

    /// How many tasks would have run.
    var wouldRun: Int { count.withLock { $0 } }

    /// Writes a line of the plan to stdout.
    func show(_ line: String) {
        _ = screen.write(Array((line + "\n").utf8)[...], to: .stdout)
    }

    /// Sets an executor configuration for the dry run: plan lines go to stdout, and tasks
    /// that would run at once are shown one at a time, in order.
    func configure(_ configuration: inout ExecutorConfiguration) {
        configuration.dryRunPlan = { [self] line in show(line) }
        configuration.maxConcurrency = 1
    }

    /// A registry whose commands (and plugins) only say what they would do.
    func registry(from base: CommandRegistry) -> CommandRegistry {
        var dry = CommandRegistry(base.all.map(dryCommand), capabilities: base.capabilities)
        if let fallback = base.fallback {
            dry.fallback = { [self] name in fallback(name).map(dryCommand) }
        }
        return dry
    }

    func dryCommand(_ spec: CommandSpec) -> CommandSpec {
        var copy = spec
        copy.body = { [self] call in
            count.withLock { $0 += 1 }
            show(DryRun.describe(call, spec, assumptions: PipelineExecutor.assumptions, parent: PipelineExecutor.parentTaskId))
            var result = TaskResult.success()
            result.notRun = true
            return result
        }
        return copy
    }

    /// `would run (if lint.ok): lint: run npm run lint cwd: "src"`: the undecided conditions
    /// it depends on, the task's name (or that of the task block or command it is a step of),
    /// then positional parameters as their values (an argv list as quoted words), the others
    /// as `name: value`.
    static func describe(_ call: CommandCall, _ spec: CommandSpec, assumptions: [String] = [], parent: String? = nil) -> String {
        var words = [call.task.command]
        let flags: Set<String> = ["json", "json_output"]
        for (key, value) in call.arguments where !(flags.contains(key) && value == .bool(true)) {
            let positional = spec.parameter(key)?.positional ?? false
            switch (positional, value) {
            case (true, .list(let items)) where spec.parameter(key)?.variadic == true:
                words += items.map(\.description)
            case (true, .list(let items)):
                words.append(items.map { ShellQuote.quote($0.description) }.joined(separator: " "))
            case (true, _):
                words.append(value.description)
            default:
                words.append("\(key): \(value.jsonText())")
            }
        }
        // A parent's id is `task:<index>:<name>`.
        let parentName = parent?.split(separator: ":", maxSplits: 2).last.map(String.init)
        let label = (call.task.task.label ?? parentName).map { "\($0): " } ?? ""
        let conditions = assumptions.isEmpty ? "" : " (\(assumptions.joined(separator: ", ")))"
        let runner = spec.capability == .process && call.task.runnerSpec != .local ? " (on \(call.task.runnerSpec))" : ""
        return "would run\(conditions): " + label + words.joined(separator: " ") + runner
    }
}
