/// The results of the units of a parallel block or loop, gathered as they finish and given
/// back in unit order. One flat list: a loop over 100,000 items allocates no list per item.
final class UnitResults: Sendable {
    private let entries = SanitizerVisibleMutex([(unit: Int, result: TaskResult)]())

    /// Adds the results of one unit, in their order.
    func add(_ results: [TaskResult], unit: Int) {
        guard !results.isEmpty else { return }
        entries.withLock { e in
            for r in results { e.append((unit, r)) }
        }
    }

    /// Every result, ordered by unit (a unit's own results keep their order).
    func inUnitOrder() -> [TaskResult] {
        entries.withLock { e in
            // Sorting by (unit, position) keeps each unit's results in the order it added them.
            e.enumerated().sorted { ($0.element.unit, $0.offset) < ($1.element.unit, $1.offset) }.map(\.element.result)
        }
    }
}
