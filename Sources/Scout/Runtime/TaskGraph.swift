/// The `needs` graph of a parallel run: which task waits for which.
package struct TaskGraph: Sendable {
    /// For each task, the indexes of the tasks it needs.
    package let dependencies: [[Int]]

    /// What is wrong with a graph.
    package enum Problem: Error, Sendable, Equatable {
        /// Task `index` needs `name`, which no task in the run is called.
        case unknown(index: Int, name: String, suggestion: String?)
        /// These tasks need each other in a cycle (names in order, the first repeated last).
        case cycle([String])
        /// Two tasks in the run share a name.
        case duplicate(String)
    }

    /// Builds the graph from each task's name and the names it needs.
    package init(labels: [String?], needs: [[String]]) throws(Problem) {
        var byName: [String: Int] = [:]
        // Every name some task needs, gathered once: a repeated label is a problem only then.
        var needed: Set<String>?
        for (i, label) in labels.enumerated() {
            guard let label else { continue }
            if byName[label] != nil {
                if needed == nil { needed = Set(needs.joined()) }
                if needed!.contains(label) { throw .duplicate(label) }
            }
            byName[label] = byName[label] ?? i
        }
        var deps: [[Int]] = []
        for (i, names) in needs.enumerated() {
            var d: [Int] = []
            for name in names {
                guard let j = byName[name] else {
                    throw .unknown(index: i, name: name, suggestion: Suggestion.closest(to: name, in: byName.keys))
                }
                d.append(j)
            }
            deps.append(d)
        }
        dependencies = deps
        if let cycle = TaskGraph.findCycle(deps) {
            throw .cycle(cycle.map { labels[$0] ?? "task \($0)" })
        }
    }

    /// True when no task needs another.
    package var isFlat: Bool { dependencies.allSatisfy(\.isEmpty) }

    /// A cycle as indexes, the first repeated at the end; nil when there is none.
    static func findCycle(_ deps: [[Int]]) -> [Int]? {
        var color = [UInt8](repeating: 0, count: deps.count)  // 0 new, 1 on the path, 2 done
        var path: [Int] = []
        func visit(_ n: Int) -> [Int]? {
            color[n] = 1
            path.append(n)
            for m in deps[n] {
                if color[m] == 1, let start = path.firstIndex(of: m) { return Array(path[start...]) + [m] }
                if color[m] == 0, let c = visit(m) { return c }
            }
            path.removeLast()
            color[n] = 2
            return nil
        }
        for n in deps.indices where color[n] == 0 {
            if let c = visit(n) { return c }
        }
        return nil
    }
}
