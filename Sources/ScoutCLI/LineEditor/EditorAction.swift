/// What the line editor has to do after a key: the state machine decides, the editor does the I/O.
enum EditorAction: Equatable, Sendable {
    /// Nothing changed.
    case none
    /// The input or the cursor changed: draw again.
    case redraw
    /// The input is complete: hand it over.
    case submit(String)
    /// Ctrl-D on an empty input.
    case endOfInput
    /// Ctrl-C: drop the input.
    case interrupt
    /// Ctrl-L.
    case clearScreen
    /// A second Tab with several candidates: list them below the input.
    case listCompletions([String])
    /// Ctrl-Z.
    case suspend
    /// Nothing to do for that key here (no completion, no older entry): ring the bell.
    case bell
}
