/// `service`: starts a process that runs in the background for the rest of the block it is
/// written in (a test server, a database), waits until it is ready, and leaves it running;
/// the block's end stops it (``ServiceGroup``).
enum ServiceCommand {
    static let spec = CommandSpec(
        "service", summary: "starts a background process for the rest of its block, waits until it is ready; the block's end stops it",
        parameters: [
            ParameterSpec("cmd", .shellCommand, required: true, positional: true, summary: "the command line, or an argv list"),
            ParameterSpec("ready_port", .int, summary: "ready when this TCP port accepts a connection"),
            ParameterSpec("ready_host", .string, summary: "the host of ready_port (default 127.0.0.1)"),
            ParameterSpec("ready_url", .string, summary: "ready when this http:// URL answers a GET with 2xx or 3xx"),
            ParameterSpec("ready_cmd", .shellCommand, summary: "ready when this command exits with 0 (run again until it does)"),
            ParameterSpec("ready_timeout", .duration, summary: "how long to wait for it to be ready (default 30s)"),
            ParameterSpec("cwd", .string, summary: "the working directory"),
            ParameterSpec("env", .map, summary: "environment variables to set"),
            ParameterSpec("quiet", .bool, summary: "keep its output in the result without showing it"),
        ],
        capability: .process, origin: "built-in", body: run)

    /// How long a service may take to be ready when `ready_timeout` is not given.
    static let defaultReadyTimeout: Duration = .seconds(30)
    /// The wait between two readiness checks.
    static let pollInterval: Duration = .milliseconds(50)

    /// What "ready" means for a service.
    enum Readiness: Sendable {
        case started
        case port(host: String, port: Int)
        case url(String)
        case command(ProcessSpec.Program)

        var description: String {
            switch self {
            case .started: return "started"
            case .port(let host, let port): return "\(host):\(port) accepting connections"
            case .url(let url): return "\(url) answering"
            case .command: return "ready_cmd succeeding"
            }
        }
    }

    static func run(_ call: CommandCall) async throws -> TaskResult {
        guard let group = ServiceGroup.current else {
            return .error("service runs only as a statement of a script, where the end of its block stops it")
        }
        let program: ProcessSpec.Program
        switch call["cmd"] {
        case .string(let line)?: program = .shell(line)
        case .list(let argv)?: program = .argv(argv.map(\.description))
        default: return .error("service needs a command")
        }
        let readiness: Readiness
        switch readinessResult(call) {
        case .success(let r): readiness = r
        case .failure(let message): return .error(message.text)
        }
        var env: [String: String] = [:]
        if case .map(let m)? = call["env"] {
            for (k, v) in m { env[k] = v.description }
        }
        let cwd = call.string("cwd")
        let spec = ProcessSpec(program: program, workingDirectory: cwd, environmentOverrides: env, captureLimit: call.task.captureLimit)
        let label = call.task.task.label ?? name(of: program)
        let outputKey = call.task.id + ":service"
        let output = call.task.output
        let quiet = call.bool("quiet")
        let started = MonotonicTime.now()
        let process: BackgroundProcess
        do {
            process = try ProcessSupervisor.shared.start(spec) { stream, bytes in
                if !quiet { output.writeService(bytes, stream: stream, key: outputKey, label: label) }
            }
        } catch {
            return .error(error.description)
        }
        let timeout = call.duration("ready_timeout") ?? defaultReadyTimeout
        let deadline = MonotonicTime.deadline(after: timeout, from: started)
        var problem: String?
        while true {
            if let ended = process.outcomeIfEnded {
                problem = "\(label) ended before it was ready: \(ended.status)"
                break
            }
            let remaining = Duration.nanoseconds(max(deadline - MonotonicTime.now(), 1_000_000))
            if await isReady(readiness, within: min(remaining, .seconds(5)), cwd: cwd, env: env) {
                if let ended = process.outcomeIfEnded {
                    problem = "\(label) ended before it was ready: \(ended.status)"
                }
                break
            }
            if Task.isCancelled {
                problem = "cancelled"
                break
            }
            if MonotonicTime.now() >= deadline {
                problem = "\(label) was not ready after \(Value.formatDuration(timeout)) (waiting for \(readiness.description))"
                break
            }
            try? await Task.sleep(for: pollInterval)
        }
        if let problem {
            let outcome = await process.stop()
            output.finish(taskId: outputKey)
            let stdout = RunCommand.text(outcome.stdout, dropped: outcome.stdoutDroppedBytes)
            let stderr = RunCommand.text(outcome.stderr, dropped: outcome.stderrDroppedBytes)
            var r = TaskResult(status: .failure, error: problem + RunCommand.lastLine(stderr.isEmpty ? stdout : stderr, secrets: call.task.secrets), stdout: stdout, stderr: stderr)
            if case .exited(let code) = outcome.status { r.exitCode = Int(code) }
            return r
        }
        let readyMs = Int((MonotonicTime.now() - started) / 1_000_000)
        group.add(ServiceGroup.Entry(process: process, outputKey: outputKey, output: output, storedAs: call.task.task.storeAs, scope: call.task.scope))
        return .success(output: .map(ValueMap([
            ("pid", .int(Int(process.pid))), ("ready_ms", .int(readyMs)), ("running", .bool(true)),
        ])))
    }

