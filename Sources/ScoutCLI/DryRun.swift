import Scout

/// `--dry-run`: every command is replaced by one that prints what would run, with its
/// arguments evaluated, and succeeds. Conditions are decided as if every task succeeded;
/// `let`, `if` and `for` run as usual, so the plan follows the script's logic.
enum DryRun {
    /// A registry whose commands (and plugins) only say what they would do.
    static func registry(from base: CommandRegistry, screen: TerminalScreen) -> CommandRegistry {
        var dry = CommandRegistry(base.all.map { dryCommand($0, screen: screen) }, capabilities: base.capabilities)
        if let fallback = base.fallback {
            dry.fallback = { name in fallback(name).map { dryCommand($0, screen: screen) } }
        }
        return dry
    }

    static func dryCommand(_ spec: CommandSpec, screen: TerminalScreen) -> CommandSpec {
        var copy = spec
        copy.body = { call in
            screen.write(Array((describe(call, spec) + "\n").utf8)[...], to: .stdout)
            return .success()
        }
        return copy
    }

    /// `would run: lint: run npm run lint cwd: "src"`: positional parameters as their
    /// values (an argv list as quoted words), the others as `name: value`.
    static func describe(_ call: CommandCall, _ spec: CommandSpec) -> String {
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
        let label = call.task.task.label.map { "\($0): " } ?? ""
        return "would run: " + label + words.joined(separator: " ")
    }
}
