import Scout

/// The batch pipeline guide's API: a context, an executor with a task runner, retries, a
/// circuit breaker, progress events and JSON task lists.
func guideAPI() async throws {
    let context = BatchContext(initialVars: ["env": "prod"])
    try context.setVar("version", "1.0.0")
    _ = context.getVar("version")
    let reporter = ProgressReporter()
    _ = reporter.on(.complete) { event in print(event.status, event.message, event.metadata, event.taskId, event.timestamp) }
    let executor = PipelineExecutor(
        context: context,
        taskRunner: { task, index in .success(output: .string("ran \(task.command) \(index) \(task.args)")) },
        reporter: reporter,
        circuitBreaker: CircuitBreaker(config: CircuitBreakerConfig(failureThreshold: 5, successThreshold: 2, timeout: .seconds(30))),
        retryConfig: RetryConfig(maxRetries: 3, baseDelay: .seconds(1), maxDelay: .seconds(30), jitterFactor: 0.1)
    )
    executor.reporter = reporter
    executor.setReporter(reporter)
    executor.circuitBreaker = nil
    executor.retryConfig = RetryConfig()
    print(executor.context === context, executor.getContext() === context, executor.getRetryConfig() ?? .none)
    let tasks = try TaskList.parse(#"[{"command": "lint", "args": {"paths": ["."]}, "store_as": "r", "if": "${env}"}]"#, name: "tasks.json")
    let results: [TaskResult] = await executor.run(tasks, mode: .parallel)
    _ = await executor.run([BatchTask(command: "test", args: ["x": 1])], mode: .sequential)
    print(results.map(\.status), reporter.history.count)
    Task { for await event in reporter.events() { print(event) } }
    let manager = CircuitBreakerManager(config: CircuitBreakerConfig())
    let breaker = manager.breaker(for: "lint")
    print(breaker.currentState == .closed, breaker.allowRequest(), breaker.report().state, manager.reports().count)
    do { _ = try TaskList.parse("[", name: "bad.json") } catch { print(error.message, error.diagnostics.count) }
}
