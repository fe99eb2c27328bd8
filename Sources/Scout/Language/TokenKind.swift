/// The kinds of token the lexer produces.
package enum TokenKind: Sendable, Hashable {
    case identifier
    case keyword(Keyword)
    case integer
    case float
    case duration
    /// The opening quote of a `"..."` or `"""..."""` string; string parts and interpolations follow.
    case stringStart
    /// A piece of literal text inside a string, escapes already decoded (in ``Token/text``).
    case stringText
    /// `${` inside a string; an expression's tokens and ``interpolationEnd`` follow.
    case interpolationStart
    /// The `}` that closes an interpolation.
    case interpolationEnd
    /// The closing quote of a string.
    case stringEnd
    /// A complete `'...'` string (its text in ``Token/text``).
    case rawString
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot
    case plus, minus, star, starStar, slash, percent
    case bang, equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case ampAmp, pipePipe, questionQuestion
    case newline
    case endOfFile
    /// Text the lexer could not read; a diagnostic has been reported for it.
    case invalid

    /// How the kind is named in "expected ..." messages.
    package var displayName: String {
        switch self {
        case .identifier: return "a name"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .integer, .float: return "a number"
        case .duration: return "a duration"
        case .stringStart, .rawString: return "a string"
        case .stringText: return "string text"
        case .interpolationStart: return "'${'"
        case .interpolationEnd: return "'}'"
        case .stringEnd: return "the end of the string"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .comma: return "','"
        case .colon: return "':'"
        case .semicolon: return "';'"
        case .dot: return "'.'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .starStar: return "'**'"
        case .slash: return "'/'"
        case .percent: return "'%'"
        case .bang: return "'!'"
        case .equal: return "'='"
        case .equalEqual: return "'=='"
        case .bangEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .ampAmp: return "'&&'"
        case .pipePipe: return "'||'"
        case .questionQuestion: return "'??'"
        case .newline: return "end of line"
        case .endOfFile: return "end of file"
        case .invalid: return "invalid text"
        }
    }

    /// True for tokens after which a line break does not end the statement.
    package var continuesLine: Bool {
        switch self {
        case .plus, .minus, .star, .starStar, .slash, .percent, .bang, .equal, .equalEqual, .bangEqual,
            .less, .lessEqual, .greater, .greaterEqual, .ampAmp, .pipePipe, .questionQuestion,
            .comma, .colon, .dot:
            return true
        case .keyword(let k):
            return k == .and || k == .or || k == .not || k == .in
        default:
            return false
        }
    }
}
