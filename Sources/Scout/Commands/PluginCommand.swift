/// A plugin as a command: a task calling `NAME` runs the executable `scout-NAME` found on
/// `PATH` (see ``PluginLocator``), without a shell.
///
/// The argv is the plugin's full path, then the positional arguments as words (a string as
/// it is, a list as one word per element, null as an empty word, anything else as JSON),
/// then each named argument in the order written as `--key value`, the key's underscores
/// turned into dashes: `true` is a bare `--key`, `false` and null are left out, a list
/// repeats `--key` for each element, a map is one word of JSON. So the auto-JSON flag of a
/// command in the table arrives as `--json` or `--json-output`.
///
/// Like `run`, the plugin's stdout and stderr are streamed as the task's output and kept in
/// the result with its exit code. Stdout that is a JSON object or array becomes structured
/// `output`; after an auto-JSON flag it must be JSON, or the task fails.
enum PluginCommand {
    /// The command for the plugin at `path`, called `name`.
    static func spec(name: String, path: String) -> CommandSpec {
        CommandSpec(
            name, summary: "a plugin: runs \(path)",
            parameters: [ParameterSpec("arguments", .any, variadic: true, summary: "words passed to the plugin, in order")],
            acceptsOtherArguments: true, capability: .process, origin: "plugin \(path)"
        ) { call in
            try await run(call, path: path)
        }
    }

    static func run(_ call: CommandCall, path: String) async throws -> TaskResult {
        let task = call.task
        let spec = ProcessSpec(program: .argv(argv(path: path, positional: task.positional, named: task.args)),
                               workingDirectory: task.workingDirectory, environmentOverrides: task.environment)
        let output = task.output
        let id = task.id
        let label = task.outputLabel
        let outcome: ProcessOutcome
        do {
            outcome = try await ProcessSupervisor.shared.run(spec) { stream, bytes in
                output.write(bytes, stream: stream, taskId: id, label: label)
            }
        } catch {
            return .error(error.description)
        }
        let strictJSON = task.args["json"] == .bool(true) || task.args["json_output"] == .bool(true)
        return result(outcome, program: String(path.split(separator: "/").last ?? Substring(path)), strictJSON: strictJSON, secrets: task.secrets)
    }

    /// The plugin's argv: `path`, the positional words, then the named arguments as flags.
    static func argv(path: String, positional: [Value], named: ValueMap) -> [String] {
        var words = [path]
        for value in positional {
            if case .list(let elements) = value { words += elements.map(word) } else { words.append(word(value)) }
        }
        for (key, value) in named {
            let flag = "--" + String(key.map { $0 == "_" ? "-" : $0 })
            switch value {
            case .bool(true): words.append(flag)
            case .bool(false), .null: break
            case .list(let elements): for element in elements { words += [flag, word(element)] }
            case .map: words += [flag, value.jsonText()]
            default: words += [flag, word(value)]
            }
        }
        return words
    }

    /// One value as one argv word: a string as it is, null as "", anything else as JSON
    /// (a duration as written, such as `2s`).
    static func word(_ value: Value) -> String {
        value == .null ? "" : value.description
    }

    /// The task's result: like `run`'s, with failures that name the plugin.
    static func result(_ outcome: ProcessOutcome, program: String, strictJSON: Bool, secrets: SecretMask = SecretMask()) -> TaskResult {
        let stdout = RunCommand.text(outcome.stdout, dropped: outcome.stdoutDroppedBytes)
        let stderr = RunCommand.text(outcome.stderr, dropped: outcome.stderrDroppedBytes)
        let trimmed = stdout.trimmingSpaces()
        var r = TaskResult(status: .success, output: .string(trimmed), stdout: stdout, stderr: stderr)
        var jsonError: String?
        if outcome.stdoutDroppedBytes > 0 {
            jsonError = "plugin printed more output than can be parsed as JSON (\(outcome.stdoutDroppedBytes) bytes were not kept)"
        } else if strictJSON || trimmed.first == "{" || trimmed.first == "[" {
            do { r.output = try JSONParser.parse(trimmed) } catch {
                jsonError = "plugin printed invalid JSON: " + (trimmed.isEmpty ? "no output" : "\(error)")
            }
        }
        switch outcome.status {
        case .exited(let code): r.exitCode = Int(code)
        case .signaled(let signal): r.exitCode = 128 + Int(signal)
        }
        if outcome.cancelled {
            r.status = .failure
            r.error = "cancelled"
        } else if case .signaled = outcome.status {
            r.status = .failure
            r.error = "\(program) was \(outcome.status.description)"
        } else if !outcome.succeeded {
            r.status = .failure
            r.error = "\(program) failed with \(outcome.status.description)" + RunCommand.lastLine(stderr, secrets: secrets)
        } else if strictJSON, let jsonError {
            r.status = .failure
            r.error = jsonError
        }
        return r
    }
}
