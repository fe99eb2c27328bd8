/// The reserved words of the language.
public enum Keyword: String, Sendable, CaseIterable {
    case `let`, task, parallel, sequential, `for`, `in`, `if`, `else`, stop, command, use
    case `true`, `false`, null, and, or, not
    case skip_if, stop_if, store, `as`, retry, timeout, needs, extract

    /// Keywords that start a clause of a task.
    public static let clauseStarters: Set<Keyword> = [.if, .skip_if, .stop_if, .store, .retry, .timeout, .needs, .extract]
}
