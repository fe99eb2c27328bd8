import Testing
@testable import Scout

/// One call a ``FakeRunner`` received: what the task runner saw of a task.
struct RunnerCall: Sendable {
    var command: String
    var index: Int
    var id: String
    var attempt: Int
    var positional: [Value]
    var args: ValueMap
    var depth: Int
}

/// A task runner for tests: records every call and answers with `respond`.
final class FakeRunner: Sendable {
    typealias Respond = @Sendable (ResolvedTask) async throws -> TaskResult

    private let recorded = SanitizerVisibleMutex<[RunnerCall]>([])
    private let respond: Respond

    /// A runner answering every task with `respond` (by default: success with output "ran <command>").
    init(_ respond: @escaping Respond = { .success(output: .string("ran \($0.command)")) }) {
        self.respond = respond
    }

    /// The runner to give to `PipelineExecutor`.
    var runner: PipelineExecutor.TaskRunner {
        { [self] task, index in
            recorded.withLock {
                $0.append(RunnerCall(command: task.command, index: index, id: task.id, attempt: task.attempt,
                                     positional: task.positional, args: task.args, depth: task.depth))
            }
            return try await respond(task)
        }
    }

    /// Every call, in the order the runner was entered.
    var calls: [RunnerCall] { recorded.withLock { $0 } }

    /// The `cmd` argument (or the command name) of every call, in order.
    var commandLines: [String] {
        calls.map { $0.args["cmd"]?.description ?? $0.command }
    }
}

/// A `TaskOutput` that keeps what tasks print.
final class CapturedOutput: TaskOutput {
    private let state = SanitizerVisibleMutex<(stdout: [UInt8], stderr: [UInt8], finished: [String])>(([], [], []))

    func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, taskId: String, label: String) {
        state.withLock { s in
            if stream == .stdout { s.stdout += bytes } else { s.stderr += bytes }
        }
    }

    func finish(taskId: String) { state.withLock { $0.finished.append(taskId) } }

    var stdout: String { state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }
    var stderr: String { state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }
    var finished: [String] { state.withLock { $0.finished } }
}

/// A counter safe to use from many tasks, which also remembers its highest value.
final class InFlightCounter: Sendable {
    private let state = SanitizerVisibleMutex((current: 0, peak: 0))

    func enter() {
        state.withLock { s in
            s.current += 1
            s.peak = max(s.peak, s.current)
        }
    }

    func leave() { state.withLock { $0.current -= 1 } }

    var peak: Int { state.withLock { $0.peak } }
    var current: Int { state.withLock { $0.current } }
}

/// Holds every caller of ``arrive()`` until `parties` callers have arrived: tasks that only
/// finish when they run at the same time. A run that does not start them together hangs, so
/// tests using it carry a time limit.
final class Rendezvous: Sendable {
    let parties: Int
    private let state = SanitizerVisibleMutex((arrived: 0, waiting: [CheckedContinuation<Void, Never>]()))

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                s.arrived += 1
                guard s.arrived >= parties else {
                    s.waiting.append(continuation)
                    return []
                }
                defer { s.waiting.removeAll() }
                return s.waiting + [continuation]
            }
            for c in release { c.resume() }
        }
    }
}

/// Helpers shared by the runtime tests.
enum RuntimeTestSupport {
    /// Tasks parsed from a JSON task list; a parse error fails the calling test.
    static func tasks(_ json: String) throws -> [BatchTask] {
        try TaskList.parse(json, name: "tasks.json")
    }

    /// An executor over `context` with a manual clock, no jitter, output discarded, and a reporter.
    static func executor(
        _ runner: FakeRunner, context: BatchContext = BatchContext(), clock: ManualClock = ManualClock(),
        retry: RetryConfig? = nil, breaker: CircuitBreaker? = nil,
        configure: (inout ExecutorConfiguration) -> Void = { _ in }
    ) -> (PipelineExecutor, ProgressReporter) {
        var configuration = ExecutorConfiguration(output: DiscardedOutput(), jitter: { 0 })
        configure(&configuration)
        let reporter = ProgressReporter()
        let executor = PipelineExecutor(
            context: context, taskRunner: runner.runner, reporter: reporter, circuitBreaker: breaker,
            retryConfig: retry, clock: clock, configuration: configuration)
        return (executor, reporter)
    }

    /// Events as "task_id STATUS" lines, in emission order.
    static func trace(_ reporter: ProgressReporter) -> [String] {
        reporter.history.map { "\($0.taskId) \($0.status.rawValue)" }
    }

    /// The statuses of results, as their raw names.
    static func statuses(_ results: [TaskResult]) -> [String] {
        results.map(\.status.rawValue)
    }
}

/// The runtime's suites, run one test at a time.
@Suite(.serialized) enum RuntimeTests {}
