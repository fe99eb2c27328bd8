/// An insertion-ordered map from strings to values: the `map` of the language and JSON objects.
///
/// Order is kept so that printing a map or writing it as JSON shows fields as they were written.
public struct ValueMap: Sendable, Hashable, Sequence {
    private var orderedKeys: [String] = []
    private var storage: [String: Value] = [:]

    /// An empty map.
    public init() {}

    /// A map of the given pairs, in order; a repeated key keeps its first place and last value.
    public init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        for (k, v) in pairs { self[k] = v }
    }

    /// The keys in insertion order.
    public var keys: [String] { orderedKeys }

    /// The values in key order.
    public var values: [Value] { orderedKeys.map { storage[$0]! } }

    /// The number of entries.
    public var count: Int { orderedKeys.count }

    /// True when there are no entries.
    public var isEmpty: Bool { orderedKeys.isEmpty }

    /// Reads, adds, replaces (keeping the key's place) or, with `nil`, removes an entry.
    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { orderedKeys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                orderedKeys.removeAll { $0 == key }
            }
        }
    }

    /// Iterates the entries in insertion order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: Value)]> {
        orderedKeys.map { (key: $0, value: storage[$0]!) }.makeIterator()
    }

    /// Maps with the same entries are equal whatever their order.
    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        lhs.storage == rhs.storage
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage)
    }
}
