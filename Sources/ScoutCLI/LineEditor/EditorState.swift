/// The line editor's state machine: the input (which may span lines), the cursor, the
/// position in the history, a reverse search and the kill buffer. Keys go in, an action comes
/// out; it does no I/O, so tests drive it key by key.
///
/// ```swift
/// var state = EditorState(history: ["print 1"])
/// _ = state.handle(.text("x"))
/// _ = state.handle(.left)
/// state.handle(.up)        // .redraw; state.text == "print 1"
/// ```
struct EditorState {
    /// The input, one element per character (grapheme cluster).
    private(set) var buffer: [Character] = []
    /// The cursor: how many characters of the input are before it.
    private(set) var cursor = 0
    /// The history, oldest first.
    private(set) var history: [String]
    /// The history entry shown, when browsing; nil for the input being written.
    private(set) var historyIndex: Int?
    /// The reverse search in progress, if any.
    private(set) var search: HistorySearch?
    /// What Ctrl-K, Ctrl-U, Ctrl-W and friends removed last; Ctrl-Y puts it back.
    private(set) var killBuffer = ""

    /// Decides what Enter does.
    let inputStatus: (String) -> InputStatus
    /// Finds what Tab may complete: the input and the cursor in, candidates out.
    let complete: (String, Int) -> Completion?

    /// The input written before browsing the history, restored by going past the newest entry.
    private var draft: [Character] = []
    private var lastKey: Key?
    private var lastWasKill = false
    private var lastQuery = ""

    /// A state over a history, with the rules for Enter and Tab (by default every input is
    /// complete and nothing completes).
    init(
        history: [String] = [],
        inputStatus: @escaping (String) -> InputStatus = { _ in .complete },
        complete: @escaping (String, Int) -> Completion? = { _, _ in nil }
    ) {
        self.history = history
        self.inputStatus = inputStatus
        self.complete = complete
    }

    /// The input as text.
    var text: String { String(buffer) }

    /// Starts a new input with the given history (the kill buffer is kept).
    mutating func startInput(history: [String]) {
        self.history = history
        buffer = []
        cursor = 0
        historyIndex = nil
        search = nil
        draft = []
        lastKey = nil
        lastWasKill = false
    }

    /// Moves the cursor to the end of the input (the editor does before it hands the input over).
    mutating func moveToEnd() {
        cursor = buffer.count
    }

    /// Handles one key.
    mutating func handle(_ key: Key) -> EditorAction {
        let previousKey = lastKey
        let previousWasKill = lastWasKill
        lastKey = key
        lastWasKill = false
        if search != nil { return handleInSearch(key) }
        switch key {
        case .text(let s):
            insertTyped(s)
        case .paste(let s):
            insert(EditorState.cleanPaste(s))
        case .enter:
            return enter()
        case .insertNewline:
            insert("\n")
        case .tab:
            return tab(previousKey: previousKey)
        case .backspace, .control("h"):
            guard cursor > 0 else { return .bell }
            buffer.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < buffer.count else { return .bell }
            buffer.remove(at: cursor)
        case .left, .control("b"):
            guard cursor > 0 else { return .none }
            cursor -= 1
        case .right, .control("f"):
            guard cursor < buffer.count else { return .none }
            cursor += 1
        case .home, .control("a"):
            cursor = lineStart(cursor)
        case .end, .control("e"):
            cursor = lineEnd(cursor)
        case .wordLeft:
            cursor = wordStart(before: cursor)
        case .wordRight:
            cursor = wordEnd(after: cursor)
        case .up, .control("p"):
            return up()
        case .down, .control("n"):
            return down()
        case .control("d"):
            if buffer.isEmpty { return .endOfInput }
            guard cursor < buffer.count else { return .bell }
            buffer.remove(at: cursor)
        case .control("k"):
            let end = lineEnd(cursor)
            kill(cursor..<(end == cursor && end < buffer.count ? end + 1 : end), appending: previousWasKill, before: false)
        case .control("u"):
            kill(lineStart(cursor)..<cursor, appending: previousWasKill, before: true)
        case .control("w"):
            var start = cursor
            while start > 0, buffer[start - 1].isWhitespace { start -= 1 }
            while start > 0, !buffer[start - 1].isWhitespace { start -= 1 }
            kill(start..<cursor, appending: previousWasKill, before: true)
        case .deleteWordBackward:
            kill(wordStart(before: cursor)..<cursor, appending: previousWasKill, before: true)
        case .deleteWordForward:
            kill(cursor..<wordEnd(after: cursor), appending: previousWasKill, before: false)
        case .control("y"):
            guard !killBuffer.isEmpty else { return .bell }
            insert(killBuffer)
        case .control("t"):
            return transpose()
        case .control("r"):
            search = HistorySearch(original: buffer, originalCursor: cursor, originalHistoryIndex: historyIndex)
        case .control("l"):
            return .clearScreen
        case .control("c"):
            return .interrupt
        case .control("z"):
            return .suspend
        case .control, .escape, .unknown:
            return .none
        }
        return .redraw
    }

