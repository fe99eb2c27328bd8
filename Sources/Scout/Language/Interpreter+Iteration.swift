/// Loop iterations, told apart in progress, events and output labels.
extension Interpreter {
    /// Runs `body` as the iteration of `loop` for `value`: the tasks it starts carry the
    /// iteration's label (`f=a.c`, after those of enclosing loops).
    func inIteration<T: Sendable>(_ loop: ForLoop, _ value: Value, _ body: () async -> T) async -> T {
        await PipelineExecutor.$iteration.withValue(PipelineExecutor.iterationLabel(loop.variable.text, value, secrets: executor.snapshot.configuration.secrets)) {
            await body()
        }
    }
}
