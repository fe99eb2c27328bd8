/// One line of a formatted script as ``LayoutPrinter`` lays it out, before ``CommentWeaver``
/// puts the comments and blank lines around it.
struct LayoutLine {
    /// What a line is, for the placing of blank lines and comments.
    enum Role {
        /// The first line of a statement (or a clause line at the top of a task block): a
        /// blank line may stand before it.
        case statement
        /// A line inside a statement: an element of a list or a map written over several lines.
        case continuation
        /// A line that starts with the `}` or `]` closing what the lines before it opened:
        /// comments placed before it belong inside, one level deeper.
        case closing
    }

    /// The indentation level (two spaces each).
    var indent: Int
    /// The text, without indentation or line break (a multi-line string in it keeps its own
    /// line breaks).
    var text: String
    /// What the line is.
    var role: Role
    /// The offset of the first source byte the line prints: comments before it in the source
    /// come before it.
    var start: Int
    /// The offset of the last source byte the line prints.
    var end: Int
    /// True when the line ends with a `{` or `[` whose contents follow on the next lines.
    var opens = false
}
