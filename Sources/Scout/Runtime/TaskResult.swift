/// The result of one task, as `store as` keeps it and expressions read it
/// (`build.ok`, `build.output`, `build.exit_code`).
///
/// The fields most results leave empty (error, exit code, captured output, sub-batch,
/// timeout, skip reason) live in one shared box, so a result is small to keep: a run keeps
/// one per task. The name is kept apart from them: most named results have nothing else
/// in the box, and a name is short (held in place, with nothing allocated).
public struct TaskResult: Sendable, Equatable {
    /// How the task ended.
    public var status: TaskStatus
    /// Structured output (parsed JSON) when the command produced it, else its trimmed text.
    public var output: Value
    /// How long the task took, in milliseconds (all attempts and the waits between them).
    public var durationMs: Int
    /// How many times the command was started.
    public var attempts: Int
    /// The command name (or the task block's name).
    public var command: String
    /// The task's name: its `store as` name or its block name.
    public var name: String?
    private var details: DetailsBox?

    /// The fields most results leave empty.
    struct Details: Sendable, Equatable {
        var error: String?
        var exitCode: Int?
        var stdout: String?
        var stderr: String?
        var subBatch: Value?
        var timedOut = false
        var skipReason: String?
        var cancelled = false
        var diagnostic: Diagnostic?
        var notRun = false
        var upToDate = false
        var resumed = false
    }

    /// An immutable box: a change makes a new one, so copies of a result never share a change.
    final class DetailsBox: Sendable {
        let value: Details
        init(_ value: Details) { self.value = value }
    }

    private mutating func change(_ body: (inout Details) -> Void) {
        var d = details?.value ?? Details()
        body(&d)
        details = d == Details() ? nil : DetailsBox(d)
    }

    /// The error message, for failures and errors.
    public var error: String? {
        get { details?.value.error }
        set { change { $0.error = newValue } }
    }
    /// The exit code of a process command.
    public var exitCode: Int? {
        get { details?.value.exitCode }
        set { change { $0.exitCode = newValue } }
    }
    /// What a process command wrote to stdout (its last part, when it was long).
    public var stdout: String? {
        get { details?.value.stdout }
        set { change { $0.stdout = newValue } }
    }
    /// What a process command wrote to stderr (its last part, when it was long).
    public var stderr: String? {
        get { details?.value.stderr }
        set { change { $0.stderr = newValue } }
    }
    /// After `extract steps`: `{sub_batch_results: [...], summary: {total, successes, failures}}`.
    public var subBatch: Value? {
        get { details?.value.subBatch }
        set { change { $0.subBatch = newValue } }
    }
    /// True when the task was stopped because it ran out of time.
    public var timedOut: Bool {
        get { details?.value.timedOut ?? false }
        set { change { $0.timedOut = newValue } }
    }
    /// True when the task was ended because another task failed under fail-fast (its status
    /// is failure; it is counted apart from the failures).
    public var cancelled: Bool {
        get { details?.value.cancelled ?? false }
        set { change { $0.cancelled = newValue } }
    }
    /// Why a skipped task did not run (kept apart from ``error``, which is for failures).
    public var skipReason: String? {
        get { details?.value.skipReason }
        set { change { $0.skipReason = newValue } }
    }

    /// Where in the script the task's error happened (an argument or condition that could not
    /// be evaluated), so that it can be shown with its source line; ``error`` has the message.
    public var diagnostic: Diagnostic? {
        get { details?.value.diagnostic }
        set { change { $0.diagnostic = newValue } }
    }
    /// True for the result of a task that did not run in a dry run: every field that running
    /// it would have decided (status, output, exit code, ...) is ``Value/unknown``.
    public var notRun: Bool {
        get { details?.value.notRun ?? false }
        set { change { $0.notRun = newValue } }
    }

    /// True for a task skipped because it was up to date (its `sources` unchanged since it
    /// last succeeded): its exit code and output are those of that run.
    public var upToDate: Bool {
        get { details?.value.upToDate ?? false }
        set { change { $0.upToDate = newValue } }
    }

    /// True for a result read back from a run's journal (`--resume`): the task did not run again.
    public var resumed: Bool {
        get { details?.value.resumed ?? false }
        set { change { $0.resumed = newValue } }
    }

