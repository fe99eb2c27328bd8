/// A comment as the lexer found it: from its `#` to the end of its line (a `#!` shebang on
/// the first line is one too). Comments are not tokens; ``Lexer/tokenize(_:keepingComments:)``
/// reports them beside the tokens, for tools that keep them, such as ``Formatter``.
package struct Comment: Sendable, Hashable {
    /// The text from `#` to the end of the line, without the line break (a `\r` before it
    /// and trailing spaces included, as written).
    package var text: String
    /// Where the comment stands: its `#` and the bytes up to the line break.
    package var span: SourceSpan

    /// A comment with its text and place.
    package init(text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }
}
