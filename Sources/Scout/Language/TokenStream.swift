/// The tokens of a source read piece by piece as the parser needs them, so that a large
/// script is never held as tokens all at once.
struct TokenStream {
    /// How many tokens a piece holds at least (it ends at a line break).
    static let pieceSize = 4096

    private var lexer: Lexer
    /// True once the end of file has been handed on.
    private(set) var finished = false

    init(_ source: SourceFile) {
        lexer = Lexer(source)
        lexer.skipByteOrderMark()
    }

    /// Appends the next piece to `buffer`; the last piece ends with ``TokenKind/endOfFile``.
    mutating func next(into buffer: inout [Token]) {
        guard !finished else { return }
        // The lexer appends to the buffer itself: no token is copied from one array to another.
        swap(&lexer.tokens, &buffer)
        defer { swap(&lexer.tokens, &buffer) }
        lexer.pauseAfter = lexer.tokens.count + TokenStream.pieceSize
        if lexer.lexTokens(inInterpolation: false, multiline: false) != .paused {
            lexer.emit(.endOfFile, from: lexer.here, length: 0)
            finished = true
        }
    }

    /// The lexer's diagnostics, complete once the stream is ``finished``.
    var diagnostics: [Diagnostic] {
        lexer.dropped > 0 ? lexer.diagnostics + [Diagnostic(.moreErrors(lexer.dropped), at: .none, in: lexer.source)] : lexer.diagnostics
    }
}
