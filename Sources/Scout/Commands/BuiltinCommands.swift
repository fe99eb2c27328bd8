/// The commands every script has: `run`, `service`, `print`, `sleep`, `fail`, the git commands and `plan`.
enum BuiltinCommands {
    static let all: [CommandSpec] = [
        RunCommand.spec, ServiceCommand.spec, print, sleep, fail,
        GitStatusCommand.spec, GitBranchCommand.spec, GitDiffCommand.spec, GitLogCommand.spec, PlanCommand.spec,
    ]

    static let print = CommandSpec(
        "print", summary: "writes its arguments to stdout, separated by spaces: strings as they are, other values as JSON",
        parameters: [ParameterSpec("values", .any, variadic: true, summary: "what to print")], origin: "built-in"
    ) { call in
        let values = call["values"]?.listValue ?? []
        let line = values.map(\.description).joined(separator: " ")
        call.print(line)
        return .success(output: .string(line))
    }

    static let sleep = CommandSpec(
        "sleep", summary: "waits for a duration (such as 250ms or 2s) or a number of seconds",
        parameters: [ParameterSpec("duration", .duration, required: true, positional: true, summary: "how long")], origin: "built-in"
    ) { call in
        // A wait past what the clock's deadline arithmetic holds would trap: 292 years is as long.
        let d = min(call.duration("duration") ?? .zero, .seconds(9_200_000_000))
        try await Task.sleep(for: d)
        return .success(output: .null)
    }

    /// In JSON task lists and sub-batches, a task that fails. In a script `fail` is the
    /// statement that ends the run as a failure, so scripts cannot call this command.
    static let fail = CommandSpec(
        "fail", summary: "fails the task with a message (JSON task lists; in a script, the fail statement ends the run)",
        parameters: [ParameterSpec("message", .string, positional: true, summary: "why")], origin: "built-in"
    ) { call in
        .failure(call.string("message") ?? "failed")
    }
}
