/// Gathers lines of piped input into statements: a statement is handed over as soon as its
/// last line makes it complete (``InputCompleteness``). Each line is lexed once, so a long
/// block costs no more than its length; only lines inside a multi-line string make it read
/// the statement again from its start.
struct StatementGatherer {
    private var lines: [String] = []
    private var tracker = InputCompleteness()
    /// The line number (from 1) where the statement being gathered starts.
    private(set) var firstLine = 1
    private var lineCount = 0

    /// True when lines are waiting for the rest of their statement.
    var hasPending: Bool { !lines.isEmpty }

    /// Adds a line; the statement it completes, if it does, with its first line number.
    /// Blank lines between statements are skipped.
    mutating func add(_ line: String) -> (text: String, firstLine: Int)? {
        lineCount += 1
        if lines.isEmpty {
            let trimmed = line.drop(while: \.isWhitespace)
            if trimmed.isEmpty { return nil }
            firstLine = lineCount
            if trimmed.hasPrefix(":") { return (line, lineCount) }
        }
        lines.append(line)
        if tracker.inString {
            tracker = InputCompleteness()
            tracker.scan(lines.joined(separator: "\n"))
        } else {
            tracker.scan(line)
        }
        guard tracker.status == .complete else { return nil }
        return take()
    }

    /// What was gathered, complete or not (at the end of the input).
    mutating func take() -> (text: String, firstLine: Int) {
        defer {
            lines = []
            tracker = InputCompleteness()
        }
        return (lines.joined(separator: "\n"), firstLine)
    }
}
