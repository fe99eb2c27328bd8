/// Where the evaluator looks names up and where `let` and `store as` write them.
///
/// ``BatchContext`` is the top-level scope; the interpreter chains child scopes onto it.
package protocol VariableScope: AnyObject, Sendable {
    /// The value of `name` in this scope or an enclosing one; `nil` when undefined.
    func lookup(_ name: String) -> Value?
    /// Sets `name`: where it is already defined in this scope or an enclosing one, that
    /// definition is updated; otherwise it is created in this scope.
    func assign(_ name: String, _ value: Value)
    /// Creates or replaces `name` in this scope only (loop variables, parameters).
    func define(_ name: String, _ value: Value)
    /// Every name visible from this scope (for "did you mean" and completion).
    func visibleNames() -> [String]
}
