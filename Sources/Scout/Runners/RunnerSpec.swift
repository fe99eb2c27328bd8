/// Which runner a task's process goes to, and its settings: what `use ssh(...)`, a task's
/// `on slurm(...)`, `--runner` and a JSON task's `"runner"` say.
public enum RunnerSpec: Sendable, Hashable, CustomStringConvertible {
    /// This machine (the default).
    case local
    /// A pool of SSH hosts.
    case ssh(SSHSettings)
    /// A Slurm cluster.
    case slurm(SlurmSettings)

    /// The runner's name: `local`, `ssh`, `slurm`.
    public var kind: String {
        switch self {
        case .local: return "local"
        case .ssh: return "ssh"
        case .slurm: return "slurm"
        }
    }

    /// The names `use` and `on` accept.
    public static let kinds = ["local", "ssh", "slurm"]

    public var description: String {
        switch self {
        case .local: return "local"
        case .ssh(let s): return "ssh(\(s.hosts.joined(separator: ", ")))"
        case .slurm(let s):
            let words = (s.partition.map { [$0] } ?? []) + (s.array ? ["array"] : [])
            return "slurm" + (words.isEmpty ? "" : "(\(words.joined(separator: ", ")))")
        }
    }
}
