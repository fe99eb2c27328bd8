#if canImport(Glibc)
import Glibc
#endif

/// The settings of a ``PipelineExecutor`` beyond the guide's constructor arguments.
public struct ExecutorConfiguration: Sendable {
    /// The most tasks running their commands at once in a whole run, however parallel blocks
    /// nest (`--jobs`); `nil` for the default, ``defaultMaxConcurrency``. A task block or a user
    /// command waiting for its own tasks does not count; a parallel block's own `max` limits
    /// that block further.
    public var maxConcurrency: Int?
    /// Stop the pipeline at the first failed task and end the tasks running beside it (their
    /// results are failures marked ``TaskResult/cancelled``).
    public var failFast: Bool
    /// Commands that get a JSON flag.
    package var autoJSON: AutoJSONTable
    /// Where tasks write what they print.
    public var output: any TaskOutput
    /// The functions expressions may call.
    package var functions: FunctionTable
    /// What functions may touch.
    public var capabilities: Capabilities
    /// One circuit breaker per command name, instead of the executor's single breaker.
    public var circuitBreakers: CircuitBreakerManager?
    /// How deep sub-batches may nest.
    public var maxSubBatchDepth: Int
    /// The most bytes of each output stream a task keeps in its result (the last ones).
    public var maxCapturedOutput: Int
    /// A random number in -1...1 for retry jitter.
    package var jitter: @Sendable () -> Double
    /// The values never to show: events are masked with it, and so is what the command
    /// line writes. `secret(...)` in a script adds to it.
    package var secrets = SecretMask()
    /// Environment variables every process gets beside the inherited ones (`use env`).
    public var environment: [String: String] = [:]
    /// The time limit of a task that runs a command and sets none itself (`use timeout`).
    public var defaultTimeout: Duration?
    /// The directory processes run in and relative paths are read from (`use cwd`); nil for
    /// the current directory.
    public var workingDirectory: String?
    /// Whether an argument of a command is a shell command line, so that its `${...}` are
    /// shell-quoted: (command, label, position) -> Bool.
    package var isShellArgument: @Sendable (String, String?, Int) -> Bool
    /// Set for a dry run: receives the lines of the plan that are not tasks (a `stop` that
    /// would happen). In a dry run a condition that reads the result of a task that did not
    /// run is undecided: the task runs (its command only says what it would do) with the
    /// clause in ``PipelineExecutor/assumptions``, and nothing stops on it. The statements of
    /// a `parallel` block then run one at a time, so that the plan reads in order.
    package var dryRunPlan: (@Sendable (String) -> Void)?
    /// Where the processes of tasks with no runner of their own run (`use ssh(...)`,
    /// `--runner`): this machine unless set.
    public var runner: RunnerSpec = .local
    /// Set when the command line chose ``runner`` (`--runner`): a script's `use` of a
    /// runner then changes nothing.
    package var runnerChosenOutside = false
    /// Where tasks with `sources` or `generates` keep what they last ran on: with it, a task
    /// that is up to date is skipped (see ``UpToDateStore``); without it, every task runs.
    public var upToDate: UpToDateStore?
    /// The run's journal: every finished task is written to it, and a resumed run skips the
    /// tasks it has as done (see ``TaskJournal``).
    public var journal: TaskJournal?

    /// Which tasks send their `running`, `success` and `skipped` events (failures, retries
    /// and open breakers are always sent). The command line asks for every event only when
    /// it writes them (`--events`), and for failures alone under `--quiet` without a live view.
    public var reportedTasks = ReportedTasks.all

    /// Which tasks send events beyond their failures.
    public enum ReportedTasks: Sendable {
        /// Every task.
        case all
        /// Every task but bookkeeping (an unnamed `print` or `sleep` that succeeds, see
        /// ``TaskCounting``).
        case counted
        /// Only the tasks that run tasks of their own (task blocks, user commands), whose
        /// events name the parents of failed steps.
        case failures
    }

    /// The default limit of a parallel run: 64, enough for every task of an ordinary parallel
    /// block to start at once, few enough that a `parallel for` over thousands of files does
    /// not start thousands of processes.
    public static let defaultMaxConcurrency = 64

    /// The defaults.
    package init(
        maxConcurrency: Int? = nil, failFast: Bool = false, autoJSON: AutoJSONTable = .standard,
        output: any TaskOutput = StandardOutput(), functions: FunctionTable = .builtins,
        capabilities: Capabilities = .all, circuitBreakers: CircuitBreakerManager? = nil,
        maxSubBatchDepth: Int = 3, maxCapturedOutput: Int = 1 << 20,
        jitter: @escaping @Sendable () -> Double = { Double.random(in: -1...1) },
        isShellArgument: @escaping @Sendable (String, String?, Int) -> Bool = ExecutorConfiguration.runIsShell
    ) {
        self.maxConcurrency = maxConcurrency
        self.failFast = failFast
        self.autoJSON = autoJSON
        self.output = output
        self.functions = functions
        self.capabilities = capabilities
        self.circuitBreakers = circuitBreakers
        self.maxSubBatchDepth = maxSubBatchDepth
        self.maxCapturedOutput = maxCapturedOutput
        self.jitter = jitter
        self.isShellArgument = isShellArgument
    }

    /// The built-in rule: the first positional argument of `run`, or its `cmd`, is a shell command line.
    package static let runIsShell: @Sendable (String, String?, Int) -> Bool = { command, label, position in
        command == "run" && (label == "cmd" || (label == nil && position == 0))
    }
}
