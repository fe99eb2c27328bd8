/// The shell scripts of a ``SlurmArrayBatch``: one job script that every array task runs,
/// and one script per index that runs that index's command.
///
/// The job script runs `INDEX.sh` for its `$SLURM_ARRAY_TASK_ID` and writes the exit status
/// to `INDEX.status` (a command killed by a signal gives 128 + the signal, as `srun` does).
/// An index's script sets the task's variables, changes to its directory (failing with
/// status 1 when it cannot), and runs the program with its input (`INDEX.in` or
/// `/dev/null`), under `timeout` when the task has one (status 124 then).
enum SlurmArrayScript {
    /// The script `sbatch` is given, for files in `directory`.
    static func job(directory: String) -> String {
        let base = ShellQuote.quote(directory + "/")
        return """
            #!/bin/sh
            i=${SLURM_ARRAY_TASK_ID:?}
            /bin/sh \(base)"$i.sh"
            echo $? > \(base)"$i.status"

            """
    }

    /// The script of one index: `spec`'s command, its input read from `inputPath` when it has bytes.
    static func task(_ spec: ProcessSpec, inputPath: String) throws(RunnerError) -> String {
        var lines = ["#!/bin/sh"]
        for (name, value) in spec.environmentOverrides.sorted(by: { $0.key < $1.key }) {
            guard isVariableName(name) else { throw .engine("a Slurm array job cannot set the variable \(name): not a shell name") }
            lines.append("export \(name)=" + ShellQuote.quote(value))
        }
        if let directory = spec.workingDirectory {
            lines.append("cd -- " + ShellQuote.quote(directory) + " || exit 1")
        }
        var command: [String]
        switch spec.program {
        case .shell(let line): command = ["/bin/sh", "-c", line]
        case .argv(let argv):
            guard !argv.isEmpty else { throw .process(.emptyArgv) }
            command = argv
        }
        if let timeout = spec.timeout {
            command = ["timeout", "--kill-after=" + seconds(spec.killGrace), seconds(timeout)] + command
        }
        let input: String
        switch spec.input {
        case .bytes: input = ShellQuote.quote(inputPath)
        case .null, .inherit, .held: input = "/dev/null"
        }
        lines.append("exec " + command.map(ShellQuote.quote).joined(separator: " ") + " < " + input)
        return lines.joined(separator: "\n") + "\n"
    }

    /// True for a name `export` takes: a letter or `_`, then letters, digits and `_`.
    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// A duration as `timeout` takes it: seconds, with up to three decimals (`1.5s`).
    static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        let millis = Int64(atto / 1_000_000_000_000_000)
        guard millis > 0 else { return "\(max(whole, 0))s" }
        let fraction = String(millis + 1000).dropFirst()
        return "\(whole).\(fraction)s"
    }
}
