/// One line of a run's journal: a finished task, its key and the result it had.
///
/// ```json
/// {"key":"ci.scout:12:3|f=a.c|5d186742e76d357a#1","label":"compile [f=a.c]","status":"success","exit_code":0,"duration_ms":812,"result":{...}}
/// ```
struct JournalEntry: Sendable {
    /// What identifies the task from one run of the script to the next (see ``TaskJournal``).
    var key: String
    /// How the task is shown.
    var label: String
    /// The result, its output cut to the last ``keptOutput`` bytes and masked.
    var result: TaskResult

    /// The most of each output stream an entry keeps.
    static let keptOutput = 64 * 1024

    /// The entry as one line of JSON, with its newline.
    func line() -> String {
        var fields: [(String, Value)] = [
            ("key", .string(key)), ("label", .string(label)), ("status", .string(result.status.rawValue)),
            ("exit_code", result.exitCode.map(Value.int) ?? .null), ("duration_ms", .int(result.durationMs)),
        ]
        var kept: [(String, Value)] = [
            ("output", result.output), ("error", result.error.map(Value.string) ?? .null),
            ("stdout", result.stdout.map(Value.string) ?? .null), ("stderr", result.stderr.map(Value.string) ?? .null),
            ("attempts", .int(result.attempts)), ("command", .string(result.command)), ("timed_out", .bool(result.timedOut)),
        ]
        if let name = result.name { kept.append(("name", .string(name))) }
        fields.append(("result", .map(ValueMap(uniqueKeysWithValues: kept))))
        return Value.map(ValueMap(uniqueKeysWithValues: fields)).jsonText() + "\n"
    }

    /// An entry read back from ``line()``; nil for a line that is not one (cut short by a crash).
    init?(line bytes: ArraySlice<UInt8>) {
        guard let value = try? JSONParser.parse(Array(bytes)), let map = value.mapValue,
              let key = map["key"]?.stringValue, let label = map["label"]?.stringValue,
              let status = map["status"]?.stringValue.flatMap(TaskStatus.init(rawValue:)),
              let kept = map["result"]?.mapValue else { return nil }
        self.key = key
        self.label = label
        var r = TaskResult(status: status, output: kept["output"] ?? .null, error: kept["error"]?.stringValue,
                           exitCode: map["exit_code"]?.intValue, stdout: kept["stdout"]?.stringValue,
                           stderr: kept["stderr"]?.stringValue, durationMs: map["duration_ms"]?.intValue ?? 0,
                           attempts: kept["attempts"]?.intValue ?? 1, command: kept["command"]?.stringValue ?? "",
                           name: kept["name"]?.stringValue, timedOut: kept["timed_out"] == .bool(true))
        r.resumed = true
        self.result = r
    }

    init(key: String, label: String, result: TaskResult, secrets: SecretMask) {
        func cut(_ text: String?) -> String? {
            guard let text else { return nil }
            let masked = secrets.mask(text)
            guard masked.utf8.count > JournalEntry.keptOutput else { return masked }
            return String(decoding: masked.utf8.suffix(JournalEntry.keptOutput), as: UTF8.self)
        }
        var r = result
        r.output = secrets.mask(result.output)
        if case .string(let s) = r.output { r.output = cut(s).map(Value.string) ?? .null }
        r.stdout = cut(result.stdout)
        r.stderr = cut(result.stderr)
        r.error = result.error.map(secrets.mask)
        self.key = key
        self.label = secrets.mask(label)
        self.result = r
    }
}
