/// How an ``Interpreter`` runs scripts: its commands, functions, capabilities, limits and
/// executor settings.
public struct InterpreterConfiguration: Sendable {
    /// The commands scripts can call (built-ins plus the host's; plugins through its fallback).
    package var commands: CommandRegistry
    /// The functions expressions can call.
    package var functions: FunctionTable
    /// What scripts may touch.
    public var capabilities: Capabilities
    /// Bounds on a run.
    public var limits: ScriptLimits
    /// Concurrency limit, fail-fast, output, auto-JSON table.
    public var executor: ExecutorConfiguration
    /// Receives the progress events, if set.
    public var reporter: ProgressReporter?
    /// The clock for retries, timeouts and breakers.
    public var clock: any ScoutClock
    /// Called with the value of each expression statement (the REPL prints it).
    package var onValue: (@Sendable (Value, Statement) -> Void)?
    /// How many task results a run keeps in ``RunResult/results`` (the first ones); its
    /// ``RunResult/counts`` count them all. The command line keeps none, so that memory stays
    /// flat however many tasks a script runs.
    public var keptResults = 10_000

    /// The defaults: every built-in, every capability.
    package init(
        commands: CommandRegistry = .standard, functions: FunctionTable = .builtins, capabilities: Capabilities = .all,
        limits: ScriptLimits = ScriptLimits(), executor: ExecutorConfiguration = ExecutorConfiguration(),
        reporter: ProgressReporter? = nil, clock: any ScoutClock = SystemClock(),
        onValue: (@Sendable (Value, Statement) -> Void)? = nil
    ) {
        self.commands = commands
        self.functions = functions
        self.capabilities = capabilities
        self.limits = limits
        self.executor = executor
        self.reporter = reporter
        self.clock = clock
        self.onValue = onValue
    }
}
