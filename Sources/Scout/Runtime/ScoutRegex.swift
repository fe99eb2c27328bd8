/// A regular expression that matches in time linear in the text (a Pike VM over Unicode
/// scalars, no backtracking), so no pattern can make a match take exponential time.
///
/// Syntax: literals; `.` (any scalar but a newline); classes `[a-z_]`, `[^...]`; `\d \w \s`
/// and `\D \W \S`; escapes `\n \t \r \f \v \0 \xHH \u{HHHH}` and `\` before punctuation;
/// `* + ? {m} {m,} {m,n}` (lazy `?` accepted; counts up to 1000); `|`; groups `(...)`,
/// `(?:...)`, `(?<name>...)`; anchors `^` and `$` (start and end of the text), `\b`, `\B`.
/// Backreferences and lookaround are errors.
///
/// ```swift
/// let r = try ScoutRegex("^v[0-9]+\\.[0-9]+$")
/// try r.matches(in: "v1.2")   // true
/// ```
package struct ScoutRegex: Sendable {
    /// The syntax, for help text.
    package static let syntaxSummary = """
        Patterns match anywhere in the text (anchor with ^ and $) and run in linear time.
        Supported: literals; . (any character but a newline); [a-z_] [^...]; \\d \\w \\s \\D \\W \\S;
        escapes \\n \\t \\r \\xHH \\u{HHHH} and \\ before punctuation; * + ? {m} {m,} {m,n}
        (counts up to 1000); | ; groups (...) (?:...) (?<name>...); anchors ^ $ \\b \\B.
        Not supported: backreferences, lookahead and lookbehind, (?i) options.
        """

    let program: [RegexInstruction]

    /// Compiles a pattern; throws when it is not valid or uses syntax that is not supported.
    package init(_ pattern: String) throws(RegexSyntaxError) {
        var parser = RegexParser(pattern)
        program = try RegexCompiler.compile(try parser.parse())
    }

    /// Whether `text` contains a match. `shouldStop` is asked now and then during long
    /// matches; when it returns true the match ends with `CancellationError`.
    package func matches(in text: String, shouldStop: () -> Bool = { false }) throws(CancellationError) -> Bool {
        var current = RegexThreadList(capacity: program.count)
        var next = RegexThreadList(capacity: program.count)
        var stack: [Int] = []
        var previous: Unicode.Scalar? = nil
        var iterator = text.unicodeScalars.makeIterator()
        var scalar = iterator.next()
        var atStart = true
        var steps = 0
        while true {
            // A new thread at every position: the match may start anywhere.
            if add(0, to: &current, stack: &stack, previous: previous, next: scalar, atStart: atStart) { return true }
            guard let c = scalar else { return false }
            let following = iterator.next()
            for pc in current.members {
                let advances: Bool
                switch program[pc] {
                case .scalar(let s): advances = s == c
                case .any: advances = c != "\n"
                case .set(let set): advances = set.contains(c)
                default: advances = false
                }
                if advances, add(pc + 1, to: &next, stack: &stack, previous: c, next: following, atStart: false) { return true }
            }
            steps += current.members.count + 1
            if steps > 1 << 16 {
                steps = 0
                if shouldStop() { throw CancellationError() }
            }
            swap(&current, &next)
            next.clear()
            previous = c
            scalar = following
            atStart = false
        }
    }

    /// Adds `pc` and every instruction reachable from it without consuming a scalar; true
    /// when one of them is a match.
    private func add(_ pc: Int, to list: inout RegexThreadList, stack: inout [Int], previous: Unicode.Scalar?, next: Unicode.Scalar?, atStart: Bool) -> Bool {
        stack.append(pc)
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match:
                stack.removeAll(keepingCapacity: true)
                return true
            case .jump(let target): stack.append(target)
            case .split(let a, let b):
                stack.append(b)
                stack.append(a)
            case .assert(let condition):
                if holds(condition, previous: previous, next: next, atStart: atStart) { stack.append(pc + 1) }
            case .scalar, .any, .set: break
            }
        }
        return false
    }

    private func holds(_ condition: RegexAssertion, previous: Unicode.Scalar?, next: Unicode.Scalar?, atStart: Bool) -> Bool {
        switch condition {
        case .start: return atStart
        case .end: return next == nil
        case .wordBoundary, .notWordBoundary:
            let before = previous.map(RegexCharacterClass.isWord) ?? false
            let after = next.map(RegexCharacterClass.isWord) ?? false
            return (before != after) == (condition == .wordBoundary)
        }
    }
}
