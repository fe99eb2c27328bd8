/// Turns source bytes into tokens. Works on UTF-8 bytes; never fails: what it cannot read
/// becomes a diagnostic (and, where needed, an ``TokenKind/invalid`` token).
///
/// Line breaks become ``TokenKind/newline`` tokens except inside `(...)`, `[...]` and `${...}`,
/// after an operator, a comma, a colon or a dot, and where they would repeat one.
///
/// ```swift
/// let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "x.scout", text: "run \"make\""))
/// ```
package struct Lexer {
    /// Strings nested inside interpolations deeper than this are an error.
    package static let maxNesting = 64
    /// The lexer keeps this many diagnostics; it counts the others (``DiagnosticKind/moreErrors(_:)``).
    package static let maxDiagnostics = 100

    let source: SourceFile
    let bytes: [UInt8]
    var i = 0
    var line = 1
    var column = 1
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    /// Open brackets: `(`, `[`, `{`, or `$` for an interpolation.
    var brackets: [UInt8] = []
    var stringDepth = 0
    /// Set when strings nested too deep were cut off; the strings around them then end
    /// without more reports, since they follow from that one.
    var nestingReported = false
    /// Diagnostics past ``maxDiagnostics``: counted, not kept.
    var dropped = 0
    /// Set by ``tokenize(_:keepingComments:)``: comments are then collected in ``comments``.
    var keepComments = false
    /// The comments read so far (only when ``keepComments`` is set), outside strings.
    var comments: [Comment] = []
    /// The kind of the last token emitted (``tokens`` may have been handed on since).
    var lastKind: TokenKind?
    /// When positive, lexing at the top level pauses after a line break once ``tokens``
    /// holds this many (``TokenStream`` hands them to the parser piece by piece).
    var pauseAfter = 0

    init(_ source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
    }

    /// Tokenizes a whole source; the last token is always ``TokenKind/endOfFile``.
    package static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        let (tokens, _, diagnostics) = tokenize(source, keepingComments: false)
        return (tokens, diagnostics)
    }

    /// Tokenizes a whole source as ``tokenize(_:)`` does, and when `keepingComments` is set,
    /// also reports its comments in source order (the tokens and diagnostics are the same
    /// either way). Comments inside the `${...}` of a multi-line string belong to the string
    /// and are not reported.
    package static func tokenize(_ source: SourceFile, keepingComments: Bool) -> (tokens: [Token], comments: [Comment], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        lexer.tokens.reserveCapacity(source.bytes.count / 4)
        lexer.keepComments = keepingComments
        lexer.skipByteOrderMark()
        _ = lexer.lexTokens(inInterpolation: false, multiline: false)
        lexer.emit(.endOfFile, from: lexer.here, length: 0)
        let more = lexer.dropped > 0 ? [Diagnostic(.moreErrors(lexer.dropped), at: .none, in: source)] : []
        return (lexer.tokens, lexer.comments, lexer.diagnostics + more)
    }

    /// Tokenizes a template: text with `${...}` interpolations and no quotes, as the JSON task
    /// list writes them. Backslashes are literal except `\$`, which writes a `$`. The tokens are
    /// those of a string (``TokenKind/stringStart`` ... ``TokenKind/stringEnd``) and end of file.
    package static func tokenizeTemplate(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        lexer.lexTemplate()
        lexer.emit(.endOfFile, from: lexer.here, length: 0)
        return (lexer.tokens, lexer.diagnostics)
    }

    // MARK: - Positions

    struct Position {
        var offset: Int
        var line: Int
        var column: Int
    }

    var here: Position { Position(offset: i, line: line, column: column) }

    func span(from start: Position) -> SourceSpan {
        SourceSpan(offset: start.offset, length: i - start.offset, line: start.line, column: start.column)
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let j = i + ahead
        return j < bytes.count ? bytes[j] : nil
    }

    mutating func advance() {
        let b = bytes[i]
        i += 1
        if b == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func advance(_ n: Int) {
        for _ in 0..<n { advance() }
    }

    mutating func emit(_ kind: TokenKind, from start: Position, length: Int? = nil, text: String = "") {
        let s = SourceSpan(offset: start.offset, length: length ?? (i - start.offset), line: start.line, column: start.column)
        tokens.append(Token(kind: kind, span: s, text: text))
        lastKind = kind
    }

    mutating func report(_ kind: DiagnosticKind, _ span: SourceSpan) {
        guard diagnostics.count < Lexer.maxDiagnostics else {
            dropped += 1
            return
        }
        diagnostics.append(Diagnostic(kind, at: span, in: source))
    }

    mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    // MARK: - Tokens

    enum Ending { case endOfInput, closedInterpolation, lineEndInString, paused }

    /// Lexes tokens until the end of input or, inside an interpolation, its closing `}`; at
    /// the top level also until a line break after ``pauseAfter`` tokens (lexing resumes with
    /// another call).
    mutating func lexTokens(inInterpolation: Bool, multiline: Bool) -> Ending {
        var braceDepth = 0
        // At the top level a resumed call sees the brackets opened before the pause.
        let bracketBase = inInterpolation ? brackets.count : 0
        while i < bytes.count {
            let start = here
            let b = bytes[i]
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                advance()
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\n"):
                if inInterpolation && !multiline {
                    brackets.removeSubrange(bracketBase...)
                    return .lineEndInString
                }
                advance()
                emitNewline(at: start)
                if pauseAfter > 0, !inInterpolation, tokens.count >= pauseAfter, lastKind == .newline { return .paused }
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: "'"):
                lexRawString()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                lexIdentifier()
            case UInt8(ascii: "{"):
                advance()
                braceDepth += 1
                brackets.append(b)
                emit(.leftBrace, from: start)
            case UInt8(ascii: "}"):
                if inInterpolation && braceDepth == 0 {
                    advance()
                    emit(.interpolationEnd, from: start)
                    brackets.removeSubrange(bracketBase...)
                    return .closedInterpolation
                }
                advance()
                braceDepth -= 1
                closeBracket(UInt8(ascii: "{"), base: bracketBase)
                emit(.rightBrace, from: start)
            case UInt8(ascii: "("), UInt8(ascii: "["):
                advance()
                brackets.append(b)
                emit(b == UInt8(ascii: "(") ? .leftParen : .leftBracket, from: start)
            case UInt8(ascii: ")"):
                advance()
                closeBracket(UInt8(ascii: "("), base: bracketBase)
                emit(.rightParen, from: start)
            case UInt8(ascii: "]"):
                advance()
                closeBracket(UInt8(ascii: "["), base: bracketBase)
                emit(.rightBracket, from: start)
            default:
                lexOperator(b, start)
            }
        }
        brackets.removeSubrange(min(bracketBase, brackets.count)...)
        return .endOfInput
    }

    /// Skips a comment to the end of its line (columns count scalars, as everywhere).
    mutating func skipComment() {
        let (end, columns) = bytes.withUnsafeBufferPointer { buffer in
            var j = i
            var columns = 0
            while j < buffer.count, buffer[j] != 0x0A {
                if buffer[j] & 0xC0 != 0x80 { columns += 1 }
                j += 1
            }
            return (j, columns)
        }
        if keepComments, stringDepth == 0 {
            let s = SourceSpan(offset: i, length: end - i, line: line, column: column)
            comments.append(Comment(text: String(decoding: bytes[i..<end], as: UTF8.self), span: s))
        }
        i = end
        column += columns
    }

    /// Skips the bytes of a string that need no attention: not a quote, a backslash, a `$`,
    /// a line break or a byte of a multi-byte character (a tight loop: strings may be
    /// megabytes long).
    mutating func skipPlainStringBytes() {
        let end = bytes.withUnsafeBufferPointer { buffer in
            var j = i
            while j < buffer.count {
                let b = buffer[j]
                guard b >= 0x20, b < 0x80, b != 0x22, b != 0x5C, b != 0x24 else { break }
                j += 1
            }
            return j
        }
        column += end - i
        i = end
    }

    mutating func closeBracket(_ opener: UInt8, base: Int) {
        if let at = brackets[base...].lastIndex(of: opener) { brackets.removeSubrange(at...) }
    }

    mutating func emitNewline(at start: Position) {
        if let top = brackets.last, top != UInt8(ascii: "{") { return }
        guard let last = lastKind else { return }
        if last == .newline || last.continuesLine { return }
        if last == .leftBrace || last == .semicolon { return }
        emit(.newline, from: start, length: 1)
    }

    mutating func lexOperator(_ b: UInt8, _ start: Position) {
        func two(_ second: UInt8) -> Bool { peek(1) == second }
        let kind: TokenKind
        var length = 1
        switch b {
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "."): kind = .dot
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"):
            if two(UInt8(ascii: "*")) { kind = .starStar; length = 2 } else { kind = .star }
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "%"): kind = .percent
        case UInt8(ascii: "!"):
            if two(UInt8(ascii: "=")) { kind = .bangEqual; length = 2 } else { kind = .bang }
        case UInt8(ascii: "="):
            if two(UInt8(ascii: "=")) { kind = .equalEqual; length = 2 } else { kind = .equal }
        case UInt8(ascii: "<"):
            if two(UInt8(ascii: "=")) { kind = .lessEqual; length = 2 } else { kind = .less }
        case UInt8(ascii: ">"):
            if two(UInt8(ascii: "=")) { kind = .greaterEqual; length = 2 } else { kind = .greater }
        case UInt8(ascii: "&") where two(UInt8(ascii: "&")): kind = .ampAmp; length = 2
        case UInt8(ascii: "|") where two(UInt8(ascii: "|")): kind = .pipePipe; length = 2
        case UInt8(ascii: "?") where two(UInt8(ascii: "?")): kind = .questionQuestion; length = 2
        default:
            lexUnexpected(start)
            return
        }
        advance(length)
        emit(kind, from: start)
    }

    /// Reports a run of characters the language has no use for as one diagnostic, and a run
    /// of bytes that are not UTF-8 as another.
    mutating func lexUnexpected(_ start: Position) {
        let first = bytes[i]
        let (firstScalar, firstLength) = decodeScalar(at: i)
        advance(firstLength)
        if let firstScalar {
            // The message shows the first characters of a long run.
            var shown: [Unicode.Scalar] = [firstScalar]
            while i < bytes.count, isUnexpected(bytes[i]) {
                let (scalar, length) = decodeScalar(at: i)
                guard let scalar else { break }
                if shown.count <= 40 { shown.append(scalar) }
                advance(length)
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: shown)
            report(.unexpectedCharacter(text), span(from: start))
        } else {
            while i < bytes.count, bytes[i] >= 0x80, decodeScalar(at: i).0 == nil { advance() }
            report(.invalidUTF8(byte: first), span(from: start))
        }
        emit(.invalid, from: start)
    }

    func isUnexpected(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "$"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "^"), UInt8(ascii: "~"),
            UInt8(ascii: "\\"), 0x80...0xFF:
            return true
        case UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "?"):
            return peek(1) != b
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
            return true
        default:
            return false
        }
    }

    /// Decodes one UTF-8 scalar at `at`: the scalar (nil when the bytes there are not
    /// UTF-8: a stray continuation byte, an overlong form, a surrogate, a truncated
    /// sequence) and how many bytes to skip.
    func decodeScalar(at: Int) -> (Unicode.Scalar?, Int) {
        let b0 = bytes[at]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        // The second byte's range depends on the first (Unicode, table 3-7).
        let need: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; high = 0x9F
        case 0xF0: need = 3; low = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; high = 0x8F
        default: return (nil, 1)
        }
        guard at + need < bytes.count else { return (nil, 1) }
        let b1 = bytes[at + 1]
        guard b1 >= low, b1 <= high else { return (nil, 1) }
        var value = UInt32(b0) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
        value = value << 6 | UInt32(b1 & 0x3F)
        if need >= 2 {
            for k in 2...need {
                let b = bytes[at + k]
                guard b & 0xC0 == 0x80 else { return (nil, 1) }
                value = value << 6 | UInt32(b & 0x3F)
            }
        }
        return (Unicode.Scalar(value), need + 1)
    }

    mutating func lexIdentifier() {
        let start = here
        let end = scanIdentifier(from: i)
        column += end - i
        i = end
        // Read in place: a slice of `bytes` would count a reference for every name.
        let (keyword, text) = bytes.withUnsafeBufferPointer { buffer -> (Keyword?, String) in
            let name = UnsafeBufferPointer(rebasing: buffer[start.offset..<i])
            if let keyword = Keyword.match(name) { return (keyword, keyword.rawValue) }
            return (nil, String(decoding: name, as: UTF8.self))
        }
        emit(keyword.map { .keyword($0) } ?? .identifier, from: start, text: text)
    }

    /// The end of the identifier bytes from `from` (a tight loop: names may be megabytes long).
    func scanIdentifier(from: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var j = from
            while j < buffer.count {
                let b = buffer[j]
                guard (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F else { break }
                j += 1
            }
            return j
        }
    }

    func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    func isDigit(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    mutating func lexNumber() {
        let start = here
        var isFloat = false
        // After a dot (`pair.0.1`) a number is an index, so it takes no fraction.
        let afterDot = lastKind == .dot
        while i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_") { advance() }
        if !afterDot, peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            isFloat = true
            advance()
            while i < bytes.count, isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "_") { advance() }
        }
        let numberEnd = i
        let written = bytes[start.offset..<numberEnd]
        let digits = written.contains(UInt8(ascii: "_"))
            ? String(decoding: written.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            : String(decoding: written, as: UTF8.self)
        if i < bytes.count, isIdentifierByte(bytes[i]) {
            let unitStart = here
            while i < bytes.count, isIdentifierByte(bytes[i]) { advance() }
            let unit = String(decoding: bytes[unitStart.offset..<i], as: UTF8.self)
            if DurationUnit(rawValue: unit) == nil {
                report(.unknownDurationUnit(unit), span(from: unitStart))
                emit(.invalid, from: start)
                return
            }
            emit(.duration, from: start, text: digits + unit)
            return
        }
        if !isFloat, Int(digits) == nil {
            report(.integerTooLarge(digits), span(from: start))
            emit(.invalid, from: start)
            return
        }
        emit(isFloat ? .float : .integer, from: start, text: digits)
    }

    // MARK: - Strings

    mutating func lexRawString() {
        let start = here
        advance()
        var text: [UInt8] = []
        while true {
            guard i < bytes.count, bytes[i] != UInt8(ascii: "\n") else {
                report(.unterminatedRawString, SourceSpan(offset: start.offset, length: 1, line: start.line, column: start.column))
                emit(.rawString, from: start, text: String(decoding: text, as: UTF8.self))
                return
            }
            let b = bytes[i]
            if b == UInt8(ascii: "'") {
                advance()
                break
            }
            if b == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "'") {
                advance(2)
                text.append(UInt8(ascii: "'"))
                continue
            }
            if b == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{") {
                let at = here
                advance(2)
                report(.interpolationInRawString, span(from: at))
                text.append(contentsOf: [b, UInt8(ascii: "{")])
                continue
            }
            if b >= 0x80 {
                let (scalar, length) = decodeScalar(at: i)
                if scalar != nil {
                    text.append(contentsOf: bytes[i..<i + length])
                    advance(length)
                } else {
                    let at = here
                    advance()
                    while i < bytes.count, bytes[i] >= 0x80, decodeScalar(at: i).0 == nil { advance() }
                    report(.invalidUTF8(byte: b), span(from: at))
                    text.append(contentsOf: [0xEF, 0xBF, 0xBD])
                }
                continue
            }
            text.append(b)
            advance()
        }
        emit(.rawString, from: start, text: String(decoding: text, as: UTF8.self))
    }

    mutating func lexString() {
        let start = here
        let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        advance(multiline ? 3 : 1)
        emit(.stringStart, from: start, text: multiline ? "\"\"\"" : "\"")
        stringDepth += 1
        defer {
            stringDepth -= 1
            if stringDepth == 0 { nestingReported = false }
        }
        if stringDepth > Lexer.maxNesting {
            report(.nestingTooDeep(limit: Lexer.maxNesting), span(from: start))
            nestingReported = true
            skipToLineEnd()
            emit(.stringEnd, from: here, length: 0)
            return
        }
        if multiline {
            if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { advance() }
            if peek() == UInt8(ascii: "\n") { advance() }
        }
        var textTokens: [Int] = []
        var textStart = here
        func flush(_ lexer: inout Lexer) {
            if lexer.i > textStart.offset {
                textTokens.append(lexer.tokens.count)
                lexer.emit(.stringText, from: textStart)
            }
        }
        while true {
            guard i < bytes.count else {
                flush(&self)
                if !nestingReported {
                    report(multiline ? .unterminatedMultilineString : .unterminatedString,
                           SourceSpan(offset: start.offset, length: multiline ? 3 : 1, line: start.line, column: start.column))
                }
                emit(.stringEnd, from: here, length: 0)
                break
            }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") && (!multiline || (peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\""))) {
                flush(&self)
                let end = here
                advance(multiline ? 3 : 1)
                emit(.stringEnd, from: end)
                break
            }
            if b == UInt8(ascii: "\n") && !multiline {
                flush(&self)
                if !nestingReported {
                    report(.unterminatedString, SourceSpan(offset: start.offset, length: 1, line: start.line, column: start.column))
                }
                emit(.stringEnd, from: here, length: 0)
                break
            }
            if b == UInt8(ascii: "\\") {
                advance()
                if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { advance() }
                if i < bytes.count { advance() }
                continue
            }
            if b == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{") {
                flush(&self)
                let at = here
                let mark = diagnostics.count
                let ending = lexInterpolation(multiline: multiline)
                if ending != .closedInterpolation {
                    // A string opened inside the interpolation and left open is the same mistake
                    // (`"${x"`): report the interpolation only, and the string ends with it.
                    if diagnostics.count > mark {
                        diagnostics = Array(diagnostics[..<mark]) + diagnostics[mark...].filter {
                            $0.kind != .unterminatedString && $0.kind != .unterminatedMultilineString
                        }
                    }
                    if !nestingReported {
                        report(.unterminatedInterpolation, SourceSpan(offset: at.offset, length: 2, line: at.line, column: at.column))
                    }
                    emit(.interpolationEnd, from: here, length: 0)
                    emit(.stringEnd, from: here, length: 0)
                    break
                }
                textStart = here
                continue
            }
            advance()
            skipPlainStringBytes()
        }
        decodeText(textTokens, multiline: multiline)
    }

    /// Decodes the text tokens of one string: escapes, and for a multi-line string the common
    /// indentation of its lines and the line break before a closing `"""` on its own line.
    mutating func decodeText(_ textTokens: [Int], multiline: Bool) {
        var strip = 0
        if multiline {
            strip = commonIndent(textTokens)
        }
        for (n, index) in textTokens.enumerated() {
            let s = tokens[index].span
            let atLineStart = multiline && (n == 0 ? isFirstTextAtLineStart(index) : bytes[s.offset - 1] == UInt8(ascii: "\n"))
            var text = decode(from: s.offset, to: s.offset + s.length, strip: strip, atLineStart: atLineStart, multiline: multiline, line: s.line, column: s.column)
            if multiline, n == textTokens.count - 1, tokens[index + 1].kind == .stringEnd, tokens[index + 1].span.length == 3 {
                // Closing """ alone on its line: drop the line break before it and its indentation.
                if let nl = text.lastIndex(of: "\n"), text[text.index(after: nl)...].allSatisfy({ $0 == " " || $0 == "\t" }) {
                    text = String(text[..<nl])
                } else if n == 0, atLineStart, text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    text = ""
                }
            }
            tokens[index].text = text
        }
    }

    /// True when the first text of a multi-line string starts a line (the opening `"""` was
    /// followed by a line break).
    func isFirstTextAtLineStart(_ index: Int) -> Bool {
        let s = tokens[index].span
        return s.offset > 0 && bytes[s.offset - 1] == UInt8(ascii: "\n")
    }

    /// The smallest indentation among the non-blank lines of a multi-line string.
    func commonIndent(_ textTokens: [Int]) -> Int {
        var smallest = Int.max
        for index in textTokens {
            let s = tokens[index].span
            var j = s.offset
            let end = s.offset + s.length
            var lineStart = j > 0 && bytes[j - 1] == UInt8(ascii: "\n")
            while j <= end {
                if lineStart {
                    var k = j
                    while k < end, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k += 1 }
                    let nextIsToken = k == end && index + 1 < tokens.count && tokens[index + 1].kind == .interpolationStart
                    let blank = (k < end && (bytes[k] == UInt8(ascii: "\n") || bytes[k] == UInt8(ascii: "\r"))) || (k == end && !nextIsToken)
                    if !blank { smallest = min(smallest, k - j) }
                    j = k
                    lineStart = false
                }
                if j < end, bytes[j] == UInt8(ascii: "\n") { lineStart = true }
                j += 1
            }
        }
        return smallest == Int.max ? 0 : smallest
    }

    /// Decodes escapes in `bytes[from..<to]`; at each line start drops up to `strip` spaces or tabs.
    /// In a multi-line string a `\r\n` line break becomes `\n`.
    mutating func decode(from: Int, to: Int, strip: Int, atLineStart: Bool, multiline: Bool, line: Int, column: Int) -> String {
        if strip == 0 || !atLineStart {
            // Most strings are plain ASCII text: taken as they are.
            let plain = bytes.withUnsafeBufferPointer { buffer in
                var k = from
                while k < to, buffer[k] < 0x80, buffer[k] != 0x5C, buffer[k] != 0x0A, buffer[k] != 0x0D { k += 1 }
                return k == to
            }
            if plain { return String(decoding: bytes[from..<to], as: UTF8.self) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(to - from)
        var j = from
        var ln = line
        var col = column
        var lineStart = atLineStart
        while j < to {
            if lineStart {
                var dropped = 0
                while dropped < strip, j < to, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") {
                    j += 1
                    col += 1
                    dropped += 1
                }
                lineStart = false
                if j >= to { break }
            }
            // A run of plain ASCII is copied as it is.
            let plainEnd = bytes.withUnsafeBufferPointer { buffer in
                var k = j
                while k < to, buffer[k] < 0x80, buffer[k] != 0x5C, buffer[k] != 0x0A, buffer[k] != 0x0D { k += 1 }
                return k
            }
            if plainEnd > j {
                out.append(contentsOf: bytes[j..<plainEnd])
                col += plainEnd - j
                j = plainEnd
                continue
            }
            let b = bytes[j]
            if multiline, b == UInt8(ascii: "\r"), j + 1 < to, bytes[j + 1] == UInt8(ascii: "\n") {
                j += 1
                continue
            }
            if b == UInt8(ascii: "\n") {
                out.append(b)
                j += 1
                ln += 1
                col = 1
                lineStart = true
                continue
            }
            if b == UInt8(ascii: "\\"), j + 1 < to {
                let e = bytes[j + 1]
                let escapeSpan = SourceSpan(offset: j, length: 2, line: ln, column: col)
                j += 2
                col += 2
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "0"): out.append(0x00)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"): out.append(e)
                case UInt8(ascii: "\r") where j < to && bytes[j] == UInt8(ascii: "\n"):
                    // A backslash at the end of a line (with a Windows line break) joins it with the next.
                    j += 1
                    ln += 1
                    col = 1
                    lineStart = true
                case UInt8(ascii: "\n"):
                    // A backslash at the end of a line joins it with the next.
                    ln += 1
                    col = 1
                    lineStart = true
                case UInt8(ascii: "u"):
                    // `\u{` hex digits `}`; a bad escape is reported whole (up to its `}`) and dropped.
                    var k = j
                    var value: UInt32 = 0
                    var count = 0
                    var closed = false
                    if k < to, bytes[k] == UInt8(ascii: "{") {
                        k += 1
                        while k < to, let d = hexDigit(bytes[k]) {
                            if count < 8 { value = value * 16 + d }
                            count += 1
                            k += 1
                        }
                        if k < to, bytes[k] == UInt8(ascii: "}") {
                            closed = true
                            k += 1
                        }
                    }
                    col += k - j
                    j = k
                    if closed, count >= 1, count <= 8, let scalar = Unicode.Scalar(value) {
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    } else {
                        self.report(.invalidUnicodeEscape, SourceSpan(offset: escapeSpan.offset, length: k - escapeSpan.offset, line: escapeSpan.line, column: escapeSpan.column))
                    }
                default:
                    // Report the whole character after the backslash, and keep both as written.
                    let (scalar, length) = decodeScalar(at: j - 1)
                    let shown = scalar.map { String(Character($0)) } ?? "?"
                    self.report(.unknownEscape(shown), SourceSpan(offset: escapeSpan.offset, length: 1 + length, line: escapeSpan.line, column: escapeSpan.column))
                    out.append(UInt8(ascii: "\\"))
                    if scalar != nil {
                        out.append(contentsOf: bytes[(j - 1)..<(j - 1 + length)])
                        j += length - 1
                    } else {
                        out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    }
                }
                continue
            }
            if b >= 0x80 {
                let (scalar, length) = decodeScalar(at: j)
                if scalar != nil {
                    out.append(contentsOf: bytes[j..<j + length])
                    j += length
                    col += 1
                } else {
                    // A run of bytes that are not UTF-8 is one diagnostic and one replacement character.
                    var k = j + 1
                    var columns = 1
                    while k < to, bytes[k] >= 0x80, decodeScalar(at: k).0 == nil {
                        if bytes[k] & 0xC0 != 0x80 { columns += 1 }
                        k += 1
                    }
                    self.report(.invalidUTF8(byte: b), SourceSpan(offset: j, length: k - j, line: ln, column: col))
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    j = k
                    col += columns
                }
                continue
            }
            out.append(b)
            j += 1
            col += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    mutating func skipToLineEnd() {
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { advance() }
    }

    /// Lexes `${ ... }` from its `$`: the start token, the expression's tokens, and (when it
    /// closes) the end token. Brackets opened inside do not outlive it.
    mutating func lexInterpolation(multiline: Bool) -> Ending {
        let at = here
        advance(2)
        emit(.interpolationStart, from: at)
        let bracketBase = brackets.count
        brackets.append(UInt8(ascii: "$"))
        let ending = lexTokens(inInterpolation: true, multiline: multiline)
        brackets.removeSubrange(min(bracketBase, brackets.count)...)
        return ending
    }

    // MARK: - Templates

    mutating func lexTemplate() {
        emit(.stringStart, from: here, length: 0)
        var textStart = here
        var text: [UInt8] = []
        func flush(_ lexer: inout Lexer) {
            if lexer.i > textStart.offset {
                lexer.emit(.stringText, from: textStart, text: String(decoding: text, as: UTF8.self))
            }
            text.removeAll()
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "$") {
                advance(2)
                text.append(UInt8(ascii: "$"))
                continue
            }
            if b == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{") {
                flush(&self)
                let at = here
                let ending = lexInterpolation(multiline: true)
                if ending != .closedInterpolation {
                    report(.unterminatedInterpolation, SourceSpan(offset: at.offset, length: 2, line: at.line, column: at.column))
                    emit(.interpolationEnd, from: here, length: 0)
                }
                textStart = here
                continue
            }
            text.append(b)
            advance()
        }
        flush(&self)
        emit(.stringEnd, from: here, length: 0)
    }
}

