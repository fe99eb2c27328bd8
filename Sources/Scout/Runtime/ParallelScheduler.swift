/// Runs work items concurrently up to a limit, in index order, honouring a `needs` graph:
/// an item starts once the items it needs have finished, and is not run when one of them
/// did not succeed or when the pipeline has stopped. Results keep index order.
struct ParallelScheduler {
    /// Why an item was not started.
    enum NotRun {
        case stopped(String)
        case needFailed(Int)
    }

    let count: Int
    let limit: Int
    let graph: TaskGraph?
    /// Whether the results are given back (a graph with `needs` keeps them all anyway).
    var keepsResults = true
    /// The reason the pipeline stopped, or nil while it runs.
    let stopReason: @Sendable () -> String?
    /// True when the items still running are to be ended now (fail-fast), not waited for.
    let halted: @Sendable () -> Bool
    let work: @Sendable (Int) async -> TaskResult
    let notRun: @Sendable (Int, NotRun) async -> TaskResult

    func run() async -> [TaskResult] {
        let flat = graph?.isFlat ?? true
        // Results are needed to give them back, or to decide what `needs` them.
        var results = [TaskResult?](repeating: nil, count: keepsResults || !flat ? count : 0)
        await withTaskGroup(of: (Int, TaskResult).self) { group in
            var inFlight = 0
            if let graph, !graph.isFlat {
                var pending = Array(0..<count)
                while true {
                    var progressed = true
                    while progressed {
                        progressed = false
                        var k = 0
                        while k < pending.count {
                            let i = pending[k]
                            let deps = graph.dependencies[i]
                            guard deps.allSatisfy({ results[$0] != nil }) else {
                                k += 1
                                continue
                            }
                            if let failed = deps.first(where: { !(results[$0]!.ok || results[$0]!.upToDate) }) {
                                results[i] = await notRun(i, .needFailed(failed))
                            } else if let reason = stopReason() {
                                results[i] = await notRun(i, .stopped(reason))
                            } else if inFlight < limit {
                                group.addTask { (i, await work(i)) }
                                inFlight += 1
                            } else {
                                k += 1
                                continue
                            }
                            pending.remove(at: k)
                            progressed = true
                        }
                    }
                    guard inFlight > 0, let (i, r) = await group.next() else { break }
                    results[i] = r
                    inFlight -= 1
                    if halted() { group.cancelAll() }
                }
            } else {
                var next = 0
                while next < count || inFlight > 0 {
                    while inFlight < limit, next < count {
                        let i = next
                        next += 1
                        if let reason = stopReason() {
                            let r = await notRun(i, .stopped(reason))
                            if keepsResults { results[i] = r }
                            continue
                        }
                        group.addTask { (i, await work(i)) }
                        inFlight += 1
                    }
                    guard let (i, r) = await group.next() else { break }
                    if keepsResults { results[i] = r }
                    inFlight -= 1
                    if halted() { group.cancelAll() }
                }
            }
        }
        guard keepsResults else { return [] }
        return results.enumerated().map { i, r in r ?? .error("task \(i) was never scheduled") }
    }
}
