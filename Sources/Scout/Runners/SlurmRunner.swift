#if canImport(Glibc)
import Glibc
#endif

/// Runs each task as one Slurm job step, through `srun` (found on `PATH`).
///
/// The step's exit status is the outcome's; its standard output and error stay apart and
/// stream as they come (see ``SlurmStepCommand`` for the command line and
/// ``SlurmStderrFilter`` for what is taken out of standard error). A job Slurm refuses
/// (more CPUs or memory than any node has, an unknown partition) throws
/// ``RunnerError/engine(_:)`` with Slurm's reason; a job that waits in the queue waits,
/// within the task's timeout. (Whether Slurm refuses a job beyond a partition's limits or
/// queues it for ever is the cluster's choice: `EnforcePartLimits=ALL` refuses it; Slurm's
/// default queues it, with the reason `PartitionConfig`.)
///
/// Each job has its own name under the runner's prefix (``SlurmJobNames``). A timeout or a
/// cancellation sends SIGTERM to `srun`, which ends the step (or withdraws the queued job)
/// at once; the runner then also runs `scancel --name` for that job, in case `srun` had to
/// be killed before it could. ``shutdown()`` cancels every job of the runner still known to
/// Slurm; the tasks whose jobs it ended return outcomes that say `cancelled`.
package final class SlurmRunner: ProcessRunner {
    let settings: SlurmSettings
    let supervisor: ProcessSupervisor
    let control: SlurmControl
    let names: SlurmJobNames
    /// The jobs of the tasks running now, and whether ``shutdown()`` cancelled each.
    private let active = SanitizerVisibleMutex<[String: Bool]>([:])
    /// With `array: true`: the queue that gathers tasks into array jobs.
    private let arrays: SlurmArrayQueue?

    package convenience init(settings: SlurmSettings, supervisor: ProcessSupervisor) {
        self.init(settings: settings, supervisor: supervisor, environment: [:])
    }

    /// A runner whose Slurm commands (`srun`, `scancel`, `squeue`) get `environment` on top
    /// of the inherited one (`["SLURM_CONF": path]` for a cluster of one's own); a task's
    /// variables are set on top of that for its `srun`.
    package init(settings: SlurmSettings, supervisor: ProcessSupervisor, environment: [String: String]) {
        self.settings = settings
        self.supervisor = supervisor
        self.control = SlurmControl(supervisor: supervisor, environment: environment)
        self.names = SlurmJobNames(processID: getpid())
        if settings.array {
            // Scripts and output files of array jobs go where the nodes can read them: beside
            // the run, under .scout/slurm (the nodes of a cluster share the project's file system).
            let batch = SlurmArrayBatch(settings: settings, supervisor: supervisor, environment: environment)
            arrays = SlurmArrayQueue(batch: batch, directory: WorkingDirectory.absolute(".scout/slurm"))
        } else {
            arrays = nil
        }
    }

    /// What the name of every job of this runner starts with.
    package var jobNamePrefix: String { names.prefix }

    package func run(_ spec: ProcessSpec, label: String, onOutput: ProcessOutputHandler?) async throws(RunnerError) -> ProcessOutcome {
        if let arrays {
            try arrays.prepareDirectory()
            let outcome = try await arrays.run(spec)
            // Nothing streamed while the array job ran: what the task wrote is shown now.
            if let onOutput {
                if !outcome.stdout.isEmpty { onOutput(.stdout, outcome.stdout[...]) }
                if !outcome.stderr.isEmpty { onOutput(.stderr, outcome.stderr[...]) }
            }
            return outcome
        }
        guard let srun = control.path(of: "srun") else { throw .process(.commandNotFound("srun")) }
        let name = names.next(label: label)
        var step = spec
        do {
            step.program = .argv(try SlurmStepCommand.arguments(srun: srun, jobName: name, settings: settings, spec: spec))
        } catch {
            throw .process(error)
        }
        step.environmentOverrides = control.environment.merging(spec.environmentOverrides) { $1 }
        let output = SlurmOutputFilter(onOutput)
        active.withLock { $0[name] = false }
        var outcome: ProcessOutcome
        do {
            outcome = try await supervisor.run(step, onOutput: output.handler)
        } catch {
            active.withLock { _ = $0.removeValue(forKey: name) }
            throw .process(error)
        }
        output.finish()
        if active.withLock({ $0.removeValue(forKey: name) }) == true, !outcome.succeeded || Self.saysCancelled(outcome.stderr) {
            // Ended (or withdrawn from the queue) by shutdown: cancelled, not refused. A step
            // Slurm cancelled may still exit 0 (a shell that outlives its killed command goes
            // on), but slurmstepd's line says what happened.
            outcome.cancelled = true
        }
        if outcome.timedOut || outcome.cancelled {
            await control.cancel(names: [name])
        } else if outcome.status != .exited(0), let reason = SlurmRefusal.reason(stderr: outcome.stderr) {
            throw .engine(SlurmRefusal.message(reason))
        }
        outcome.stderr = SlurmStderrFilter.filtered(outcome.stderr)
        return outcome
    }

    /// True when `stderr` holds slurmstepd's report of a cancelled step or job
    /// (`slurmstepd: error: *** STEP 4.0 ON node1 CANCELLED AT ... ***`).
    static func saysCancelled(_ stderr: [UInt8]) -> Bool {
        let needle = Array(" CANCELLED AT ".utf8)
        return stderr.split(separator: UInt8(ascii: "\n")).contains { line in
            line.starts(with: Array("slurmstepd".utf8)) && line.indices.contains { line[$0...].starts(with: needle) }
        }
    }

    /// Cancels every job of this runner that Slurm still lists, and those of tasks still
    /// running (their outcomes say `cancelled`); safe to call again.
    package func shutdown() async {
        let running = active.withLock { active in
            for name in active.keys { active[name] = true }
            return Array(active.keys)
        }
        await control.cancel(names: running)
        await control.cancel(prefix: names.prefix)
        await arrays?.batch.shutdown()
    }
}