    // MARK: - Editing

    /// Inserts text at the cursor. Characters are counted again around it, so a combining
    /// mark typed after a letter joins it.
    mutating func insert(_ s: String) {
        guard !s.isEmpty else { return }
        let before = String(buffer[..<cursor]) + s
        let merged = Array(before + String(buffer[cursor...]))
        cursor = min(before.count, merged.count)
        buffer = merged
    }

    /// A typed character; a closing bracket typed first on a line takes back one level of indentation.
    private mutating func insertTyped(_ s: String) {
        if s == "}" || s == ")" || s == "]" {
            let start = lineStart(cursor)
            let indent = buffer[start..<cursor]
            if indent.count >= 2, indent.allSatisfy({ $0 == " " }) {
                buffer.removeSubrange((cursor - 2)..<cursor)
                cursor -= 2
            }
        }
        insert(s)
    }

    /// Pasted text with line breaks made `\n` and other control characters but tabs dropped.
    static func cleanPaste(_ s: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in s.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\r": out.unicodeScalars.append("\n")
            case "\n": if !previousWasCR { out.unicodeScalars.append("\n") }
            case "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private mutating func enter() -> EditorAction {
        switch inputStatus(text) {
        case .complete:
            cursor = buffer.count
            return .submit(text)
        case .incomplete(let indent):
            insert("\n" + String(repeating: " ", count: indent))
            return .redraw
        }
    }

    private mutating func kill(_ range: Range<Int>, appending: Bool, before: Bool) {
        guard !range.isEmpty else { return }
        let removed = String(buffer[range])
        if appending {
            killBuffer = before ? removed + killBuffer : killBuffer + removed
        } else {
            killBuffer = removed
        }
        buffer.removeSubrange(range)
        cursor = range.lowerBound
        lastWasKill = true
    }

    private mutating func transpose() -> EditorAction {
        guard buffer.count >= 2, cursor > 0 else { return .bell }
        let at = cursor == buffer.count ? cursor - 1 : cursor
        buffer.swapAt(at - 1, at)
        cursor = at + 1
        return .redraw
    }

    // MARK: - Completion

    private mutating func tab(previousKey: Key?) -> EditorAction {
        let start = lineStart(cursor)
        if buffer[start..<cursor].allSatisfy({ $0 == " " || $0 == "\t" }) {
            insert("  ")
            return .redraw
        }
        guard let completion = complete(text, cursor), !completion.candidates.isEmpty,
            completion.start >= 0, completion.start <= cursor
        else { return .bell }
        let word = String(buffer[completion.start..<cursor])
        if completion.candidates.count == 1 {
            replace(completion.start..<cursor, with: completion.candidates[0])
            return .redraw
        }
        let common = EditorState.commonPrefix(completion.candidates)
        if common.count > word.count, common.hasPrefix(word) {
            replace(completion.start..<cursor, with: common)
            return .redraw
        }
        if previousKey == .tab { return .listCompletions(completion.listed) }
        return .bell
    }

    private mutating func replace(_ range: Range<Int>, with text: String) {
        buffer.removeSubrange(range)
        cursor = range.lowerBound
        insert(text)
    }

