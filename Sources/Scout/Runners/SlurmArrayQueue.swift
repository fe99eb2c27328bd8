#if canImport(Glibc)
import Glibc
#endif

/// `slurm(array: true)`: the tasks that reach the runner together go to Slurm as one array
/// job (``SlurmArrayBatch``) instead of one `srun` each. A batch is submitted once no task
/// has joined it for ``window`` (or ``longestWait`` after its first task), so a loop that
/// starts a thousand tasks in a row sends them as one job; each task gets its own outcome
/// when the whole array job has ended (nothing streams meanwhile).
///
/// A task cancelled while it waits to be submitted leaves the queue at once. Once its
/// array job runs, a task is ended with the others: when every task of a batch has been
/// cancelled (Ctrl-C, the end of the run), the array job is cancelled on the cluster.
final class SlurmArrayQueue: Sendable {
    /// One task waiting for its outcome.
    private struct Entry: Sendable {
        var id: Int
        var spec: ProcessSpec
        var continuation: CheckedContinuation<Result<ProcessOutcome, RunnerError>, Never>
    }

    /// A batch submitted and not yet ended.
    private struct Running: Sendable {
        var task: Task<Void, Never>
        var ids: Set<Int>
        var cancelled: Set<Int> = []
    }

    private struct State: Sendable {
        var nextID = 0
        var pending: [Entry] = []
        var flushScheduled = false
        /// When the last task joined the pending batch.
        var lastArrival = ContinuousClock.now
        var running: [Int: Running] = [:]
        var nextBatch = 0
        /// Tasks cancelled before they reached the queue.
        var cancelledEarly: Set<Int> = []
        /// ``directory`` was made (once for the runner, not for every task).
        var directoryMade = false
    }

    let batch: SlurmArrayBatch
    /// Where each batch's scripts and output files go (a directory the nodes share).
    let directory: String
    /// How long a batch waits for another task to join it.
    let window: Duration
    /// How long a batch waits at most after its first task.
    let longestWait: Duration
    private let state = SanitizerVisibleMutex(State())

    init(batch: SlurmArrayBatch, directory: String, window: Duration = .milliseconds(100), longestWait: Duration = .seconds(2)) {
        self.batch = batch
        self.directory = directory
        self.window = window
        self.longestWait = longestWait
    }

    /// Makes ``directory`` (and its parents) when it is missing, the first time it is asked.
    func prepareDirectory() throws(RunnerError) {
        guard !state.withLock({ $0.directoryMade }) else { return }
        var path = ""
        for part in directory.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o755) != 0, errno != EEXIST {
                throw .engine("cannot make \(path) for the array job's files: \(String(cString: strerror(errno)))")
            }
        }
        state.withLock { $0.directoryMade = true }
    }

    /// Runs `spec` in the next array job.
    func run(_ spec: ProcessSpec) async throws(RunnerError) -> ProcessOutcome {
        let id = state.withLock { s -> Int in
            s.nextID += 1
            return s.nextID
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<ProcessOutcome, RunnerError>, Never>) in
                enqueue(Entry(id: id, spec: spec, continuation: continuation))
            }
        } onCancel: {
            cancel(id)
        }
        return try result.get()
    }

    private func enqueue(_ entry: Entry) {
        let (schedule, cancelled) = state.withLock { s -> (Bool, Bool) in
            if s.cancelledEarly.remove(entry.id) != nil { return (false, true) }
            s.pending.append(entry)
            s.lastArrival = ContinuousClock.now
            guard !s.flushScheduled else { return (false, false) }
            s.flushScheduled = true
            return (true, false)
        }
        if cancelled { entry.continuation.resume(returning: .success(SlurmArrayQueue.cancelledOutcome)) }
        guard schedule else { return }
        let (window, longestWait) = (self.window, self.longestWait)
        Task { [self] in
            let first = ContinuousClock.now
            while true {
                try? await Task.sleep(for: window)
                let now = ContinuousClock.now
                let last = state.withLock { $0.lastArrival }
                if now - last >= window || now - first >= longestWait { break }
            }
            flush()
        }
    }

    /// Submits what is waiting as one batch.
    private func flush() {
        state.withLock { s in
            let entries = s.pending
            s.pending = []
            s.flushScheduled = false
            guard !entries.isEmpty else { return }
            s.nextBatch += 1
            let number = s.nextBatch
            let task = Task { [self] in
                let result: Result<[ProcessOutcome], RunnerError>
                do throws(RunnerError) {
                    let label = "array-\(entries.count)"
                    result = .success(try await batch.run(entries.map(\.spec), label: label, directory: directory))
                } catch {
                    result = .failure(error)
                }
                state.withLock { _ = $0.running.removeValue(forKey: number) }
                for (i, entry) in entries.enumerated() {
                    switch result {
                    case .success(let outcomes): entry.continuation.resume(returning: .success(outcomes[i]))
                    case .failure(let error): entry.continuation.resume(returning: .failure(error))
                    }
                }
            }
            s.running[number] = Running(task: task, ids: Set(entries.map(\.id)))
        }
    }

    /// A task's cancellation: out of the queue if it waits there (its outcome says
    /// `cancelled`), else counted against its batch, which is cancelled once all of its
    /// tasks are.
    private func cancel(_ id: Int) {
        let (waiting, batchToCancel) = state.withLock { s -> (Entry?, Task<Void, Never>?) in
            if let at = s.pending.firstIndex(where: { $0.id == id }) {
                return (s.pending.remove(at: at), nil)
            }
            for (number, var running) in s.running where running.ids.contains(id) {
                running.cancelled.insert(id)
                s.running[number] = running
                return (nil, running.cancelled == running.ids ? running.task : nil)
            }
            s.cancelledEarly.insert(id)
            return (nil, nil)
        }
        waiting?.continuation.resume(returning: .success(SlurmArrayQueue.cancelledOutcome))
        batchToCancel?.cancel()
    }

    /// The outcome of a task cancelled before its array job was submitted.
    static let cancelledOutcome = ProcessOutcome(pid: 0, status: .signaled(SIGTERM), stdout: [], stderr: [], cancelled: true)
}
