/// The `srun` command line that runs one task as one job step.
///
/// `srun --job-name=NAME --ntasks=1 [--partition --cpus-per-task --mem --time] FLAGS
/// [--chdir=DIR] --export=ALL [--input=none] --quiet PROGRAM`. The task's variables are not
/// on the command line: they are set in `srun`'s own environment, which `--export=ALL`
/// hands to the step. With a working directory the program runs under a small `/bin/sh`
/// that changes to it first and fails (status 1) when it cannot: `slurmstepd` itself only
/// warns and runs the command in `/tmp` instead.
enum SlurmStepCommand {
    /// The script of the directory guard: `sh -c GUARD scout-slurm-chdir DIR PROGRAM...`.
    static let directoryGuard = #"cd -- "$1" || exit 1; shift; exec "$@""#

    /// The whole command line, `srun` (an absolute path) first.
    static func arguments(srun: String, jobName: String, settings: SlurmSettings, spec: ProcessSpec) throws(ProcessError) -> [String] {
        var args = [srun, "--job-name=" + jobName, "--ntasks=1"]
        args += resourceFlags(settings)
        if let directory = spec.workingDirectory { args.append("--chdir=" + directory) }
        args.append("--export=ALL")
        if spec.input == .null { args.append("--input=none") }
        args.append("--quiet")
        args += try program(spec)
        return args
    }

    /// The flags `settings` asks for (partition, CPUs, memory, time, then its own flags),
    /// shared with `sbatch`.
    static func resourceFlags(_ settings: SlurmSettings) -> [String] {
        var args: [String] = []
        if let partition = settings.partition { args.append("--partition=" + partition) }
        if let cpus = settings.cpus { args.append("--cpus-per-task=\(cpus)") }
        if let memory = settings.memory { args.append("--mem=" + memory) }
        if let time = settings.time { args.append("--time=" + SlurmTimeLimit.format(time)) }
        return args + settings.flags
    }

    /// What the step runs: `/bin/sh -c LINE` or the argv, behind the directory guard when
    /// the task has a working directory.
    static func program(_ spec: ProcessSpec) throws(ProcessError) -> [String] {
        let command: [String]
        switch spec.program {
        case .shell(let line): command = ["/bin/sh", "-c", line]
        case .argv(let argv):
            guard !argv.isEmpty else { throw .emptyArgv }
            command = argv
        }
        guard let directory = spec.workingDirectory else { return command }
        return ["/bin/sh", "-c", directoryGuard, "scout-slurm-chdir", directory] + command
    }
}
