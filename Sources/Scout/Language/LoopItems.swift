/// What a `for` walks, without building a list for `range(...)`: the values of an int range,
/// a list's elements, or a map's keys.
enum LoopItems: Sendable, Sequence {
    case range(IntRange)
    case values([Value])

    /// How many items there are (`Int.max` when a range holds more).
    var count: Int {
        switch self {
        case .range(let r): return r.count
        case .values(let v): return v.count
        }
    }

    /// Every item in a list (for a parallel loop, which hands them out by index).
    var array: [Value] {
        switch self {
        case .range(let r): return r.map(Value.int)
        case .values(let v): return v
        }
    }

    struct Iterator: IteratorProtocol {
        enum Base {
            case range(StrideTo<Int>.Iterator)
            case values(IndexingIterator<[Value]>)
        }
        var base: Base

        mutating func next() -> Value? {
            switch base {
            case .range(var i):
                defer { base = .range(i) }
                return i.next().map(Value.int)
            case .values(var i):
                defer { base = .values(i) }
                return i.next()
            }
        }
    }

    func makeIterator() -> Iterator {
        switch self {
        case .range(let r): return Iterator(base: .range(r.makeIterator()))
        case .values(let v): return Iterator(base: .values(v.makeIterator()))
        }
    }
}
