/// What Tab may put in place of the word before the cursor.
struct Completion: Equatable, Sendable {
    /// Where the word being completed starts, in characters from the start of the input.
    var start: Int
    /// The texts that may replace the word, sorted.
    var candidates: [String]
    /// How the candidates are listed (a file's name without its folder); the candidates themselves when empty.
    var labels: [String] = []

    /// The labels to list.
    var listed: [String] { labels.isEmpty ? candidates : labels }
}
