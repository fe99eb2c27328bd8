extension ExecutorConfiguration {
    /// The defaults, with the settings a host program chooses: the concurrency limit
    /// (``maxConcurrency``, the guide's `ExecutorConfiguration(maxConcurrency:)`), fail-fast,
    /// where output goes, capabilities, circuit breakers and the bounds on sub-batches and
    /// captured output. The auto-JSON table, functions and shell-argument rule are the
    /// built-in ones.
    public init(
        maxConcurrency: Int? = nil, failFast: Bool = false, output: any TaskOutput = StandardOutput(),
        capabilities: Capabilities = .all, circuitBreakers: CircuitBreakerManager? = nil,
        maxSubBatchDepth: Int = 3, maxCapturedOutput: Int = 1 << 20
    ) {
        self.init(maxConcurrency: maxConcurrency, failFast: failFast, autoJSON: .standard, output: output,
                  functions: .builtins, capabilities: capabilities, circuitBreakers: circuitBreakers,
                  maxSubBatchDepth: maxSubBatchDepth, maxCapturedOutput: maxCapturedOutput)
    }
}
