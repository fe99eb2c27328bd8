/// Repeated measurements of one workload: the median time and the highest peak memory.
struct Samples {
    private(set) var all: [Measurement] = []

    init(_ all: [Measurement] = []) { self.all = all }

    mutating func append(_ m: Measurement) { all.append(m) }

    /// The median wall time in seconds.
    var median: Double {
        let sorted = all.map(\.seconds).sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// The highest peak resident memory of the runs, in KiB.
    var peakKiB: Int { all.map(\.peakKiB).max() ?? 0 }

    /// Runs `body` `count` times (after one uncounted warm-up run when `warmUp`).
    static func of(_ count: Int, warmUp: Bool = true, _ body: () -> Measurement) -> Samples {
        if warmUp { _ = body() }
        return Samples((0..<count).map { _ in body() })
    }

    /// Runs each body once to warm up, then `count` rounds of each body in turn, so that
    /// workloads compared with each other see the same load on a shared machine.
    static func alternating(_ count: Int, _ bodies: [() -> Measurement]) -> [Samples] {
        for body in bodies { _ = body() }
        var samples = [Samples](repeating: Samples(), count: bodies.count)
        for _ in 0..<count {
            for (i, body) in bodies.enumerated() { samples[i].append(body()) }
        }
        return samples
    }

    /// Runs an in-process `body`, which returns the seconds it measured, `count` times after
    /// one warm-up run; a body whose warm-up run took over `slow` seconds runs no more, and
    /// that run is the only sample.
    static func timing(_ count: Int, slow: Double = 5, _ body: () async -> Double) async -> Samples {
        let first = await body()
        var samples = Samples()
        if first > slow { return Samples([Measurement(seconds: first, peakKiB: 0, status: 0)]) }
        for _ in 0..<count { samples.append(Measurement(seconds: await body(), peakKiB: 0, status: 0)) }
        return samples
    }
}
