/// The Python asyncio executor's figures, one mode: the whole process (the peer of a script,
/// which starts and parses too) and `executor.run` alone (the peer of the library).
struct PythonPeer {
    let process: Samples

    /// Median seconds of `executor.run` alone, as the script reports it.
    var run: Double {
        let sorted = process.all.compactMap(\.reported).sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// One run of `python3 executor.py n sequential|parallel 8`, with what it reports.
    static func body(python: String, script: String, tasks n: Int, parallel: Bool) -> () -> Measurement {
        {
            let (output, m) = Child.capture([python, script, String(n), parallel ? "parallel" : "sequential", "8"])
            var measurement = m
            measurement.reported = Double(output.filter { $0 != "\n" })
            return measurement
        }
    }
}
