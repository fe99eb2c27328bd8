/// Runs a task's process on this machine, under the ``ProcessSupervisor``: the default.
package struct LocalRunner: ProcessRunner {
    let supervisor: ProcessSupervisor

    package init(supervisor: ProcessSupervisor = .shared) {
        self.supervisor = supervisor
    }

    package func run(_ spec: ProcessSpec, label: String, onOutput: ProcessOutputHandler?) async throws(RunnerError) -> ProcessOutcome {
        do { return try await supervisor.run(spec, onOutput: onOutput) } catch { throw .process(error) }
    }

    package func shutdown() async {}
}