    /// A result with the given fields.
    public init(
        status: TaskStatus, output: Value = .null, error: String? = nil, exitCode: Int? = nil,
        stdout: String? = nil, stderr: String? = nil, durationMs: Int = 0, attempts: Int = 0,
        command: String = "", name: String? = nil, subBatch: Value? = nil, timedOut: Bool = false
    ) {
        self.status = status
        self.output = output
        self.durationMs = durationMs
        self.attempts = attempts
        self.command = command
        self.name = name
        if error == nil, exitCode == nil, stdout == nil, stderr == nil, subBatch == nil, !timedOut {
            self.details = nil
        } else {
            self.details = DetailsBox(Details(error: error, exitCode: exitCode, stdout: stdout, stderr: stderr, subBatch: subBatch,
                                              timedOut: timedOut))
        }
    }

    /// Results with the same fields are equal.
    public static func == (lhs: TaskResult, rhs: TaskResult) -> Bool {
        lhs.status == rhs.status && lhs.output == rhs.output && lhs.durationMs == rhs.durationMs
            && lhs.attempts == rhs.attempts && lhs.command == rhs.command && lhs.name == rhs.name
            && (lhs.details?.value ?? Details()) == (rhs.details?.value ?? Details())
    }

    /// A success with the given output.
    public static func success(output: Value = .null) -> TaskResult {
        TaskResult(status: .success, output: output)
    }

    /// A failure with a message (the command ran and failed).
    public static func failure(_ message: String, output: Value = .null) -> TaskResult {
        TaskResult(status: .failure, output: output, error: message)
    }

    /// An error: the task could not run.
    public static func error(_ message: String) -> TaskResult {
        TaskResult(status: .error, error: message)
    }

    /// An error at a place in the script: `error` is its message, `diagnostic` its place.
    public static func error(_ diagnostic: Diagnostic) -> TaskResult {
        var r = TaskResult(status: .error, error: EvaluationError(diagnostic.kind, diagnostic.span).description)
        r.diagnostic = diagnostic
        return r
    }

    /// A skipped task.
    public static func skipped(_ reason: String? = nil) -> TaskResult {
        var r = TaskResult(status: .skipped)
        r.skipReason = reason
        return r
    }

    /// True when the task succeeded.
    public var ok: Bool { status == .success }
    /// True when the task failed or could not run.
    public var failed: Bool { status == .failure || status == .error }
    /// True when the task did not run.
    public var skipped: Bool { status == .skipped }

    /// The result as the language sees it: a map with `status`, `ok`, `failed`, `skipped`,
    /// `output`, `error`, `exit_code`, `stdout`, `stderr`, `duration_ms`, `attempts`, `command`,
    /// `timed_out`, `skip_reason`, `up_to_date` and, after `extract steps`, `sub_batch`. Fields of a map `output` are
    /// reachable directly (``Value/member(_:)``).
    public func toValue() -> Value {
        if notRun { return unknownValue() }
        var fields: [ValueMap.Element] = [
            ("status", .string(status.rawValue)),
            ("ok", .bool(ok)),
            ("failed", .bool(failed)),
            ("skipped", .bool(skipped)),
            ("output", output),
            ("error", error.map(Value.string) ?? .null),
            ("exit_code", exitCode.map(Value.int) ?? .null),
            ("stdout", stdout.map(Value.string) ?? .null),
            ("stderr", stderr.map(Value.string) ?? .null),
            ("duration_ms", .int(durationMs)),
            ("attempts", .int(attempts)),
            ("command", .string(command)),
            ("timed_out", .bool(timedOut)),
            ("skip_reason", skipReason.map(Value.string) ?? .null),
            ("up_to_date", .bool(upToDate)),
        ]
        if let subBatch { fields.append(("sub_batch", subBatch)) }
        return .map(ValueMap(uniqueEntries: fields))
    }

    /// The value of a task that did not run (a dry run): its command is known, what running
    /// it would have decided is not.
    func unknownValue() -> Value {
        let unknown = ["status", "ok", "failed", "skipped", "output", "error", "exit_code", "stdout", "stderr", "duration_ms",
                       "attempts", "timed_out", "skip_reason", "up_to_date"].map { ($0, Value.unknown) }
        return .map(ValueMap(uniqueKeysWithValues: unknown + [("command", .string(command))]))
    }

}
