import Glibc

/// Rows 1, 3, 4 and 9: the task loop as a script, against the Python executor, its peak
/// memory, and its speed from 1,000 to 1,000,000 tasks.
extension Bench {
    static let sizes = [1_000, 10_000, 100_000, 1_000_000]

    /// Every scout run of the loop script: each size sequentially, and 100,000 in parallel;
    /// the 100,000-task runs alternate with the Python executor's.
    func scriptRuns() -> ScriptRuns {
        // Short runs are noisy against start-up: they run more often; 1M runs once or three times.
        func count(_ n: Int) -> Int {
            switch n {
            case ..<10_000: quick ? 10 : 30
            case ..<100_000: quick ? 5 : 20
            case ..<1_000_000: repetitions
            default: quick ? 1 : 3
            }
        }
        let python = Child.which("python3")
        let executor = write("executor.py", PythonExecutor.source)
        if python == nil { print("python3 not installed (apt-get install python3): the in-process rows have no peer") }
        /// scout's runs of `n` tasks, and the Python executor's when it is there.
        func alternating(_ n: Int, parallel: Bool) -> (Samples, PythonPeer?) {
            let scoutRun = measured([scout, "--quiet", loopScript(n, parallel: parallel)])
            guard let python else { return (Samples.of(count(n), scoutRun), nil) }
            let both = Samples.alternating(count(n), [scoutRun, PythonPeer.body(python: python, script: executor, tasks: n, parallel: parallel)])
            return (both[0], PythonPeer(process: both[1]))
        }
        let empty = samples(count(0), [scout, "--quiet", loopScript(0, parallel: false)])
        var sequential: [(tasks: Int, samples: Samples)] = []
        var pythonSequential: PythonPeer?
        for n in Bench.sizes {
            if n == 100_000 {
                let (s, peer) = alternating(n, parallel: false)
                sequential.append((tasks: n, samples: s))
                pythonSequential = peer
            } else {
                sequential.append((tasks: n, samples: samples(count(n), warmUp: n < 1_000_000, [scout, "--quiet", loopScript(n, parallel: false)])))
            }
        }
        let (parallel, pythonParallel) = alternating(100_000, parallel: true)
        return ScriptRuns(empty: empty, sequential: sequential, parallel: parallel,
                          python: pythonSequential.flatMap { s in pythonParallel.map { (s, $0) } })
    }

    /// Row 1: 100,000 tasks as a script, sequential and `parallel(max: 8)`, against the whole
    /// Python process (which, like scout, starts and then runs them).
    func scriptTasks(_ runs: ScriptRuns, into report: inout Report) {
        let n = 100_000
        let python = runs.python
        for (parallel, scout) in [(false, runs.sequential(n)), (true, runs.parallel)] {
            let mode = parallel ? "`parallel(max: 8)`" : "sequential"
            let peer = python.map { parallel ? $0.parallel : $0.sequential }
            heading("\(Figure.grouped(n)) in-process tasks, script, \(Report.plain(mode)) (print to /dev/null, --quiet)")
            detail("scout", Figure.ms(scout.median) + "  " + Figure.perTask(scout.median, n))
            let peerName = "Python asyncio executor" + (parallel ? ", semaphore of 8" : "")
            if let peer { detail(peerName, Figure.ms(peer.process.median) + "  " + Figure.perTask(peer.process.median, n)) }
            let ratio = peer.map { scout.median / $0.process.median }
            report.add(GoalRow(
                workload: "\(Figure.grouped(n)) in-process tasks, script, \(mode)",
                scout: Figure.ms(scout.median) + " (" + Figure.perTask(scout.median, n) + ")",
                peer: peer.map { peerName + ": " + Figure.ms($0.process.median) } ?? "not installed (apt-get install python3)",
                ratio: Figure.ratio(ratio), goal: "≤ 0.1", met: verdict(ratio, atMost: 0.1)))
        }
    }

    /// Rows 3 and 4: peak memory of the sequential loop (flat from 10k to 1M) and of 100,000
    /// parallel tasks.
    func memory(_ runs: ScriptRuns, into report: inout Report) {
        let floor = samples(1, warmUp: false, ["true"]).peakKiB
        heading("peak memory of the loop script, sequential (a run of `true` measured the same way: \(Figure.mib(kib: floor)))")
        for n in Bench.sizes { detail("\(Figure.grouped(n)) tasks", Figure.mib(kib: runs.sequential(n).peakKiB)) }
        let small = runs.sequential(10_000).peakKiB, large = runs.sequential(1_000_000).peakKiB
        let growth = Double(large) / Double(max(small, 1))
        report.add(GoalRow(
            workload: "memory: 1,000,000 sequential tasks storing to the same name",
            scout: Figure.mib(kib: large) + " (10k: \(Figure.mib(kib: small)), 100k: \(Figure.mib(kib: runs.sequential(100_000).peakKiB)))",
            peer: "—", ratio: "1M / 10k: " + Figure.decimal(growth),
            goal: "≤ 32 MiB, flat (1M / 10k ≤ 1.2)", met: large <= 32 * 1024 && growth <= 1.2))

        heading("peak memory of 100,000 tasks in parallel(max: 8)")
        detail("scout", Figure.mib(kib: runs.parallel.peakKiB))
        report.add(GoalRow(
            workload: "memory: 100,000 `parallel(max: 8)` tasks", scout: Figure.mib(kib: runs.parallel.peakKiB),
            peer: "—", ratio: "—", goal: "≤ 48 MiB", met: runs.parallel.peakKiB <= 48 * 1024))
    }

    /// Row 9: the tasks/s curve of the sequential loop script.
    func growth(_ runs: ScriptRuns, into report: inout Report) {
        heading("growth: tasks/s of the sequential loop script, net of start-up (the same script with no iterations: \(Figure.ms(runs.empty.median)))")
        for n in Bench.sizes {
            detail("\(Figure.grouped(n)) tasks", Figure.ms(runs.sequential(n).median) + "  " + Figure.rate(runs.rate(n)))
        }
        let rates = Bench.sizes.map(runs.rate)
        let spread = rates.max()! / rates.min()!
        report.add(GoalRow(
            workload: "growth: tasks/s at 1k, 10k, 100k, 1M sequential tasks",
            scout: Bench.sizes.map { Bench.short($0) + ": " + Figure.rate(runs.rate($0)) }.joined(separator: " · "),
            peer: "—", ratio: "max / min: " + Figure.decimal(spread), goal: "max / min ≤ 1.2", met: spread <= 1.2))
    }

    /// 1k, 10k, 100k, 1M.
    static func short(_ n: Int) -> String { n >= 1_000_000 ? "\(n / 1_000_000)M" : "\(n / 1000)k" }
}
