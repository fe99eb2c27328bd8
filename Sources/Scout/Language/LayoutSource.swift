/// The source a ``Formatter`` works from: its tokens, where its lines start, and which
/// lines are blank, with the look-ups the layout needs (the syntax tree keeps the span of
/// each node, but not of every `{`, `}`, `else` or map key).
struct LayoutSource {
    /// The script.
    let file: SourceFile
    /// Its tokens, in source order, the last one the end of file.
    let tokens: [Token]
    /// The offset where each line starts; line n (1-based) starts at `lineStarts[n - 1]`.
    let lineStarts: [Int]
    /// `blankCount[n]` is how many of lines 1...n hold nothing but spaces and tabs.
    let blankCount: [Int]
    /// Its comments, in source order.
    let comments: [Comment]

    init(file: SourceFile, tokens: [Token], comments: [Comment]) {
        self.file = file
        self.tokens = tokens
        self.comments = comments
        let bytes = file.bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        lineStarts = starts
        var counts = [0]
        counts.reserveCapacity(starts.count + 1)
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] - 1 : bytes.count
            let blank = bytes[start..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            counts.append(counts[n] + (blank ? 1 : 0))
        }
        blankCount = counts
    }

    /// The 1-based line of a byte offset.
    func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// True when a blank line stands strictly between lines `a` and `b`.
    func hasBlankLine(between a: Int, and b: Int) -> Bool {
        guard b - a >= 2 else { return false }
        let low = max(a, 0)
        let high = min(b - 1, blankCount.count - 1)
        return high > low && blankCount[high] - blankCount[low] > 0
    }

    /// True when something other than spaces and tabs stands before `offset` on its line.
    func hasTextBefore(_ offset: Int) -> Bool {
        var i = offset - 1
        let bytes = file.bytes
        while i >= 0, bytes[i] != UInt8(ascii: "\n") {
            let b = bytes[i]
            if b != UInt8(ascii: " "), b != UInt8(ascii: "\t"), b != UInt8(ascii: "\r") { return true }
            i -= 1
        }
        return false
    }

    /// The source text from `from` up to (not including) `to`.
    func text(from: Int, to: Int) -> String {
        let bytes = file.bytes
        let lo = min(max(from, 0), bytes.count)
        let hi = min(max(to, lo), bytes.count)
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// A token as written.
    func text(of token: Token) -> String {
        text(from: token.span.offset, to: token.span.offset + token.span.length)
    }

    /// The index of the first token that starts at or after `offset`.
    func firstToken(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count - 1
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].span.offset < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The index of the first token of `kind` at or after `offset`.
    func firstToken(_ kind: TokenKind, atOrAfter offset: Int) -> Int? {
        var i = firstToken(atOrAfter: offset)
        while i < tokens.count {
            if tokens[i].kind == kind { return i }
            if tokens[i].kind == .endOfFile { return nil }
            i += 1
        }
        return nil
    }

    /// The index of the last token of `kind` that ends at or before `end`.
    func lastToken(_ kind: TokenKind, endingBy end: Int) -> Int? {
        var i = firstToken(atOrAfter: end)
        while i > 0 {
            i -= 1
            let t = tokens[i]
            if t.kind == kind, t.span.offset + t.span.length <= end { return i }
        }
        return nil
    }

    /// The offset of the last byte of the last token before `offset` that is not a line
    /// break or a `;`.
    func lastByte(before offset: Int) -> Int? {
        var i = firstToken(atOrAfter: offset)
        while i > 0 {
            i -= 1
            let t = tokens[i]
            if t.kind != .newline, t.kind != .semicolon { return t.span.offset + max(t.span.length, 1) - 1 }
        }
        return nil
    }

    /// The index of the `stringEnd` that closes the string opened by the `stringStart` at `index`.
    func closingQuote(of index: Int) -> Int {
        var depth = 0
        var i = index
        while i < tokens.count {
            switch tokens[i].kind {
            case .stringStart: depth += 1
            case .stringEnd:
                depth -= 1
                if depth == 0 { return i }
            case .endOfFile: return i
            default: break
            }
            i += 1
        }
        return tokens.count - 1
    }

    /// True when a comment starts strictly between two offsets.
    func hasComment(between from: Int, and to: Int) -> Bool {
        var low = 0
        var high = comments.count
        while low < high {
            let mid = (low + high) / 2
            if comments[mid].span.offset <= from { low = mid + 1 } else { high = mid }
        }
        return low < comments.count && comments[low].span.offset < to
    }
}
