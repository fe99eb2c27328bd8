import Scout

/// A prompt as it is drawn: its text, perhaps with colour codes, and the columns it takes.
struct Prompt: Equatable, Sendable {
    /// What is written to the terminal.
    var text: String
    /// How many columns it takes on the screen.
    var width: Int

    /// A prompt of plain text, drawn through `paint` (which adds colour codes, or nothing).
    init(_ plain: String, paint: (String) -> String = { $0 }) {
        self.text = paint(plain)
        self.width = DisplayWidth.of(plain)
    }
}
