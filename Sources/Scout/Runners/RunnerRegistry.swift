/// The runners of a run, one per ``RunnerSpec``: tasks given the same spec share one runner
/// (an SSH pool's hosts, limits and connections). ``shutdown()`` ends them all.
package final class RunnerRegistry: Sendable {
    private let supervisor: ProcessSupervisor
    private let runners = SanitizerVisibleMutex<[RunnerSpec: any ProcessRunner]>([:])
    private let local: LocalRunner

    package init(supervisor: ProcessSupervisor = .shared) {
        self.supervisor = supervisor
        self.local = LocalRunner(supervisor: supervisor)
    }

    /// The runner for `spec`, made on first use.
    package func runner(for spec: RunnerSpec) -> any ProcessRunner {
        if case .local = spec { return local }
        let supervisor = self.supervisor
        return runners.withLock { runners in
            if let made = runners[spec] { return made }
            let made: any ProcessRunner
            switch spec {
            case .local: made = local
            case .ssh(let settings): made = SSHRunner(settings: settings, supervisor: supervisor)
            case .slurm(let settings): made = SlurmRunner(settings: settings, supervisor: supervisor)
            }
            runners[spec] = made
            return made
        }
    }

    /// Ends every runner made so far (and forgets them: a later task makes a new one).
    package func shutdown() async {
        let all = runners.withLock { runners in
            defer { runners = [:] }
            return Array(runners.values)
        }
        for runner in all { await runner.shutdown() }
    }
}
