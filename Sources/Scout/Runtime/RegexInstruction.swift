/// One step of a compiled regular expression, run by ``ScoutRegex``'s Pike VM.
enum RegexInstruction: Sendable, Equatable {
    /// Consumes this scalar.
    case scalar(Unicode.Scalar)
    /// Consumes any scalar but a newline.
    case any
    /// Consumes a scalar of the class.
    case set(RegexCharacterClass)
    /// Continues at both targets (the first is preferred; for a yes/no match order does not matter).
    case split(Int, Int)
    /// Continues at the target.
    case jump(Int)
    /// Continues only where the condition holds.
    case assert(RegexAssertion)
    /// A match.
    case match
}
