extension Value {
    /// How deeply lists and maps may nest in a value a script builds, and in JSON that
    /// `parse_json`, `--var` and task lists read. Printing, comparing, hashing, encoding and
    /// freeing a value recurse once per level; this bound keeps every build (debug and
    /// sanitizers included) far from the end of its stack.
    package static let maxDepth = 512

    /// Whether lists and maps nest more than `limit` levels in the value (`1` and `"x"` have
    /// depth 0, `[]` and `{}` depth 1, `[[1]]` depth 2). Walks the value without recursion,
    /// and stops as soon as it finds a path deeper than `limit`.
    package func nestsDeeper(than limit: Int) -> Bool {
        var pending: [(Value, Int)] = [(self, 0)]
        while let (value, depth) = pending.popLast() {
            switch value {
            case .list(let l):
                if depth + 1 > limit { return true }
                for element in l where element.isContainer { pending.append((element, depth + 1)) }
            case .map(let m):
                if depth + 1 > limit { return true }
                for entry in m where entry.value.isContainer { pending.append((entry.value, depth + 1)) }
            default:
                break
            }
        }
        return false
    }

    var isContainer: Bool {
        switch self {
        case .list, .map: return true
        default: return false
        }
    }
}
