/// Conditions in a run where some values may be unknown (a dry run).
extension Evaluator {
    /// Decides a condition: undecided when it reads an unknown value (the result of a task
    /// that did not run), else true or false as ``condition(_:)`` says.
    package func decide(_ expression: Expression) throws(EvaluationError) -> Decision {
        if readsUnknown(expression) { return .undecided }
        return try condition(expression) ? .yes : .no
    }

    /// Whether evaluating the expression reads an unknown value: a name, field or index
    /// whose value is or holds ``Value/unknown``.
    func readsUnknown(_ e: Expression) -> Bool {
        switch e.kind {
        case .literal:
            return false
        case .variable, .member:
            // `lint.command` reads only that field; when the path cannot be evaluated, what
            // it starts from decides.
            if let v = try? eval(e, lenient: true) { return v.containsUnknown }
            if case .member(let base, _) = e.kind { return readsUnknown(base) }
            return false
        case .index(let base, let index):
            if readsUnknown(index) { return true }
            if let v = try? eval(e, lenient: true) { return v.containsUnknown }
            return readsUnknown(base)
        case .interpolated(let parts):
            return parts.contains { part in
                if case .interpolation(let inner) = part { return readsUnknown(inner) }
                return false
            }
        case .list(let elements):
            return elements.contains(where: readsUnknown)
        case .map(let entries):
            return entries.contains { readsUnknown($0.value) }
        case .call(_, let arguments):
            return arguments.contains(where: readsUnknown)
        case .unary(_, let operand):
            return readsUnknown(operand)
        case .binary(_, let l, let r):
            return readsUnknown(l) || readsUnknown(r)
        }
    }
}
