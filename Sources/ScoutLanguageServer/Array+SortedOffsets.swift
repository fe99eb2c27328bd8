/// Binary search over things sorted by where they start in the source (tokens, symbol
/// occurrences): the one search the requests share.
extension Array {
    /// How many leading elements start before `offset` (or at it, when `orAt`), for
    /// elements sorted by `start`.
    func count(startingBefore offset: Int, orAt: Bool, _ start: (Element) -> Int) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            let s = start(self[mid])
            if s < offset || (orAt && s == offset) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
