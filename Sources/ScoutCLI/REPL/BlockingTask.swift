import Dispatch

/// Runs async work from synchronous code and waits for it: the REPL's loop runs on a thread
/// of its own (reading the terminal blocks), and its inputs run as Swift tasks.
enum BlockingTask {
    /// Starts `body` in a task, hands the task to `started` (so it can be cancelled), and
    /// waits for its result. Never call it from a task of the cooperative pool.
    static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T, started: (Task<Void, Never>) -> Void = { _ in }) -> T {
        let result = SharedValue<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = Task {
            let value = await body()
            result.update { $0 = value }
            done.signal()
        }
        started(task)
        done.wait()
        return result.value!
    }
}
