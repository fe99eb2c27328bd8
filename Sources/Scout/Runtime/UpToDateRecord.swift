/// What the up-to-date check keeps of a task's last successful run: a hash of its command and
/// arguments, a hash of each source file, and the result it had (masked, its output cut), so
/// that a task skipped as up to date still has a result to read.
struct UpToDateRecord: Sendable, Equatable {
    /// The hash of the command, its evaluated arguments and its `generates` patterns.
    var arguments: String
    /// Each source file, sorted by path, with the hash of its content.
    var files: [(path: String, hash: String)]
    /// The last run's exit code, output, stdout, stderr and duration.
    var exitCode: Int?
    var output: Value
    var stdout: String?
    var stderr: String?
    var durationMs: Int

    static func == (a: UpToDateRecord, b: UpToDateRecord) -> Bool {
        a.arguments == b.arguments && a.files.elementsEqual(b.files) { $0 == $1 } && a.exitCode == b.exitCode && a.output == b.output
            && a.stdout == b.stdout && a.stderr == b.stderr && a.durationMs == b.durationMs
    }

    /// The most of each output stream a record keeps (the last part).
    static let keptOutput = 64 * 1024

    /// Why a task whose state is `now` is not up to date against this record, or nil when it is.
    func staleness(against now: UpToDateRecord) -> String? {
        if arguments != now.arguments { return "its command or arguments changed" }
        var old = files[...]
        var new = now.files[...]
        while let a = old.first, let b = new.first {
            if a.path == b.path {
                if a.hash != b.hash { return "\(a.path) changed" }
                old = old.dropFirst()
                new = new.dropFirst()
            } else if a.path < b.path {
                return "\(a.path) was removed"
            } else {
                return "\(b.path) is new"
            }
        }
        if let a = old.first { return "\(a.path) was removed" }
        if let b = new.first { return "\(b.path) is new" }
        return nil
    }

    /// The record as JSON, with the task's key (for people reading the file).
    func json(key: String) -> String {
        var fileMap = ValueMap(minimumCapacity: files.count)
        for f in files { fileMap[f.path] = .string(f.hash) }
        let result: [(String, Value)] = [
            ("exit_code", exitCode.map(Value.int) ?? .null), ("output", output),
            ("stdout", stdout.map(Value.string) ?? .null), ("stderr", stderr.map(Value.string) ?? .null),
            ("duration_ms", .int(durationMs)),
        ]
        let value = Value.map(ValueMap(uniqueKeysWithValues: [
            ("version", .int(1)), ("task", .string(key)), ("arguments", .string(arguments)),
            ("files", .map(fileMap)), ("result", .map(ValueMap(uniqueKeysWithValues: result))),
        ]))
        return value.jsonText() + "\n"
    }

    /// A record read back from ``json(key:)``; nil for anything else (a file cut short, another version).
    init?(json bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes), let map = value.mapValue, map["version"] == .int(1),
              let arguments = map["arguments"]?.stringValue, let files = map["files"]?.mapValue,
              let result = map["result"]?.mapValue else { return nil }
        self.arguments = arguments
        var list: [(path: String, hash: String)] = []
        for (path, hash) in files {
            guard let h = hash.stringValue else { return nil }
            list.append((path, h))
        }
        self.files = list.sorted { $0.path < $1.path }
        self.exitCode = result["exit_code"]?.intValue
        self.output = result["output"] ?? .null
        self.stdout = result["stdout"]?.stringValue
        self.stderr = result["stderr"]?.stringValue
        self.durationMs = result["duration_ms"]?.intValue ?? 0
    }

    init(arguments: String, files: [(path: String, hash: String)], exitCode: Int? = nil, output: Value = .null,
         stdout: String? = nil, stderr: String? = nil, durationMs: Int = 0) {
        self.arguments = arguments
        self.files = files
        self.exitCode = exitCode
        self.output = output
        self.stdout = stdout
        self.stderr = stderr
        self.durationMs = durationMs
    }
}
