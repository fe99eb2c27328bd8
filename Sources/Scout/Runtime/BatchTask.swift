/// One task of a pipeline, with every field of the guide's task table (`command`, `args`,
/// `mode`, `variables`, `if`, `skip_if`, `stop_if`, `store_as`, `extract_steps`,
/// `subbatch_mode`) and the language's additions (`name`, `retry`, `timeout`, `needs`).
///
/// ```swift
/// var task = BatchTask(command: "run", args: ["cmd": "npm test"])
/// task.skipIf = try Parser.parseCondition("${install_result.failed}")
/// task.storeAs = "test_result"
/// ```
public struct BatchTask: Sendable {
    /// Work a task does instead of calling the task runner (a `task` block, a user command).
    public typealias Body = @Sendable (ResolvedTask) async -> TaskResult

    /// The command to execute.
    public var command: String
    /// Positional and named arguments, evaluated when the task runs.
    package var arguments: [TaskArgument]
    /// Overrides the run's mode for this task (consecutive tasks of one mode run together).
    public var mode: ExecutionMode?
    /// Variables set before the task's conditions are checked, in order.
    package var variables: [(name: String, value: Expression)]
    /// Run only when this is truthy (the guide's `if`).
    package var condition: Expression?
    /// Skip when this is truthy.
    package var skipIf: Expression?
    /// Stop the pipeline when this is truthy: checked before the task (then it does not run)
    /// and again after it ran and its result was stored.
    package var stopIf: Expression?
    /// Store the result under this name.
    public var storeAs: String?
    /// Run the steps in the output as a sub-batch.
    public var extractSteps: Bool
    /// The mode of the sub-batch.
    public var subbatchMode: ExecutionMode?
    /// The task's own name (a `task NAME` block); results are also stored under it.
    public var name: String?
    /// This task's retry policy, replacing the executor's.
    public var retry: RetryConfig?
    /// Stop the task (its whole process group) when it runs longer.
    public var timeout: Duration?
    /// Inside a parallel run: start only after these tasks (by name) finished.
    public var needs: [String]
    /// The files the task reads (paths or globs, each expression a string or a list of them):
    /// with ``ExecutorConfiguration/upToDate`` set, a task whose sources and arguments did not
    /// change since it last succeeded, and whose ``generates`` all exist, is skipped.
    package var sources: [Expression]
    /// The files the task writes (paths or globs).
    package var generates: [Expression]
    /// Where its processes run (`on ssh(...)`), and those of the tasks its body starts;
    /// nil for the run's runner (``ExecutorConfiguration/runner``).
    public var runner: RunnerSpec?
    /// Work to do instead of calling the task runner.
    public var body: Body?
    /// Where the task was written, for error messages.
    public var span: SourceSpan?
    /// The source the task's expressions were parsed from.
    public var source: SourceFile?

    /// A task running `command` with the given arguments.
    package init(command: String, arguments: [TaskArgument] = []) {
        self.command = command
        self.arguments = arguments
        self.mode = nil
        self.variables = []
        self.condition = nil
        self.skipIf = nil
        self.stopIf = nil
        self.storeAs = nil
        self.extractSteps = false
        self.subbatchMode = nil
        self.name = nil
        self.retry = nil
        self.timeout = nil
        self.needs = []
        self.sources = []
        self.generates = []
        self.runner = nil
        self.body = nil
        self.span = nil
        self.source = nil
    }

    /// A task with named arguments given as values (strings are used as they are).
    public init(command: String, args: ValueMap) {
        self.init(command: command, arguments: args.map { TaskArgument.named($0.key, $0.value) })
    }

    /// The name the task is known by for `needs` and in messages: its block name, else its `store as` name.
    public var label: String? { name ?? storeAs }

    /// The named arguments whose values are constants, as a map (for inspection and tests).
    public var constantArgs: ValueMap {
        var m = ValueMap()
        for a in arguments {
            if let label = a.label, case .literal(let v) = a.value.kind { m[label] = v }
        }
        return m
    }
}
