/// One token: its kind, where it stands, and its text (a name, a number's digits, or a string
/// part with escapes decoded).
public struct Token: Sendable, Hashable {
    /// What the token is.
    public var kind: TokenKind
    /// Where the token stands in its source.
    public var span: SourceSpan
    /// Names and numbers: the lexeme; string parts: the decoded text; otherwise empty.
    public var text: String

    /// A token of the given kind, place and text.
    public init(kind: TokenKind, span: SourceSpan, text: String = "") {
        self.kind = kind
        self.span = span
        self.text = text
    }
}
