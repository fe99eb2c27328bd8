/// The outcome of a condition in a run where some values may be unknown (a dry run).
package enum Decision: Sendable, Equatable {
    /// The condition is true.
    case yes
    /// The condition is false.
    case no
    /// The condition reads a value only a task that did not run would have given
    /// (``Value/unknown``): a dry run shows both ways.
    case undecided
}
