/// One key press (or one paste) as the line editor sees it, decoded from the terminal's bytes.
enum Key: Equatable, Sendable {
    /// Printable text: one character as typed.
    case text(String)
    /// Text pasted while the terminal's bracketed paste mode was on; line breaks stay text.
    case paste(String)
    case enter
    /// Alt-Enter: a line break in the input without submitting it.
    case insertNewline
    case tab
    case backspace
    case delete
    case left, right, up, down
    case home, end
    case wordLeft, wordRight
    /// Alt-Backspace: delete the word before the cursor.
    case deleteWordBackward
    /// Alt-d: delete the word after the cursor.
    case deleteWordForward
    /// Ctrl and a letter (`control("a")` is Ctrl-A), for the controls without a key of their own.
    case control(Character)
    case escape
    /// A sequence the editor has no use for (function keys, page up, ...).
    case unknown
}
