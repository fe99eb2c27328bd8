#if canImport(Glibc)
import Glibc
#endif

/// Slurm's own commands as a runner calls them: where they are, and `squeue` and `scancel`
/// to find and end a runner's jobs.
///
/// Each runs with the inherited environment (so `SLURM_CONF` and the like are honoured)
/// plus ``environment``, and is found on that environment's `PATH` once, before a task's
/// variables (which may change `PATH`) are added.
struct SlurmControl: Sendable {
    let supervisor: ProcessSupervisor
    /// Set on top of the inherited environment for every Slurm command.
    let environment: [String: String]

    /// How long a `squeue` or `scancel` may take.
    static let commandTimeout: Duration = .seconds(30)

    /// The absolute path of Slurm's command `name`, or nil when it is not on `PATH`.
    func path(of name: String) -> String? {
        let searchPath = environment["PATH"] ?? getenv("PATH").map { String(cString: $0) }
        guard let found = ExecutableLocator.locate(name, searchPath: searchPath, workingDirectory: nil) else { return nil }
        if found.hasPrefix("/") { return found }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return found }
        let directory = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return directory + "/" + found
    }

    /// Cancels the jobs named `names` (`scancel --name`), whatever state they are in.
    func cancel(names: [String]) async {
        for name in names {
            _ = await command("scancel", ["--name=" + name])
        }
    }

    /// Cancels every job of this user whose name starts with `prefix`.
    func cancel(prefix: String) async {
        let ids = await jobs().filter { $0.name.hasPrefix(prefix) }.map(\.id)
        if !ids.isEmpty { _ = await command("scancel", ids) }
    }

    /// This user's jobs still known to Slurm (queued, running or completing), as
    /// `squeue --me` lists them; none when it fails.
    func jobs() async -> [(id: String, name: String)] {
        guard let outcome = await command("squeue", ["--me", "--noheader", "--format=%i|%j"]), outcome.status == .exited(0) else { return [] }
        return String(decoding: outcome.stdout, as: UTF8.self).split(separator: "\n").compactMap { line -> (id: String, name: String)? in
            let fields = line.split(separator: "|", maxSplits: 1)
            guard fields.count == 2 else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
    }

    /// Runs Slurm's command `name` to its end, apart from the caller's cancellation (the
    /// clean-up it does must happen even when the awaiting task was cancelled); nil when it
    /// could not be started.
    func command(_ name: String, _ arguments: [String]) async -> ProcessOutcome? {
        guard let program = path(of: name) else { return nil }
        let spec = ProcessSpec(
            program: .argv([program] + arguments), environmentOverrides: environment,
            timeout: Self.commandTimeout, captureLimit: 1 << 20)
        let supervisor = self.supervisor
        return await Task.detached { try? await supervisor.run(spec) }.value
    }
}
