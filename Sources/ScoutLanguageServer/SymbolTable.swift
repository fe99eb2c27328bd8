import Scout

/// Every name a script defines and uses, with where it is written; finds what a use
/// refers to, and every place a name is written for the same thing.
///
/// Values share one name space (`let`, `param`, task names, `store as`, loop variables and
/// command parameters), commands another. A loop variable and a command's parameters are
/// visible in their body; every other name in the whole script. A use refers to the
/// definition visible at it with the innermost scope: the last one written before it, or
/// the first one after (a task may be named in `needs` before its block).
struct SymbolTable: Sendable {
    /// Definitions and uses, in the order they were found.
    let occurrences: [SymbolOccurrence]
    /// The occurrences of each name, in source order.
    private let byName: [String: [SymbolOccurrence]]

    /// The names of `statements`, and the names of named arguments found in `tokens`.
    init(_ statements: [Statement], tokens: [Token]) {
        var collector = SymbolCollector()
        collector.walk(statements, scope: 0..<Int.max)
        var all = collector.occurrences
        for call in collector.occurrences where call.isCommand && call.definition == nil {
            guard let index = ArgumentLabels.tokenIndex(at: call.span.offset, in: tokens) else { continue }
            for label in ArgumentLabels.labels(ofTaskAt: index, in: tokens) {
                all.append(SymbolOccurrence(name: label.text, span: label.span, isCommand: false, definition: nil, scope: 0..<0,
                                            statement: label.span, argumentOf: call.name))
            }
        }
        occurrences = all.sorted { $0.span.offset < $1.span.offset }
        byName = Dictionary(grouping: occurrences, by: \.name)
    }

    /// The occurrence at a byte offset (the name containing it, or just before it).
    func occurrence(at offset: Int) -> SymbolOccurrence? {
        let lo = occurrences.count(startingBefore: offset, orAt: true) { $0.span.offset }
        var i = lo - 1
        while i >= 0, i >= lo - 4 {
            if occurrences[i].contains(offset) { return occurrences[i] }
            i -= 1
        }
        return nil
    }

    /// The definition an occurrence refers to (itself for a definition).
    func definition(of occurrence: SymbolOccurrence) -> SymbolOccurrence? {
        if occurrence.definition != nil { return occurrence }
        if let command = occurrence.argumentOf {
            guard let d = definition(named: command, isCommand: true, at: occurrence.span.offset) else { return nil }
            let body = d.statement.offset..<(d.statement.offset + d.statement.length)
            return byName[occurrence.name]?.first { $0.definition == .commandParameter && $0.scope == body }
        }
        return definition(named: occurrence.name, isCommand: occurrence.isCommand, at: occurrence.span.offset)
    }

    /// The definition of a name visible at an offset.
    func definition(named name: String, isCommand: Bool, at offset: Int) -> SymbolOccurrence? {
        let candidates = (byName[name] ?? []).filter {
            $0.definition != nil && $0.name == name && $0.isCommand == isCommand && $0.scope.contains(offset)
        }
        guard let innermost = candidates.map(\.scope.count).min() else { return nil }
        let inScope = candidates.filter { $0.scope.count == innermost }
        return inScope.last { $0.span.offset <= offset } ?? inScope.first
    }

    /// Every place the thing an occurrence refers to is written: its definitions and uses.
    func occurrences(sameAs occurrence: SymbolOccurrence) -> [SymbolOccurrence] {
        guard let target = definition(of: occurrence) else { return [occurrence] }
        return (byName[target.name] ?? []).filter { o in
            guard o.name == target.name, o.isCommand == target.isCommand else { return false }
            if o.definition != nil { return o.scope == target.scope }
            return definition(of: o)?.scope == target.scope
        }
    }

    /// The definitions visible at an offset, the innermost for each name.
    func visibleDefinitions(at offset: Int) -> [SymbolOccurrence] {
        var seen: [String: SymbolOccurrence] = [:]
        for o in occurrences where o.definition != nil && o.scope.contains(offset) {
            let key = (o.isCommand ? "command " : "") + o.name
            if let old = seen[key], old.scope.count < o.scope.count { continue }
            if let old = seen[key], old.scope.count == o.scope.count, old.span.offset <= offset, o.span.offset > offset { continue }
            seen[key] = o
        }
        return seen.values.sorted { $0.span.offset < $1.span.offset }
    }
}
