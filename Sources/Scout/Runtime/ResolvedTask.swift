/// A task about to run, as the task runner receives it: its arguments evaluated. Immutable,
/// and passed by reference from the executor to the command that runs it.
public final class ResolvedTask: Sendable {
    /// The task as it was written.
    public let task: BatchTask
    /// The event id: `task:<index>:<command>`.
    public let id: String
    /// The task's index in its run.
    public let index: Int
    /// Positional arguments, evaluated.
    public let positional: [Value]
    /// Named arguments, evaluated, with the auto-JSON flag added where the table says so.
    public let args: ValueMap
    /// 1 for the first attempt, 2 for the first retry, ...
    public let attempt: Int
    /// The task's time limit, if any.
    public let timeout: Duration?
    /// Sub-batch depth: 0 for a top-level task.
    package let depth: Int
    /// Where the task writes what it prints.
    public let output: any TaskOutput
    /// The scope the task's expressions were evaluated in.
    package let scope: any VariableScope
    /// The most bytes of each output stream the task keeps in its result.
    public let captureLimit: Int
    /// Environment variables its processes get beside the inherited ones (`use env`).
    public let environment: [String: String]
    /// The directory its processes run in and relative paths are read from (`use cwd`); nil
    /// for the current directory.
    public let workingDirectory: String?
    /// The values never to show (the task's name is cut only after they are masked).
    package let secrets: SecretMask
    /// Where its processes run: this machine, an SSH pool, a Slurm cluster.
    package let runner: any ProcessRunner
    /// What ``runner`` was made from (for a dry run's plan).
    package let runnerSpec: RunnerSpec
    /// The loop iteration the task runs in (`f=a.c`), if any.
    public var iteration: String? { iterationLabel?.text }
    let iterationLabel: IterationLabel?
    /// The name of the task whose body started this one, if any (see ``outputLabel``).
    package let enclosingName: String?

    /// The command name.
    public var command: String { task.command }

    /// A resolved task.
    package init(
        task: BatchTask, id: String, index: Int, positional: [Value], args: ValueMap, attempt: Int,
        timeout: Duration?, depth: Int, output: any TaskOutput, scope: any VariableScope, captureLimit: Int = 1 << 20,
        environment: [String: String] = [:], workingDirectory: String? = nil, secrets: SecretMask = SecretMask(),
        enclosingName: String? = nil, runner: any ProcessRunner = LocalRunner(), runnerSpec: RunnerSpec = .local
    ) {
        self.task = task
        self.id = id
        self.index = index
        self.positional = positional
        self.args = args
        self.attempt = attempt
        self.timeout = timeout
        self.depth = depth
        self.output = output
        self.scope = scope
        self.captureLimit = captureLimit
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.secrets = secrets
        self.iterationLabel = PipelineExecutor.currentIteration
        self.enclosingName = enclosingName
        self.runner = runner
        self.runnerSpec = runnerSpec
    }

    /// A path as the task's processes see it: relative paths are taken from its working directory.
    public func path(_ path: String) -> String {
        WorkingDirectory.resolve(path, from: workingDirectory)
    }

    /// The task's own name: its block or `store as` name, else its command and a short form
    /// of its first argument (`run make lint`).
    package var ownName: String {
        PipelineExecutor.ownName(task, first: PipelineExecutor.firstArgument(positional, args), secrets: secrets)
    }

    /// What the task's output is labelled with (`--output prefixed`): its own block or
    /// `store as` name, else the enclosing task's name, else ``ownName``; then the iteration
    /// (`compile f=a.c`).
    public var outputLabel: String {
        let base = task.label ?? enclosingName ?? ownName
        guard let iteration else { return base }
        return base + " " + iteration
    }

    /// A named argument, or else the positional argument at `position`.
    public func argument(_ name: String, position: Int? = nil) -> Value? {
        if let v = args[name] { return v }
        if let position, position < positional.count { return positional[position] }
        return nil
    }
}
