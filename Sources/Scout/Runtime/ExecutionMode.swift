/// How a list of tasks runs.
public enum ExecutionMode: String, Sendable, Hashable, CaseIterable {
    /// One at a time, in order (the default).
    case sequential
    /// Concurrently, up to the executor's limit; results keep task order.
    case parallel
}
