/// The settings of a Slurm runner: `use slurm(partition: "debug", cpus: 2, mem: "1G", time: 10m)`.
public struct SlurmSettings: Sendable, Hashable {
    /// The partition (`--partition`); nil for the cluster's default.
    public var partition: String?
    /// CPUs per task (`--cpus-per-task`).
    public var cpus: Int?
    /// Memory (`--mem`, as Slurm writes it: `512M`, `2G`).
    public var memory: String?
    /// The job's time limit (`--time`); the task's `timeout` still applies.
    public var time: Duration?
    /// More flags for `srun` / `sbatch` (`["--account=proj", "--qos=short"]`).
    public var flags: [String]
    /// Tasks that reach the runner together go to Slurm as one array job (`sbatch --array
    /// --wait`) instead of one `srun` step each; their output is shown when the job ends.
    public var array: Bool

    /// Settings; all optional.
    public init(partition: String? = nil, cpus: Int? = nil, memory: String? = nil, time: Duration? = nil, flags: [String] = [], array: Bool = false) {
        self.partition = partition
        self.cpus = cpus
        self.memory = memory
        self.time = time
        self.flags = flags
        self.array = array
    }
}
