/// A ``RunnerSpec`` from what a script wrote (`use ssh(hosts: [...])`, `on slurm(cpus: 2)`,
/// `on "local"`, a JSON task's `"runner"`) or from `--runner`.
extension RunnerSpec {
    /// The settings each runner takes, as written in a script.
    package static let settingNames: [String: [String]] = [
        "local": [],
        "ssh": ["hosts", "per_host", "config", "options", "max_host_failures", "workdir"],
        "slurm": ["partition", "cpus", "mem", "time", "flags", "array"],
    ]

    /// The runner `kind` with `settings` (positional arguments of `ssh(...)` are hosts).
    package init(kind: String, settings: ValueMap, positional: [Value] = []) throws(RunnerSpecError) {
        guard let names = RunnerSpec.settingNames[kind] else {
            let hint = Suggestion.closest(to: kind, in: RunnerSpec.kinds).map { " (did you mean '\($0)'?)" } ?? ""
            throw RunnerSpecError("there is no runner '\(kind)'\(hint): the runners are local, ssh and slurm")
        }
        for (key, _) in settings where !names.contains(key) {
            let hint = Suggestion.closest(to: key, in: names).map { "did you mean '\($0)'? " } ?? ""
            throw RunnerSpecError("the \(kind) runner has no setting '\(key)' (\(hint)its settings: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
        }
        switch kind {
        case "ssh":
            var hosts = try RunnerSpec.strings(settings["hosts"], "hosts", of: kind)
            for p in positional { hosts += try RunnerSpec.strings(p, "hosts", of: kind) }
            guard !hosts.isEmpty else { throw RunnerSpecError("the ssh runner needs hosts, such as ssh(hosts: [\"node1\", \"node2\"])") }
            var s = SSHSettings(hosts: hosts)
            if let v = settings["per_host"] { s.perHost = try RunnerSpec.count(v, "per_host", of: kind) }
            if let v = settings["config"] { s.configFile = try RunnerSpec.string(v, "config", of: kind) }
            if let v = settings["options"] { s.options = try RunnerSpec.strings(v, "options", of: kind) }
            if let v = settings["max_host_failures"] { s.maxHostFailures = try RunnerSpec.count(v, "max_host_failures", of: kind) }
            if let v = settings["workdir"] { s.workdir = try RunnerSpec.string(v, "workdir", of: kind) }
            self = .ssh(s)
        case "slurm":
            guard positional.count <= 1 else { throw RunnerSpecError("slurm(...) takes its settings by name, such as slurm(partition: \"debug\", cpus: 2)") }
            var s = SlurmSettings()
            if let v = settings["partition"] ?? positional.first { s.partition = try RunnerSpec.string(v, "partition", of: kind) }
            if let v = settings["cpus"] { s.cpus = try RunnerSpec.count(v, "cpus", of: kind) }
            if let v = settings["mem"] {
                if let n = v.intValue, n > 0 { s.memory = "\(n)M" } else { s.memory = try RunnerSpec.string(v, "mem", of: kind) }
            }
            if let v = settings["time"] {
                guard let d = TaskList.duration(v), d > .zero else { throw RunnerSpecError("the slurm runner's time must be a duration such as 10m, not \(v.jsonText())") }
                s.time = d
            }
            if let v = settings["flags"] { s.flags = try RunnerSpec.strings(v, "flags", of: kind) }
            if let v = settings["array"] {
                guard case .bool(let b) = v else { throw RunnerSpecError("the slurm runner's array must be true or false, not \(v.jsonText())") }
                s.array = b
            }
            self = .slurm(s)
        default:
            guard positional.isEmpty else { throw RunnerSpecError("the local runner takes no settings") }
            self = .local
        }
    }

    /// A runner from a value: `"local"`, `"slurm"`, or a map with `runner` and the settings.
    package init(_ value: Value) throws(RunnerSpecError) {
        switch value {
        case .string(let kind):
            try self.init(kind: kind, settings: ValueMap())
        case .map(let map):
            guard let kind = map["runner"]?.stringValue else {
                throw RunnerSpecError("a runner written as a map needs \"runner\": \"local\", \"ssh\" or \"slurm\"")
            }
            var settings = map
            settings["runner"] = nil
            try self.init(kind: kind, settings: settings)
        default:
            throw RunnerSpecError("a runner is local, ssh(hosts: [...]) or slurm(...), not \(value.jsonText())")
        }
    }

    /// A runner from `--runner`: `local`, `ssh:node1,node2`, `slurm`, `slurm:PARTITION`.
    package init(commandLine text: String) throws(RunnerSpecError) {
        let kind = String(text.prefix { $0 != ":" })
        let rest = text.count > kind.count ? String(text.dropFirst(kind.count + 1)) : nil
        switch kind {
        case "ssh":
            let hosts = (rest ?? "").split(separator: ",").map(String.init)
            guard !hosts.isEmpty else { throw RunnerSpecError("--runner ssh needs its hosts: --runner ssh:node1,node2") }
            self = .ssh(SSHSettings(hosts: hosts))
        case "slurm":
            self = .slurm(SlurmSettings(partition: rest.flatMap { $0.isEmpty ? nil : $0 }))
        case "local" where rest == nil:
            self = .local
        default:
            throw RunnerSpecError("--runner takes local, ssh:HOST,HOST or slurm[:PARTITION], not '\(text)'")
        }
    }

    /// The runner as a value (what `on` and `use` take, and JSON shows).
    package var value: Value {
        switch self {
        case .local:
            return .string("local")
        case .ssh(let s):
            var map = ValueMap([("runner", .string("ssh")), ("hosts", .list(s.hosts.map(Value.string))), ("per_host", .int(s.perHost))])
            if let c = s.configFile { map["config"] = .string(c) }
            if !s.options.isEmpty { map["options"] = .list(s.options.map(Value.string)) }
            if let w = s.workdir { map["workdir"] = .string(w) }
            return .map(map)
        case .slurm(let s):
            var map = ValueMap([("runner", .string("slurm"))])
            if let p = s.partition { map["partition"] = .string(p) }
            if let c = s.cpus { map["cpus"] = .int(c) }
            if let m = s.memory { map["mem"] = .string(m) }
            if let t = s.time { map["time"] = .duration(t) }
            if !s.flags.isEmpty { map["flags"] = .list(s.flags.map(Value.string)) }
            if s.array { map["array"] = .bool(true) }
            return .map(map)
        }
    }

    private static func string(_ v: Value, _ name: String, of kind: String) throws(RunnerSpecError) -> String {
        guard case .string(let s) = v, !s.isEmpty else { throw RunnerSpecError("the \(kind) runner's \(name) must be a string, not \(v.jsonText())") }
        return s
    }

    private static func strings(_ v: Value?, _ name: String, of kind: String) throws(RunnerSpecError) -> [String] {
        switch v {
        case nil: return []
        case .string(let s)?: return [s]
        case .list(let items)?:
            var out: [String] = []
            for item in items { out.append(try string(item, name, of: kind)) }
            return out
        case let other?: throw RunnerSpecError("the \(kind) runner's \(name) must be a list of strings, not \(other.jsonText())")
        }
    }

    private static func count(_ v: Value, _ name: String, of kind: String) throws(RunnerSpecError) -> Int {
        guard let n = v.intValue, n >= 1 else { throw RunnerSpecError("the \(kind) runner's \(name) must be a whole number of at least 1, not \(v.jsonText())") }
        return n
    }
}
