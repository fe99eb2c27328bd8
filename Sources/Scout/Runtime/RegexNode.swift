/// A parsed regular expression, before it is compiled to ``RegexInstruction``s.
indirect enum RegexNode: Sendable, Equatable {
    /// Matches the empty string.
    case empty
    /// One scalar.
    case scalar(Unicode.Scalar)
    /// `.`: any scalar except a newline.
    case any
    /// `[...]`, `\d` and the like.
    case set(RegexCharacterClass)
    /// One after the other.
    case concatenation([RegexNode])
    /// `a|b|c`.
    case alternation([RegexNode])
    /// `x*`, `x+`, `x?`, `x{m,n}`: between `min` and `max` (nil: no bound) times.
    case repetition(RegexNode, min: Int, max: Int?)
    /// `^`, `$`, `\b`, `\B`.
    case assertion(RegexAssertion)
}

/// A zero-width condition on the position in the text.
enum RegexAssertion: Sendable, Equatable {
    /// `^`: the start of the text.
    case start
    /// `$`: the end of the text.
    case end
    /// `\b`: between a word scalar and a non-word one (or an end).
    case wordBoundary
    /// `\B`: not at a word boundary.
    case notWordBoundary
}
