/// An insertion-ordered map from strings to values: the `map` of the language and JSON objects.
///
/// Order is kept so that printing a map or writing it as JSON shows fields as they were
/// written. Most maps are small (a task's result has 15 fields), so entries live in an array
/// searched in place; a hash index is built only once a map grows past ``indexThreshold``.
public struct ValueMap: Sendable, Hashable, Sequence {
    /// One key and its value.
    public typealias Element = (key: String, value: Value)

    private var entries: [Element] = []
    private var index: [String: Int]?

    /// Maps up to this size are searched without an index.
    static let indexThreshold = 16

    /// An empty map.
    public init() {}

    /// An empty map with room for `capacity` entries.
    public init(minimumCapacity capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// A map of the given pairs, in order; a repeated key keeps its first place and last value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        entries.reserveCapacity(pairs.underestimatedCount)
        for (k, v) in pairs { self[k] = v }
    }

    /// A map of pairs whose keys are known to be distinct (no search while building it).
    public init(uniqueKeysWithValues pairs: [(String, Value)]) {
        entries = pairs.map { (key: $0.0, value: $0.1) }
        rebuildIndex()
    }

    /// A map of entries whose keys are known to be distinct, taken as they are.
    init(uniqueEntries: [Element]) {
        entries = uniqueEntries
        rebuildIndex()
    }

    /// Removes every entry, keeping the room they took.
    mutating func removeAll() {
        // One by one from the end: for the few entries of a loop's scope this is far cheaper
        // than the general `removeAll(keepingCapacity:)`, and the room stays.
        while !entries.isEmpty { entries.removeLast() }
        index = nil
    }

    /// The keys in insertion order.
    public var keys: [String] { entries.map(\.key) }

    /// The values in key order.
    public var values: [Value] { entries.map(\.value) }

    /// The number of entries.
    public var count: Int { entries.count }

    /// True when there are no entries.
    public var isEmpty: Bool { entries.isEmpty }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        // Comparing lengths first skips most string comparisons, which are costly in bulk.
        let length = key.utf8.count
        for i in entries.indices where entries[i].key.utf8.count == length && entries[i].key == key { return i }
        return nil
    }

    /// Reads, adds, replaces (keeping the key's place) or, with `nil`, removes an entry.
    public subscript(key: String) -> Value? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let i = position(of: key) {
                if let newValue {
                    entries[i].value = newValue
                } else {
                    entries.remove(at: i)
                    rebuildIndex()
                }
            } else if let newValue {
                entries.append((key, newValue))
                if index != nil {
                    index![key] = entries.count - 1
                } else if entries.count > ValueMap.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard entries.count > ValueMap.indexThreshold else {
            index = nil
            return
        }
        var built = [String: Int](minimumCapacity: entries.count)
        for (i, e) in entries.enumerated() { built[e.key] = i }
        index = built
    }

    /// Iterates the entries in insertion order.
    public func makeIterator() -> IndexingIterator<[Element]> {
        entries.makeIterator()
    }

    /// Maps with the same entries are equal whatever their order.
    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for e in lhs.entries {
            guard let other = rhs[e.key], other == e.value else { return false }
        }
        return true
    }

    /// Hashes the entries independently of their order, as equality ignores it.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for e in entries {
            var h = Hasher()
            h.combine(e.key)
            h.combine(e.value)
            combined ^= h.finalize()
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }
}

extension ValueMap: ExpressibleByDictionaryLiteral {
    /// A map written as a literal: `["cmd": "make", "cwd": "src"]`, in the order written.
    public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements)
    }
}
