/// The scout runs of the task-loop script (`for i in range(N) { print i if i >= 0 store as r }`,
/// stdout to /dev/null, `--quiet`), shared by the rows on per-task time, memory and growth,
/// and the Python peer's runs.
struct ScriptRuns {
    /// The same script with no iterations: start-up and parsing, subtracted for the growth curve.
    let empty: Samples
    /// Sequential runs by number of tasks.
    let sequential: [(tasks: Int, samples: Samples)]
    /// 100,000 tasks in `parallel(max: 8)`.
    let parallel: Samples
    /// The Python executor with 100,000 tasks, sequential and parallel (its runs alternate
    /// with scout's of the same mode), or nil when python3 is missing.
    let python: (sequential: PythonPeer, parallel: PythonPeer)?

    func sequential(_ n: Int) -> Samples { sequential.first { $0.tasks == n }!.samples }

    /// Tasks per second at `n` tasks, net of start-up.
    func rate(_ n: Int) -> Double { Double(n) / max(sequential(n).median - empty.median, 1e-9) }
}
