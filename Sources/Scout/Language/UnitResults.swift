/// The results of the units of a parallel block or loop, gathered as they finish and given
/// back as if the units had run in order: the first failure and the last result are those of
/// the lowest and highest units, and the results kept are in unit order. Nothing is held per
/// unit beyond the results kept, so a loop over 100,000 items holds no list per item.
final class UnitResults: Sendable {
    private struct State: Sendable {
        var totals: StepResults
        var kept: [(unit: Int, result: TaskResult)] = []
        var first: (unit: Int, result: TaskResult)?
        var firstFailure: (unit: Int, result: TaskResult)?
        var lastRan: (unit: Int, result: TaskResult)?
        var lastSkip: (unit: Int, reason: String?)?
    }

    private let state: SanitizerVisibleMutex<State>
    private let limit: Int

    /// Gathering, keeping at most `limit` results.
    init(limit: Int) {
        self.limit = limit
        state = SanitizerVisibleMutex(State(totals: StepResults(limit: 0)))
    }

    /// Adds the results of one unit.
    func add(_ results: StepResults, unit: Int) {
        guard results.count > 0 else { return }
        state.withLock { s in
            s.totals.append(contentsOf: results)
            for r in results.kept where s.kept.count < limit { s.kept.append((unit, r)) }
            if let f = results.first, s.first.map({ unit < $0.unit }) ?? true { s.first = (unit, f) }
            if let f = results.firstFailure, s.firstFailure.map({ unit < $0.unit }) ?? true { s.firstFailure = (unit, f) }
            if let r = results.lastRan, s.lastRan.map({ unit >= $0.unit }) ?? true { s.lastRan = (unit, r) }
            if s.lastSkip.map({ unit >= $0.unit }) ?? true { s.lastSkip = (unit, results.lastSkipReason) }
        }
    }

    /// The results of every unit, as if they had run one after the other.
    func inUnitOrder() -> StepResults {
        state.withLock { s in
            // Sorting by (unit, position) keeps each unit's results in the order it added them.
            let kept = s.kept.enumerated().sorted { ($0.element.unit, $0.offset) < ($1.element.unit, $1.offset) }.map(\.element.result)
            return StepResults(limit: limit, kept: kept, totals: s.totals, first: s.first?.result, firstFailure: s.firstFailure?.result,
                               lastRan: s.lastRan?.result, lastSkipReason: s.lastSkip?.reason ?? nil)
        }
    }
}
