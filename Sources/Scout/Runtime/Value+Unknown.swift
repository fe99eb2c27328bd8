/// What a dry run does not know: the fields of the result of a task that did not run.
extension Value {
    /// The marker a dry run puts in every field of a result that only running the task would
    /// decide. It shows as `<unknown>` where a plan prints it; a condition that reads it is
    /// undecided (``Evaluator/decide(_:)``).
    package static let unknown = Value.string("<unknown>")

    /// True when the value is ``unknown`` or holds it in a list or map.
    package var containsUnknown: Bool {
        switch self {
        case .string(let s): return s == "<unknown>"
        case .list(let l): return l.contains { $0.containsUnknown }
        case .map(let m): return m.values.contains { $0.containsUnknown }
        default: return false
        }
    }
}
