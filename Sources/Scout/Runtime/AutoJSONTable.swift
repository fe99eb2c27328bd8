/// Commands that need structured output get a JSON flag injected into their arguments
/// (unless the task sets it): the guide's table, extendable by a host or a script.
///
/// ```swift
/// var table = AutoJSONTable.standard
/// table["deploy"] = "json"
/// ```
package struct AutoJSONTable: Sendable, Hashable {
    /// Command name to flag name (`json` or `json_output`).
    package private(set) var flags: [String: String]

    /// A table of the given entries.
    package init(_ flags: [String: String]) { self.flags = flags }

    /// The guide's table, with the commands its source lists beyond the excerpt.
    package static let standard = AutoJSONTable([
        "git_status": "json", "git_branch": "json", "git_diff": "json", "git_log": "json", "git_show": "json",
        "plan": "json_output", "lint": "json_output", "audit": "json_output", "run": "json_output",
        "nav": "json_output", "doc_sync": "json_output", "roast": "json_output", "query": "json_output",
        "ci_guard": "json_output", "brief": "json_output", "status": "json_output", "index": "json_output",
        "validate": "json_output",
    ])

    /// The flag for `command`, or nil.
    package subscript(command: String) -> String? {
        get { flags[command] }
        set { flags[command] = newValue }
    }

    /// The flag to inject for a task, or nil: none when the command is not in the table, and
    /// for `plan` only when the task asks for structured output (`structured: true`) or
    /// extracts steps.
    package func flag(for command: String, args: ValueMap, extractSteps: Bool) -> String? {
        guard let flag = flags[command] else { return nil }
        if command == "plan", !(extractSteps || args["structured"]?.isTruthy == true) { return nil }
        return flag
    }

    /// `args` with the flag set to `true`, unless the task already sets it.
    package func inject(into args: ValueMap, command: String, extractSteps: Bool) -> ValueMap {
        guard let flag = flag(for: command, args: args, extractSteps: extractSteps), args[flag] == nil else { return args }
        var out = args
        out[flag] = .bool(true)
        return out
    }
}
