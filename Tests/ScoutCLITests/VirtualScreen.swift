import Scout

/// A small terminal emulator for the tests: enough of a VT100 (printing with wrap, wide
/// characters, CR/LF, cursor movement, erasing) to see what the line editor draws, where the
/// cursor is, and what scrolled away.
struct VirtualScreen {
    private(set) var rows: Int
    private(set) var columns: Int
    /// The cells: a character, " " when blank, "" for the right half of a wide character.
    private(set) var cells: [[String]]
    /// The cursor's row and column, from 0.
    private(set) var row = 0
    private(set) var column = 0
    /// Lines scrolled off the top.
    private(set) var scrolledAway: [String] = []
    private var pendingWrap = false
    private var pending: [UInt8] = []

    /// A blank screen.
    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    /// A new size: rows are cut or padded (what is shown does not flow into the new width).
    mutating func resize(rows newRows: Int, columns newColumns: Int) {
        cells = cells.map { row in
            newColumns <= row.count ? Array(row.prefix(newColumns)) : row + Array(repeating: " ", count: newColumns - row.count)
        }
        while cells.count < newRows { cells.append(Array(repeating: " ", count: newColumns)) }
        while cells.count > newRows { scrolledAway.append(VirtualScreen.text(cells.removeFirst())); row = max(0, row - 1) }
        rows = newRows
        columns = newColumns
        column = min(column, newColumns - 1)
    }

    /// The rows as text, without trailing blanks.
    var lines: [String] { cells.map(VirtualScreen.text) }

    /// Every line, scrolled away or on screen, without the blank ones at the end.
    var transcript: String {
        var all = scrolledAway + lines
        while all.last == "" { all.removeLast() }
        return all.joined(separator: "\n")
    }

    /// The row the cursor is on, as text.
    var cursorLine: String { lines[row] }

    private static func text(_ row: [String]) -> String {
        var s = row.joined()
        while s.last == " " { s.removeLast() }
        return s
    }

    /// Takes what the program wrote.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var i = 0
        while i < pending.count {
            let b = pending[i]
            if b == 0x1B {
                guard let used = escape(at: i) else { break }
                i += used
                continue
            }
            if b < 0x20 || b == 0x7F {
                control(b)
                i += 1
                continue
            }
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            guard i + length <= pending.count else { break }
            let text = String(decoding: pending[i..<i + length], as: UTF8.self)
            for scalar in text.unicodeScalars { put(scalar) }
            i += length
        }
        pending.removeFirst(i)
    }

    private mutating func control(_ b: UInt8) {
        switch b {
        case 0x0D:
            column = 0
            pendingWrap = false
        case 0x0A:
            lineFeed()
            pendingWrap = false
        case 0x08:
            column = max(0, column - 1)
            pendingWrap = false
        case 0x09:
            column = min(columns - 1, (column / 8 + 1) * 8)
        default:
            break
        }
    }

    private mutating func lineFeed() {
        if row == rows - 1 {
            scrolledAway.append(VirtualScreen.text(cells.removeFirst()))
            cells.append(Array(repeating: " ", count: columns))
        } else {
            row += 1
        }
    }

    private mutating func put(_ scalar: Unicode.Scalar) {
        let width = DisplayWidth.of(scalar)
        if width == 0 {
            let at = column > 0 ? column - 1 : 0
            cells[row][at] += String(scalar)
            return
        }
        if pendingWrap || column + width > columns {
            column = 0
            lineFeed()
            pendingWrap = false
        }
        cells[row][column] = String(scalar)
        if width == 2, column + 1 < columns { cells[row][column + 1] = "" }
        column += width
        if column >= columns {
            column = columns - 1
            pendingWrap = true
        }
    }

    /// Handles the escape sequence at `i`; how many bytes it took, or nil when incomplete.
    private mutating func escape(at i: Int) -> Int? {
        guard i + 1 < pending.count else { return nil }
        guard pending[i + 1] == UInt8(ascii: "[") else { return 2 }
        var end = i + 2
        while end < pending.count, !(0x40...0x7E).contains(pending[end]) { end += 1 }
        guard end < pending.count else { return nil }
        let parameters = String(decoding: pending[(i + 2)..<end], as: UTF8.self)
        let numbers = parameters.split(separator: ";").map { Int($0.filter(\.isNumber)) ?? 0 }
        let n = max(1, numbers.first ?? 1)
        pendingWrap = false
        switch pending[end] {
        case UInt8(ascii: "A"): row = max(0, row - n)
        case UInt8(ascii: "B"): row = min(rows - 1, row + n)
        case UInt8(ascii: "C"): column = min(columns - 1, column + n)
        case UInt8(ascii: "D"): column = max(0, column - n)
        case UInt8(ascii: "H"), UInt8(ascii: "f"):
            row = min(rows - 1, max(1, numbers.first ?? 1) - 1)
            column = min(columns - 1, max(1, numbers.count > 1 ? numbers[1] : 1) - 1)
        case UInt8(ascii: "J"):
            let mode = numbers.first ?? 0
            if mode == 2 {
                cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
            } else {
                for c in column..<columns { cells[row][c] = " " }
                for r in (row + 1)..<max(rows, row + 1) { cells[r] = Array(repeating: " ", count: columns) }
            }
        case UInt8(ascii: "K"):
            for c in column..<columns { cells[row][c] = " " }
        default:
            break
        }
        return end - i + 1
    }
}
