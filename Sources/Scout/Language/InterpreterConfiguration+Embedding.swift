extension InterpreterConfiguration {
    /// The defaults (every built-in command and function, every capability), with the
    /// settings a host program chooses.
    public init(
        capabilities: Capabilities = .all, limits: ScriptLimits = ScriptLimits(),
        executor: ExecutorConfiguration = ExecutorConfiguration(), reporter: ProgressReporter? = nil,
        clock: any ScoutClock = SystemClock()
    ) {
        self.init(commands: .standard, functions: .builtins, capabilities: capabilities, limits: limits,
                  executor: executor, reporter: reporter, clock: clock, onValue: nil)
    }
}
