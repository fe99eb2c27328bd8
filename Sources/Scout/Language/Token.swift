/// One token: its kind, where it stands, and its text (a name, a number's digits, or a string
/// part with escapes decoded).
package struct Token: Sendable, Hashable {
    /// What the token is.
    package var kind: TokenKind
    /// Where the token stands in its source.
    package var span: SourceSpan
    /// Names and numbers: the lexeme; string parts: the decoded text; otherwise empty.
    package var text: String

    /// A token of the given kind, place and text.
    package init(kind: TokenKind, span: SourceSpan, text: String = "") {
        self.kind = kind
        self.span = span
        self.text = text
    }
}
