/// Which tasks a run's counts ("3 succeeded, 1 failed") and progress lines are about: tasks
/// as a user thinks of them. Every task counts (processes, plugins, host commands, user
/// commands, task blocks) except the bookkeeping of a script: an unnamed `print` or `sleep`
/// that did not fail. A failed one counts, so that a failure is never left out.
package enum TaskCounting {
    /// Commands that are bookkeeping rather than work.
    package static let bookkeepingCommands: Set<String> = ["print", "sleep"]

    /// True when a task with this command and name, ending this way, is counted.
    package static func counts(command: String, name: String?, failed: Bool) -> Bool {
        failed || name != nil || !bookkeepingCommands.contains(command)
    }

    /// True when the result is counted.
    package static func counts(_ result: TaskResult) -> Bool {
        counts(command: result.command, name: result.name, failed: result.failed)
    }

    /// True when the task of a progress event is counted (and shown when it succeeds).
    package static func counts(_ event: ProgressEvent) -> Bool {
        counts(command: event.metadata["command"]?.stringValue ?? "", name: event.metadata["name"]?.stringValue,
               failed: event.status == .failure || event.status == .circuitOpen)
    }
}
