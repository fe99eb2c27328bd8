/// The Python asyncio executor's figures, one mode: the whole process (the peer of a script,
/// which starts and parses too) and `executor.run` alone (the peer of the library).
struct PythonPeer {
    let process: Samples
    /// Median seconds of `executor.run` alone, as the script reports it.
    let run: Double

    /// Runs `python3 executor.py n mode 8` `count` times after a warm-up.
    static func measure(python: String, script: String, tasks n: Int, parallel: Bool, count: Int) -> PythonPeer {
        var runs: [Double] = []
        let process = Samples.of(count) {
            let (output, m) = Child.capture([python, script, String(n), parallel ? "parallel" : "sequential", "8"])
            if let s = Double(output.filter { $0 != "\n" }) { runs.append(s) }
            return m
        }
        // The warm-up run's own figure is the first; drop it as the process samples do.
        let counted = runs.dropFirst().sorted()
        return PythonPeer(process: process, run: counted.isEmpty ? .nan : counted[counted.count / 2])
    }
}
