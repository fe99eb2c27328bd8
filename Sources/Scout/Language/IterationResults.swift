/// The results of a loop's iterations for `for X in EXPR store as NAME`: one per iteration,
/// in iteration order, each the iteration's body result as a task block's result is, with
/// the loop variable's value under `item`. Iterations that did not run are skipped.
final class IterationResults: Sendable {
    private let entries: SanitizerVisibleMutex<[Value?]>

    /// Room for `count` iterations (more are appended as they come).
    init(count: Int) {
        entries = SanitizerVisibleMutex([Value?](repeating: nil, count: count))
    }

    /// Records iteration `k`: the results its body ran, and its item.
    func set(_ k: Int, results: StepResults, item: Value) {
        var r = results.blockResult(command: "for", name: nil)
        r.command = "for"
        r.durationMs = results.durationMs
        let value = IterationResults.value(r, item: item)
        entries.withLock { e in
            while e.count <= k { e.append(nil) }
            e[k] = value
        }
    }

    /// Records iteration `k` as not run.
    func skip(_ k: Int, item: Value, reason: String?) {
        var r = TaskResult.skipped(reason)
        r.command = "for"
        let value = IterationResults.value(r, item: item)
        entries.withLock { e in
            while e.count <= k { e.append(nil) }
            e[k] = value
        }
    }

    /// The list, in iteration order; an iteration never recorded is skipped.
    func list(items: [Value], reason: String?) -> Value {
        let e = entries.withLock { $0 }
        return .list(e.enumerated().map { k, v in
            v ?? IterationResults.value(TaskResult.skipped(reason), item: k < items.count ? items[k] : .null)
        })
    }

    static func value(_ r: TaskResult, item: Value) -> Value {
        guard case .map(var m) = r.toValue() else { return r.toValue() }
        m["item"] = item
        return .map(m)
    }
}
