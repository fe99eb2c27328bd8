/// Placeholder replaced by the Slurm implementation.
package final class SlurmRunner: TaskRunner {
    let settings: SlurmSettings
    let supervisor: ProcessSupervisor

    package init(settings: SlurmSettings, supervisor: ProcessSupervisor) {
        self.settings = settings
        self.supervisor = supervisor
    }

    package func run(_ spec: ProcessSpec, label: String, onOutput: ProcessOutputHandler?) async throws(RunnerError) -> ProcessOutcome {
        throw .engine("the slurm runner is not built")
    }

    package func shutdown() async {}
}
