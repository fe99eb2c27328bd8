import Scout

/// Writes bytes that come in pieces (a line read back from a spill file) in writes of about
/// ``SpillBuffer/memoryLimit`` bytes, so memory stays small; an end that may start a secret
/// waits for the next piece, so a secret split between two pieces is still masked.
struct PieceWriter {
    private var pending: [UInt8]

    /// A writer whose output starts with `first` (a line's label).
    init(first: [UInt8] = []) {
        pending = first
    }

    /// Adds a piece; writes what is ready once enough has come.
    mutating func add(_ piece: ArraySlice<UInt8>, _ write: (ArraySlice<UInt8>) -> Void) {
        pending += piece
        guard pending.count >= SpillBuffer.memoryLimit else { return }
        let (done, rest) = SecretMask.standardStreams.maskStream(pending)
        write(done[...])
        pending = rest
    }

    /// Writes the rest.
    mutating func finish(_ write: (ArraySlice<UInt8>) -> Void) {
        if !pending.isEmpty { write(pending[...]) }
        pending = []
    }
}
