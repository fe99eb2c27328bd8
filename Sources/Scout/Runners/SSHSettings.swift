/// The settings of an SSH pool: `use ssh(hosts: ["node1", "node2"], per_host: 4)`.
public struct SSHSettings: Sendable, Hashable {
    /// The hosts, as `ssh` is given them (aliases of the ssh config, `user@host`, `host`).
    public var hosts: [String]
    /// How many tasks run on one host at once.
    public var perHost: Int
    /// An ssh config file to use instead of the user's (`ssh -F`).
    public var configFile: String?
    /// More options for every `ssh` (`["-o", "ConnectTimeout=5"]`).
    public var options: [String]
    /// How many connection failures in a row take a host out of the pool.
    public var maxHostFailures: Int
    /// The directory tasks run in on a host (made if missing), in place of the task's own
    /// working directory, which is then this machine's only; uploads and downloads are
    /// relative to it there.
    public var workdir: String?

    /// Settings for `hosts`.
    public init(hosts: [String], perHost: Int = 4, configFile: String? = nil, options: [String] = [], maxHostFailures: Int = 3, workdir: String? = nil) {
        self.hosts = hosts
        self.perHost = perHost
        self.configFile = configFile
        self.options = options
        self.maxHostFailures = maxHostFailures
        self.workdir = workdir
    }
}
