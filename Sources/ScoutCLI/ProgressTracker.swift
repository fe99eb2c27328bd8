import Scout

/// What the progress views know about a run, built from its events: the tasks running now,
/// the failures, and which tasks are steps of others.
struct ProgressTracker: Sendable {
    struct Running: Sendable {
        var id: String
        /// How the task is shown: its name and iteration.
        var label: String
        /// The loop iteration it runs in, if any.
        var iteration: String?
        /// Its name without the iteration.
        var name: String { ProgressTracker.name(label: label, iteration: iteration) }
        var started: Double
        var detail: String
        var parent: String?
        var attempt: Int
    }

    struct Failure: Sendable {
        var id: String
        var label: String
        var error: String
        var parent: String?
        /// Ended by fail-fast because another task failed.
        var cancelled = false
    }

    var running: [Running] = []
    var failures: [Failure] = []
    /// Tasks that other tasks ran inside (task blocks, user commands).
    var parents: Set<String> = []
    var succeeded = 0
    var failed = 0
    var skipped = 0

    /// The name a task is shown by: `lint`, `run make lint`, `compile [f=a.c]`.
    static func label(_ event: ProgressEvent) -> String {
        event.metadata["label"]?.stringValue ?? event.metadata["name"]?.stringValue ?? event.metadata["command"]?.stringValue ?? event.taskId
    }

    /// The name a task is shown by, without its iteration: `compile`.
    static func name(_ event: ProgressEvent) -> String {
        name(label: ProgressTracker.label(event), iteration: event.metadata["iteration"]?.stringValue)
    }

    /// A label without its iteration: `compile [f=a.c]` → `compile`.
    static func name(label: String, iteration: String?) -> String {
        if let iteration, label.hasSuffix(" [\(iteration)]") {
            return String(label.dropLast(iteration.count + 3))
        }
        return label
    }

    /// Updates the state with an event.
    mutating func apply(_ event: ProgressEvent, now: Double) {
        guard event.taskId.hasPrefix("task:") else { return }
        let parent = event.metadata["parent"]?.stringValue
        // A step may end without having started (its arguments could not be evaluated).
        if let parent { parents.insert(parent) }
        switch event.status {
        case .running:
            running.append(Running(id: event.taskId, label: ProgressTracker.label(event), iteration: event.metadata["iteration"]?.stringValue,
                                   started: now, detail: event.message,
                                   parent: parent, attempt: 1))
        case .retry:
            if let i = running.firstIndex(where: { $0.id == event.taskId }) {
                running[i].attempt = event.metadata["next_attempt"]?.intValue ?? running[i].attempt + 1
            }
        case .success, .failure, .skipped:
            running.removeAll { $0.id == event.taskId }
            if parent == nil {
                switch event.status {
                case .success: succeeded += 1
                case .failure: failed += 1
                default: skipped += 1
                }
            }
            if event.status == .failure {
                var label = ProgressTracker.label(event)
                if let parent, let owner = running.first(where: { $0.id == parent }) {
                    // A step in the same iteration as its task block: the iteration is shown once.
                    let own = ProgressTracker.name(event)
                    let iteration = String(label.dropFirst(own.count))
                    label = owner.label + " › " + (owner.label.hasSuffix(iteration) ? own : label)
                }
                failures.append(Failure(id: event.taskId, label: label,
                                        error: event.metadata["error"]?.description ?? "failed", parent: parent,
                                        cancelled: event.metadata["cancelled"] == .bool(true)))
            }
        case .circuitOpen:
            // The task's last event: it was refused (or stopped retrying) by an open breaker.
            running.removeAll { $0.id == event.taskId }
            if parent == nil { failed += 1 }
            failures.append(Failure(id: event.taskId, label: ProgressTracker.label(event), error: event.message, parent: parent))
        case .complete:
            break
        }
    }

    /// The failures to list in the summary: those of tasks that ran no steps themselves
    /// (a failed task block is explained by its failed step), and not those fail-fast ended.
    var leafFailures: [Failure] { failures.filter { !parents.contains($0.id) && !$0.cancelled } }
}
