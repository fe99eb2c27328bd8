/// A reverse incremental search through the history (Ctrl-R): what is typed, the entry it
/// found, and the input as it was before the search began.
struct HistorySearch: Equatable, Sendable {
    /// The text searched for.
    var query = ""
    /// The index in the history of the entry found, if any.
    var match: Int?
    /// True when no entry contains the query.
    var failed = false
    /// The input before the search, put back when it is cancelled.
    var original: [Character]
    /// The cursor before the search.
    var originalCursor: Int
    /// The history position before the search.
    var originalHistoryIndex: Int?

    /// The prompt that stands for the search: `(reverse-i-search)'query': `.
    var prompt: String { (failed ? "(failing reverse-i-search)'" : "(reverse-i-search)'") + query + "': " }
}
