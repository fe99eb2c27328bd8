/// `run`: starts a process. A string runs under `/bin/sh -c` (its `${...}` were shell-quoted);
/// a list runs that argv with no shell.
enum RunCommand {
    static let spec = CommandSpec(
        "run", summary: "runs a command line under /bin/sh, or an argv list without a shell",
        parameters: [
            ParameterSpec("cmd", .shellCommand, required: true, positional: true, summary: "the command line, or an argv list"),
            ParameterSpec("cwd", .string, summary: "the working directory"),
            ParameterSpec("env", .map, summary: "environment variables to set"),
            ParameterSpec("stdin", .string, summary: "text to write to the command's standard input"),
            ParameterSpec("timeout", .duration, summary: "stop the command (its whole process group) after this long"),
            ParameterSpec("json", .bool, summary: "require JSON output: output that is not JSON fails the task"),
            ParameterSpec("json_output", .bool, summary: "parse stdout as JSON when it is a JSON object or array"),
            ParameterSpec("quiet", .bool, summary: "keep the output in the result without showing it"),
            ParameterSpec("upload", .strings, summary: "on an SSH host: files to copy there first (relative to the task's directory)"),
            ParameterSpec("download", .strings, summary: "on an SSH host: files to copy back afterwards (relative to the task's directory)"),
        ],
        capability: .process, origin: "built-in", body: run)

    static func run(_ call: CommandCall) async throws -> TaskResult {
        let program: ProcessSpec.Program
        switch call["cmd"] {
        case .string(let line)?: program = .shell(line)
        case .list(let argv)?: program = .argv(argv.map(\.description))
        default: return .error("run needs a command")
        }
        var env = call.task.environment
        if case .map(let m)? = call["env"] {
            for (k, v) in m { env[k] = v.description }
        }
        let timeout = call.duration("timeout")
        var spec = ProcessSpec(
            program: program, workingDirectory: call.workingDirectory, environmentOverrides: env,
            input: call.string("stdin").map { .bytes(Array($0.utf8)) } ?? .null,
            timeout: timeout, captureLimit: call.task.captureLimit)
        for (name, list) in [("upload", \ProcessSpec.uploads), ("download", \ProcessSpec.downloads)] as [(String, WritableKeyPath<ProcessSpec, [String]>)] {
            let paths: [String]
            switch call[name] {
            case .string(let one)?: paths = [one]
            case .list(let many)?: paths = many.map(\.description)
            default: paths = []
            }
            if let bad = paths.first(where: { $0.isEmpty || $0.hasPrefix("/") || $0.split(separator: "/").contains("..") }) {
                return .error("\(name): '\(bad)' must be a path inside the task's directory (relative, without ..)")
            }
            spec[keyPath: list] = paths
        }
        let output = call.task.output
        let id = call.task.id
        let label = call.task.outputLabel
        let outcome: ProcessOutcome
        let quiet = call.bool("quiet")
        do {
            outcome = try await call.task.runner.run(spec, label: call.task.task.label ?? call.task.ownName) { stream, bytes in
                if !quiet { output.write(bytes, stream: stream, taskId: id, label: label) }
            }
        } catch {
            return .error(error.description)
        }
        return result(outcome, strictJSON: call.bool("json"), parseJSON: call.bool("json") || call.bool("json_output"), timeout: timeout,
                      secrets: call.task.secrets)
    }

    static func result(_ outcome: ProcessOutcome, strictJSON: Bool, parseJSON: Bool, timeout: Duration?, secrets: SecretMask = SecretMask()) -> TaskResult {
        let stdout = text(outcome.stdout, dropped: outcome.stdoutDroppedBytes)
        let stderr = text(outcome.stderr, dropped: outcome.stderrDroppedBytes)
        let trimmed = stdout.trimmingSpaces()
        var output = Value.string(trimmed)
        var jsonError: String?
        // Auto-JSON parses objects and arrays only; `json: true` takes any JSON document.
        let looksStructured = trimmed.first == "{" || trimmed.first == "["
        if parseJSON, outcome.stdoutDroppedBytes == 0, looksStructured || (strictJSON && !trimmed.isEmpty) {
            do { output = try JSONParser.parse(trimmed) } catch {
                jsonError = looksStructured ? "output is not valid JSON: \(error)" : "output is not JSON"
            }
        } else if strictJSON {
            jsonError = outcome.stdoutDroppedBytes > 0 ? "output is too large to parse as JSON" : "output is not JSON"
        }
        var r = TaskResult(status: .success, output: output, stdout: stdout, stderr: stderr)
        switch outcome.status {
        case .exited(let code): r.exitCode = Int(code)
        case .signaled(let signal): r.exitCode = 128 + Int(signal)
        }
        if outcome.timedOut {
            r.status = .failure
            r.timedOut = true
            r.error = "timed out after \(timeout.map(Value.formatDuration) ?? "its time limit")"
        } else if outcome.cancelled {
            r.status = .failure
            r.error = "cancelled"
        } else if !outcome.succeeded {
            r.status = .failure
            r.error = outcome.status.description + lastLine(stderr, secrets: secrets)
        } else if strictJSON, let jsonError {
            r.status = .failure
            r.error = jsonError
        }
        return r
    }

    /// Bytes as text; when earlier bytes were dropped, the text says so first.
    static func text(_ bytes: [UInt8], dropped: Int) -> String {
        let body = String(decoding: bytes, as: UTF8.self)
        return dropped > 0 ? "[\(dropped) earlier bytes not kept]\n" + body : body
    }

    /// ": <last non-empty line of stderr>", or "".
    /// Secrets are masked before the line is cut, so no part of one shows.
    static func lastLine(_ stderr: String, secrets: SecretMask) -> String {
        guard let line = stderr.split(separator: "\n").last(where: { !$0.allSatisfy(\.isWhitespace) }) else { return "" }
        let text = secrets.mask(String(line).trimmingSpaces())
        return ": " + (text.count > 200 ? String(text.prefix(200)) + "..." : text)
    }
}
