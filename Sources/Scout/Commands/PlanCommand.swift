/// `plan`: the steps of a plan, read from a file or given as text, for `extract steps` to run
/// as a sub-batch.
///
/// Output: `{steps: [...], file}`. A `.json` file holds a list of steps or an object with
/// `steps` (a list, or Markdown text); its steps are kept as they are (task objects such as
/// `{"command": "run", "args": {"cmd": "make"}}`, or strings). Any other file, and `prompt`,
/// is Markdown: each item of a numbered or checkbox list becomes `{description, done}`, and
/// `extract steps` runs the item's first `code span` (a checked box is already done).
/// `file` is the path as given, or null for a prompt.
enum PlanCommand {
    static let spec = CommandSpec(
        "plan", summary: "reads the steps of a plan from a Markdown or JSON file (or prompt text); extract steps runs them",
        parameters: [
            ParameterSpec("file", .string, positional: true, summary: "the plan: a .json file (a list of steps, or {\"steps\": [...]}), else Markdown"),
            ParameterSpec("prompt", .string, summary: "the plan as Markdown text, instead of a file"),
            ParameterSpec("structured", .bool, summary: "ask for the auto-JSON flag without extracting steps (the output is always structured)"),
            ParameterSpec("json_output", .bool, summary: "structured output (always on; accepted for the auto-JSON flag)"),
        ],
        capability: .fileSystem, origin: "built-in", body: run)

    static func run(_ call: CommandCall) async throws -> TaskResult {
        switch (call.string("file"), call.string("prompt")) {
        case (nil, nil):
            return .error("plan needs a file or a prompt")
        case (.some, .some):
            return .error("plan takes a file or a prompt, not both")
        case (nil, let text?):
            return .success(output: output(markdownSteps(text), file: nil))
        case (let path?, nil):
            let text: String
            do { text = try LocalFile.readText(call.task.path(path)) } catch {
                return .failure("cannot read the plan: \(error.description)")
            }
            guard path.lowercased().hasSuffix(".json") else {
                return .success(output: output(markdownSteps(text), file: path))
            }
            let document: Value
            do { document = try JSONParser.parse(text) } catch {
                return .failure("\(path): invalid JSON: \(error)")
            }
            guard let steps = jsonSteps(document) else {
                return .failure("\(path): a JSON plan is a list of steps or an object with \"steps\", not \(Operators.article(document))")
            }
            return .success(output: output(steps, file: path))
        }
    }

    static func output(_ steps: [Value], file: String?) -> Value {
        .map(ValueMap([("steps", .list(steps)), ("file", file.map(Value.string) ?? .null)]))
    }

    /// `{description, done}` for each item of the Markdown's numbered and checkbox lists.
    static func markdownSteps(_ text: String) -> [Value] {
        StepExtractor.markdownItems(text).map { item in
            .map(ValueMap([("description", .string(item.text)), ("done", .bool(item.checked))]))
        }
    }

    /// The steps of a JSON plan: the list itself, or the object's `steps`; nil when there are none.
    static func jsonSteps(_ document: Value) -> [Value]? {
        switch document {
        case .list(let steps):
            return steps
        case .map(let m):
            if case .list(let steps)? = m["steps"] { return steps }
            if case .string(let markdown)? = m["steps"] { return markdownSteps(markdown) }
            return nil
        default:
            return nil
        }
    }
}
