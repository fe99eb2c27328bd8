/// Tells a job Slurm refused (or could not start) from a command that failed.
///
/// When `srun` fails before any task ran (the request can never be met, the partition does
/// not exist, a flag is wrong) it exits non-zero having written only its own `srun: error:`
/// or `srun: fatal:` lines, and no task summary (`srun: error: HOST: task 0: ...`), which
/// every step whose task ended with a non-zero status gets.
enum SlurmRefusal {
    /// Why Slurm refused the job, read from `srun`'s standard error, or nil when a step ran
    /// (or `srun` said nothing of its own). Call it only for a non-zero status.
    static func reason(stderr: [UInt8]) -> String? {
        var reasons: [String] = []
        for line in stderr.split(separator: UInt8(ascii: "\n")) {
            if SlurmStderrFilter.isTaskSummary(line) { return nil }
            let text = String(decoding: line, as: UTF8.self)
            for prefix in ["srun: error: ", "srun: fatal: "] where text.hasPrefix(prefix) {
                reasons.append(String(text.dropFirst(prefix.count)))
            }
        }
        // "Unable to allocate resources: ..." says why; a line before it may only repeat the detail.
        return reasons.last(where: { $0.hasPrefix("Unable to allocate resources") }) ?? reasons.last
    }

    /// The task's error for a reason from ``reason(stderr:)``: a cluster that cannot be
    /// reached is said to be so, with where srun looks for one; anything else was refused.
    static func message(_ reason: String) -> String {
        let unreachable = ["Could not establish a configuration source", "Unable to contact slurm controller"]
        if unreachable.contains(where: { reason.contains($0) }) {
            return "no Slurm cluster answered: \(reason) (srun reads the cluster from SLURM_CONF or /etc/slurm/slurm.conf; is slurmctld running?)"
        }
        return "slurm refused the job: " + reason
    }
}
