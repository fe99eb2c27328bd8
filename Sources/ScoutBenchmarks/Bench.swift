import Glibc
import Scout

/// The benchmark: issue 11's goals, each workload timed for Scout and its peer in one run,
/// medians compared, and a summary of which goals are met.
struct Bench {
    let scout: String
    /// Repetitions of a workload of about a second (short ones run more, the 1M ones fewer).
    let repetitions: Int
    let quick: Bool
    let dir: String

    init(scout: String, quick: Bool) {
        self.scout = scout
        self.quick = quick
        repetitions = quick ? 3 : 10
        var template = Array("/tmp/scout-bench-XXXXXX".utf8CString)
        dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    /// Every goal row, in the issue's order, then the summary.
    func runAll(markdown: Bool) async {
        print("scout-bench: \(scout), \(repetitions) repetitions of most workloads, median wall time; "
              + "ratio = Scout / peer (lower is better); peak memory of the child alone (wait4 in a fresh measurer process)")
        var report = Report()
        let runs = scriptRuns()
        scriptTasks(runs, into: &report)
        await libraryTasks(python: runs.python, into: &report)
        memory(runs, into: &report)
        startup(into: &report)
        checkLines(into: &report)
        checkBigFile(into: &report)
        await languageServer(into: &report)
        processes(into: &report)
        growth(runs, into: &report)
        upToDate(into: &report)
        resumeFailed(into: &report)
        await sshPool(into: &report)
        await slurm(into: &report)
        heading(markdown ? "Summary (for README.md, Speed):\n" : "Summary:\n")
        print(report.summary(markdown: markdown))
        print("files: \(dir)")
    }

    /// The names `--only` takes, with what each runs once.
    static let onlyNames: [(String, String)] = [
        ("script", "the 100,000-task script, sequential (scout child)"),
        ("script-parallel", "the same in parallel(max: 8) (scout child)"),
        ("script-1m", "the 1,000,000-task script (scout child)"),
        ("library", "100,000 tasks through PipelineExecutor, in this process"),
        ("library-parallel", "the same in parallel, at most 8 at a time"),
        ("interpreter", "100,000 tasks of a host command through Interpreter, in this process"),
        ("interpreter-parallel", "the same in parallel(max: 8)"),
        ("startup", "the one-print shebang script (scout child)"),
        ("check", "scout check of the 100,000-line script (scout child)"),
        ("check-50mb", "scout check of the 50 MB script (scout child)"),
        ("processes", "2,000 run \"true\" in parallel(max: 8) (scout child)"),
        ("up-to-date", "the no-op re-run of 1,000 up-to-date tasks (scout child)"),
        ("resume", "--resume-failed after 3 failures of 10,000 tasks (scout child)"),
        ("lsp", "scout lsp's diagnostics and completion after edits of a 5,000-line script, in this process"),
        ("ssh", "1,000 run \"true\" over two SSH hosts (sshd started here) against GNU parallel"),
        ("slurm", "run \"true\" on a one-node Slurm cluster (started here) against xargs srun and sbatch --array"),
    ]

    /// Runs one workload once, for a profiler, with `tasks` tasks instead of its own number
    /// when given (the task workloads). Workloads in a scout child print the command, to
    /// profile scout itself: `perf record -g <the command>`.
    func runOnly(_ name: String, tasks: Int?) async {
        switch name {
        case "script": once([scout, "--quiet", loopScript(tasks ?? 100_000, parallel: false)], stdout: "/dev/null")
        case "script-parallel": once([scout, "--quiet", loopScript(tasks ?? 100_000, parallel: true)], stdout: "/dev/null")
        case "script-1m": once([scout, "--quiet", loopScript(tasks ?? 1_000_000, parallel: false)], stdout: "/dev/null")
        case "library": report(once: await pipelineExecutor(tasks ?? 100_000, parallel: false))
        case "library-parallel": report(once: await pipelineExecutor(tasks ?? 100_000, parallel: true))
        case "interpreter": report(once: await interpreter(tasks ?? 100_000, parallel: false))
        case "interpreter-parallel": report(once: await interpreter(tasks ?? 100_000, parallel: true))
        case "startup": once([shebangScript()], stdout: "/dev/null", environment: scoutOnPath())
        case "check": once([scout, "check", write("big.scout", CheckText.scout(lines: 100_000))])
        case "check-50mb": once([scout, "check", bigCheckFile()])
        case "processes": once([scout, "--quiet", processScript()])
        case "up-to-date":
            let script = upToDateProject(tasks ?? 1000) + "/build.scout"
            _ = Child.run([scout, "--quiet", script])
            once([scout, "--quiet", script])
        case "resume":
            var summary = Report()
            resumeFailed(into: &summary)
        case "lsp":
            var report = Report()
            await languageServer(into: &report)
        case "ssh":
            var report = Report()
            await sshPool(into: &report)
        case "slurm":
            var report = Report()
            await slurm(into: &report)
        default:
            print("scout-bench: --only takes one of:")
            for (n, what) in Bench.onlyNames { print("  " + n.padded(22) + what) }
            exit(2)
        }
    }

    private func once(_ argv: [String], stdout: String? = nil, environment: [String]? = nil) {
        print("running: " + argv.joined(separator: " ") + (stdout.map { " > " + $0 } ?? ""))
        let m = environment == nil ? Child.measured(argv, stdout: stdout ?? "/dev/null") : Child.run(argv, stdout: stdout, environment: environment)
        print("\(Figure.ms(m.seconds)), peak \(Figure.mib(kib: m.peakKiB)), exit status \(m.status)")
    }

    private func report(once seconds: Double) { print(Figure.ms(seconds)) }

    // MARK: - Helpers shared by the workloads

    /// Writes `text` to a file in the benchmark's directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        FileDescriptorWriter.writeAll(fd, text)
        close(fd)
        return path
    }

    /// The script of the in-process task workloads: N tasks printing to stdout, each storing
    /// its result under the same name.
    func loopScript(_ n: Int, parallel: Bool) -> String {
        write("loop-\(n)\(parallel ? "-parallel" : "").scout", Bench.loopText(n, parallel: parallel, command: "print i"))
    }

    static func loopText(_ n: Int, parallel: Bool, command: String) -> String {
        (parallel ? "parallel(max: 8) " : "") + "for i in range(\(n)) {\n  \(command) if i >= 0 store as r\n}\n"
    }

    /// Samples of a measured scout run.
    func samples(_ count: Int, warmUp: Bool = true, _ argv: [String]) -> Samples {
        Samples.of(count, warmUp: warmUp, measured(argv))
    }

    /// A run of argv through the measurer, stdout to /dev/null, warning when it fails (its
    /// figures would mean nothing).
    func measured(_ argv: [String]) -> () -> Measurement {
        {
            let m = Child.measured(argv)
            if m.status != 0 { print("  warning: \(argv.joined(separator: " ")) exited with status \(m.status)") }
            return m
        }
    }

    /// The verdict of a ratio against a goal of at most `goal`.
    func verdict(_ ratio: Double?, atMost goal: Double) -> Bool? { ratio.map { $0 <= goal } }

    /// The title of a workload's details, after a blank line; what is printed before it is
    /// flushed, so that progress shows through a pipe (scout-bench | tee bench.txt).
    func heading(_ title: String) {
        fflush(nil)
        print("\n" + title)
    }

    /// One detail line: a name and its figures.
    func detail(_ name: String, _ figures: String) { print("  " + name.padded(52) + figures) }
}
