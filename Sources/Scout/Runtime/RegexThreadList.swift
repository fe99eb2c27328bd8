/// The set of program counters live at one position, in insertion order (a sparse set:
/// insert, test and clear in constant time).
struct RegexThreadList {
    private var dense: [Int]
    private var sparse: [Int]
    private(set) var count = 0

    init(capacity: Int) {
        dense = [Int](repeating: 0, count: capacity)
        sparse = [Int](repeating: 0, count: capacity)
    }

    /// False when `pc` was already there.
    mutating func insert(_ pc: Int) -> Bool {
        let i = sparse[pc]
        if i < count && dense[i] == pc { return false }
        sparse[pc] = count
        dense[count] = pc
        count += 1
        return true
    }

    mutating func clear() { count = 0 }

    var members: ArraySlice<Int> { dense[0..<count] }
}