    /// A message for a readiness argument that cannot work.
    struct Message: Error {
        var text: String
    }

    /// The one readiness check the arguments ask for.
    static func readinessResult(_ call: CommandCall) -> Result<Readiness, Message> {
        let given = ["ready_port", "ready_url", "ready_cmd"].filter { call[$0] != nil && call[$0] != .null }
        if given.count > 1 {
            return .failure(Message(text: "service takes one of ready_port, ready_url and ready_cmd, not \(given.joined(separator: " and "))"))
        }
        if call["ready_host"] != nil, given != ["ready_port"] {
            return .failure(Message(text: "ready_host goes with ready_port"))
        }
        if let port = call["ready_port"]?.intValue {
            guard (1...65535).contains(port) else { return .failure(Message(text: "ready_port must be between 1 and 65535, not \(port)")) }
            return .success(.port(host: call.string("ready_host") ?? "127.0.0.1", port: port))
        }
        if let url = call.string("ready_url") {
            guard TCPProbe.parseURL(url) != nil else {
                let hint = url.hasPrefix("https://") ? " (for https, use ready_cmd: \"curl -fsS \(url)\")" : ""
                return .failure(Message(text: "ready_url must be an http://host[:port]/path URL, not \(url)\(hint)"))
            }
            return .success(.url(url))
        }
        switch call["ready_cmd"] {
        case .string(let line)?: return .success(.command(.shell(line)))
        case .list(let argv)?: return .success(.command(.argv(argv.map(\.description))))
        default: return .success(.started)
        }
    }

    /// One readiness check.
    static func isReady(_ readiness: Readiness, within limit: Duration, cwd: String?, env: [String: String]) async -> Bool {
        switch readiness {
        case .started:
            return true
        case .port(let host, let port):
            return await TCPProbe.accepts(host: host, port: port, timeout: min(limit, .seconds(1)))
        case .url(let url):
            guard let code = await TCPProbe.httpStatus(url, timeout: min(limit, .seconds(2))) else { return false }
            return (200..<400).contains(code)
        case .command(let program):
            let spec = ProcessSpec(program: program, workingDirectory: cwd, environmentOverrides: env, timeout: limit, captureLimit: 64 << 10)
            guard let outcome = try? await ProcessSupervisor.shared.run(spec) else { return false }
            return outcome.succeeded
        }
    }

    /// A label for a service not stored under a name: its program's name.
    static func name(of program: ProcessSpec.Program) -> String {
        let word: String
        switch program {
        case .shell(let line): word = line.split(separator: " ").first.map(String.init) ?? "service"
        case .argv(let argv): word = argv.first ?? "service"
        }
        return word.split(separator: "/").last.map(String.init) ?? word
    }
}