/// The units a duration literal may carry.
package enum DurationUnit: String, Sendable, CaseIterable {
    case ms, s, m, h

    /// The length of one unit.
    package var duration: Duration {
        switch self {
        case .ms: return .milliseconds(1)
        case .s: return .seconds(1)
        case .m: return .seconds(60)
        case .h: return .seconds(3600)
        }
    }

    /// Parses a duration literal such as `250ms`, `1.5s` or `1_000ms`.
    package static func parse(_ text: String) -> Duration? {
        var digits = text
        var unit: DurationUnit?
        for candidate in [DurationUnit.ms, .s, .m, .h] where text.hasSuffix(candidate.rawValue) {
            let rest = String(text.dropLast(candidate.rawValue.count))
            if let last = rest.last, last.isNumber {
                digits = rest
                unit = candidate
                break
            }
        }
        guard let unit, let amount = Double(digits.replacingUnderscores()), amount.isFinite else { return nil }
        let nanos = amount * Double(unit.duration.components.seconds) * 1e9 + amount * Double(unit.duration.components.attoseconds) / 1e9
        guard abs(nanos) < 9.2e18 else { return nil }
        return .nanoseconds(Int64(nanos.rounded()))
    }
}

extension String {
    func replacingUnderscores() -> String {
        contains("_") ? String(filter { $0 != "_" }) : self
    }
}
