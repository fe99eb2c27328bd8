/// Loop iterations, told apart in progress, events and output labels.
extension Interpreter {
    /// Runs `body` as the iteration of `loop` for `value`: the tasks it starts carry the
    /// iteration's label (`f=a.c`, after those of enclosing loops).
    func inIteration<T: Sendable>(_ loop: ForLoop, _ value: Value, _ body: () async -> T) async -> T {
        let label = IterationLabel(variable: loop.variable.text, value: value, secrets: executor.snapshot.secrets,
                                   outer: PipelineExecutor.currentIteration)
        return await PipelineExecutor.$currentIteration.withValue(label) {
            await body()
        }
    }
}
