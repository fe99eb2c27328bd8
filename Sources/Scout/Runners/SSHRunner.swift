/// Placeholder replaced by the SSH pool implementation.
package final class SSHRunner: TaskRunner {
    let settings: SSHSettings
    let supervisor: ProcessSupervisor

    package init(settings: SSHSettings, supervisor: ProcessSupervisor) {
        self.settings = settings
        self.supervisor = supervisor
    }

    package func run(_ spec: ProcessSpec, label: String, onOutput: ProcessOutputHandler?) async throws(RunnerError) -> ProcessOutcome {
        throw .engine("the ssh runner is not built")
    }

    package func shutdown() async {}
}
