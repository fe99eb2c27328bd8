import Scout

/// Draws the prompt and the input on the terminal: wraps long lines across rows, counts
/// wide characters as two columns, puts continuation prompts before the lines after the
/// first, and leaves the cursor where it belongs. It remembers where it left the cursor, so
/// the next drawing starts by going back up to the first row.
struct Renderer {
    /// Where a drawing puts things, in rows below its first row and columns from the left.
    struct Layout: Equatable {
        var cursorRow: Int
        var cursorColumn: Int
        var endRow: Int
        var endColumn: Int
        /// True when the last row is full, so the terminal waits to wrap.
        var endsAtMargin: Bool

        /// How many rows the drawing takes.
        var rows: Int { max(endRow, cursorRow) + 1 }
    }

    /// What was drawn last, so that a resize can work out where the cursor went.
    private struct Drawing {
        var prompt: Prompt
        var continuation: Prompt
        var text: [Character]
        var cursor: Int
    }

    /// The cursor's row in the last drawing, counted from its first row.
    private(set) var cursorRow = 0
    private var endRow = 0
    private var endsAtMargin = false
    private var last: Drawing?

    /// The columns a character takes (a tab is drawn as four spaces).
    static func width(of c: Character) -> Int {
        if c == "\t" { return 4 }
        return c.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
    }

    /// Where the prompt, the input and the cursor go on a terminal `width` columns wide.
    static func layout(prompt: Prompt, continuation: Prompt, text: [Character], cursor: Int, width: Int) -> Layout {
        let width = max(width, 2)
        var row = 0
        var column = 0
        var cursorAt: (Int, Int)?
        func advance(_ w: Int) {
            if w > 0, column + w > width, column > 0 {
                row += 1
                column = 0
            }
            column += w
        }
        func normalized(_ r: Int, _ c: Int) -> (Int, Int) { c >= width ? (r + c / width, c % width) : (r, c) }
        for _ in 0..<prompt.width { advance(1) }
        for (i, c) in text.enumerated() {
            if c == "\n" {
                if i == cursor { cursorAt = normalized(row, column) }
                row += 1
                column = 0
                for _ in 0..<continuation.width { advance(1) }
                continue
            }
            let w = Renderer.width(of: c)
            if w > 0, column + w > width, column > 0 {
                row += 1
                column = 0
            }
            if i == cursor { cursorAt = normalized(row, column) }
            column += w
        }
        let endsAtMargin = column >= width
        let end = normalized(row, column)
        let cursorPosition = cursorAt ?? end
        return Layout(cursorRow: cursorPosition.0, cursorColumn: cursorPosition.1, endRow: end.0, endColumn: end.1, endsAtMargin: endsAtMargin)
    }

    /// The escape sequences and text that redraw the input in place of the last drawing.
    mutating func draw(prompt: Prompt, continuation: Prompt, text: [Character], cursor: Int, width: Int) -> String {
        var out = ""
        if cursorRow > 0 { out += "\u{1B}[\(cursorRow)A" }
        out += "\r\u{1B}[J" + prompt.text
        for c in text {
            switch c {
            case "\n": out += "\r\n" + continuation.text
            case "\t": out += "    "
            default: out.append(c)
            }
        }
        let layout = Renderer.layout(prompt: prompt, continuation: continuation, text: text, cursor: cursor, width: width)
        if layout.endsAtMargin { out += "\r\n" }
        if layout.endRow > layout.cursorRow { out += "\u{1B}[\(layout.endRow - layout.cursorRow)A" }
        out += "\r"
        if layout.cursorColumn > 0 { out += "\u{1B}[\(layout.cursorColumn)C" }
        cursorRow = layout.cursorRow
        endRow = layout.endRow
        endsAtMargin = layout.endsAtMargin
        last = Drawing(prompt: prompt, continuation: continuation, text: text, cursor: cursor)
        return out
    }

    /// After the terminal changed width (and rewrapped what it shows): where the cursor is now.
    mutating func resized(to width: Int) {
        guard let last else { return }
        let layout = Renderer.layout(prompt: last.prompt, continuation: last.continuation, text: last.text, cursor: last.cursor, width: width)
        cursorRow = layout.cursorRow
        endRow = layout.endRow
        endsAtMargin = layout.endsAtMargin
    }

    /// Moves the cursor to the start of the row below the drawing; the next drawing starts there.
    mutating func moveBelow() -> String {
        var out = ""
        let down = endRow - cursorRow
        if down > 0 { out += "\u{1B}[\(down)B" }
        // A full last row already left the cursor at the start of the next one.
        out += endsAtMargin ? "\r" : "\r\n"
        forget()
        return out
    }

    /// Starts afresh: the next drawing begins on the cursor's row.
    mutating func forget() {
        cursorRow = 0
        endRow = 0
        endsAtMargin = false
        last = nil
    }

    /// Candidates laid out in columns, ordered down each column, to fit `width`; each row ends with a line break.
    static func columns(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let widest = items.map { DisplayWidth.of($0) }.max() ?? 0
        let cellWidth = widest + 2
        let perRow = max(1, min(items.count, max(width, 1) / max(cellWidth, 1)))
        let rowCount = (items.count + perRow - 1) / perRow
        var out = ""
        for r in 0..<rowCount {
            var line = ""
            for c in 0..<perRow {
                let i = c * rowCount + r
                guard i < items.count else { break }
                let item = items[i]
                let isLast = c == perRow - 1 || (c + 1) * rowCount + r >= items.count
                line += isLast ? item : item + String(repeating: " ", count: cellWidth - DisplayWidth.of(item))
            }
            out += line + "\r\n"
        }
        return out
    }
}