    /// The longest prefix every string shares, in characters.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let chars = Array(s)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        return String(prefix)
    }

    // MARK: - Lines and words

    /// Where the line holding `index` starts.
    func lineStart(_ index: Int) -> Int {
        var i = index
        while i > 0, buffer[i - 1] != "\n" { i -= 1 }
        return i
    }

    /// Where the line holding `index` ends (at its line break, or the end of the input).
    func lineEnd(_ index: Int) -> Int {
        var i = index
        while i < buffer.count, buffer[i] != "\n" { i += 1 }
        return i
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// The start of the word before `index` (skipping what is not a word first).
    func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, !EditorState.isWordCharacter(buffer[i - 1]) { i -= 1 }
        while i > 0, EditorState.isWordCharacter(buffer[i - 1]) { i -= 1 }
        return i
    }

    /// The end of the word after `index` (skipping what is not a word first).
    func wordEnd(after index: Int) -> Int {
        var i = index
        while i < buffer.count, !EditorState.isWordCharacter(buffer[i]) { i += 1 }
        while i < buffer.count, EditorState.isWordCharacter(buffer[i]) { i += 1 }
        return i
    }

    // MARK: - Up and down: lines of the input, then the history

    private mutating func up() -> EditorAction {
        let start = lineStart(cursor)
        if start > 0 {
            let column = cursor - start
            let previousStart = lineStart(start - 1)
            cursor = min(previousStart + column, start - 1)
            return .redraw
        }
        guard !history.isEmpty else { return .bell }
        let index: Int
        if let current = historyIndex {
            guard current > 0 else { return .bell }
            index = current - 1
        } else {
            draft = buffer
            index = history.count - 1
        }
        historyIndex = index
        buffer = Array(history[index])
        // On the first line, so that Up again goes on to the older entry.
        cursor = lineEnd(0)
        return .redraw
    }

    private mutating func down() -> EditorAction {
        let end = lineEnd(cursor)
        if end < buffer.count {
            let column = cursor - lineStart(cursor)
            cursor = min(end + 1 + column, lineEnd(end + 1))
            return .redraw
        }
        guard let current = historyIndex else { return .bell }
        if current + 1 < history.count {
            historyIndex = current + 1
            buffer = Array(history[current + 1])
        } else {
            historyIndex = nil
            buffer = draft
        }
        cursor = buffer.count
        return .redraw
    }

    // MARK: - Reverse search

    private mutating func handleInSearch(_ key: Key) -> EditorAction {
        guard var s = search else { return .none }
        switch key {
        case .text(let t), .paste(let t):
            s.query += t
            find(&s, from: s.match ?? history.count - 1)
        case .backspace, .control("h"):
            guard !s.query.isEmpty else { return .bell }
            s.query.removeLast()
            find(&s, from: history.count - 1)
        case .control("r"):
            if s.query.isEmpty {
                s.query = lastQuery
                find(&s, from: history.count - 1)
            } else {
                find(&s, from: (s.match ?? history.count) - 1)
            }
        case .control("s"):
            find(&s, from: (s.match ?? history.count) + 1, forward: true)
        case .control("g"), .control("c"):
            buffer = s.original
            cursor = s.originalCursor
            historyIndex = s.originalHistoryIndex
            search = nil
            return .redraw
        case .escape:
            acceptSearch()
            return .redraw
        default:
            acceptSearch()
            lastKey = nil
            return handle(key)
        }
        search = s
        return s.failed ? .bell : .redraw
    }

    /// Looks for the query from history entry `from` on (towards older entries, or newer ones
    /// when `forward`); shows the entry found, with the cursor at the match.
    private mutating func find(_ s: inout HistorySearch, from: Int, forward: Bool = false) {
        guard !s.query.isEmpty else {
            s.failed = false
            return
        }
        lastQuery = s.query
        var i = from
        while i >= 0 && i < history.count {
            let entry = history[i]
            if let range = forward ? entry.firstRange(of: s.query) : entry.ranges(of: s.query).last {
                s.match = i
                s.failed = false
                buffer = Array(entry)
                cursor = entry.distance(from: entry.startIndex, to: range.lowerBound)
                return
            }
            i += forward ? 1 : -1
        }
        s.failed = true
    }

    private mutating func acceptSearch() {
        if let match = search?.match { historyIndex = match }
        search = nil
    }
}
