/// The services started by the statements of one block of a script. The interpreter makes
/// a group for a block that has a `service` statement, lets that statement's command reach
/// it through ``current``, and stops the group's services when the block ends, however it
/// ends (its last statement, `stop`, an error, fail-fast, a timeout, an interrupt).
package final class ServiceGroup: Sendable {
    /// A service running in the group.
    struct Entry: Sendable {
        /// The process.
        var process: BackgroundProcess
        /// The key its output is written under (finished at teardown).
        var outputKey: String
        /// Where its output goes.
        var output: any TaskOutput
        /// Where `store as` put its result, to record how it ended.
        var storedAs: String?
        /// The scope of the `store as`.
        var scope: any VariableScope
    }

    private let entries = SanitizerVisibleMutex([Entry]())

    /// The group of the `service` statement being run, if any.
    @TaskLocal package static var current: ServiceGroup?

    /// An empty group.
    package init() {}

    func add(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
    }

    /// Stops every service of the group, the last started first: SIGTERM to its process
    /// group, SIGKILL after the grace period. A result kept with `store as` gets `running:
    /// false`, `stopped` (false when the service had ended by itself) and `exit_code`.
    package func stopAll() async {
        let all = entries.withLock { e -> [Entry] in
            defer { e.removeAll() }
            return e
        }
        for entry in all.reversed() {
            let endedBefore = entry.process.outcomeIfEnded != nil
            let outcome = await entry.process.stop()
            entry.output.finish(taskId: entry.outputKey)
            guard let name = entry.storedAs, case .map(var result)? = entry.scope.lookup(name),
                  case .map(var fields)? = result["output"], fields["pid"] == .int(Int(entry.process.pid)) else { continue }
            fields["running"] = .bool(false)
            fields["stopped"] = .bool(!endedBefore)
            result["output"] = .map(fields)
            switch outcome.status {
            case .exited(let code): result["exit_code"] = .int(Int(code))
            case .signaled(let signal): result["exit_code"] = .int(128 + Int(signal))
            }
            entry.scope.assign(name, .map(result))
        }
    }
}
