/// "Did you mean ...?": the closest known name to a misspelt one.
package enum Suggestion {
    /// Names longer than this get no suggestion: no one misspells a 65-character name, and
    /// the distance between two long names costs the product of their lengths.
    package static let maxLength = 64

    /// The candidate nearest to `name` by edit distance, when it is close enough to be a typo:
    /// at most a third of the name's length (at least one edit), and fewer edits than the name
    /// has characters, so that `y` does not suggest `x`. Ties go to the alphabetically first.
    package static func closest<S: Sequence>(to name: String, in candidates: S) -> String? where S.Element == String {
        let length = name.unicodeScalars.count
        guard length <= maxLength else { return nil }
        let limit = min(max(1, length / 3), length - 1)
        guard limit >= 1 else { return nil }
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let candidateLength = candidate.unicodeScalars.count
            if candidateLength > maxLength || abs(candidateLength - length) > limit { continue }
            let d = distance(name, candidate)
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Damerau-Levenshtein distance (adjacent swaps count as one edit), case-insensitive.
    package static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars)
        let y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[y.count]
    }
}
