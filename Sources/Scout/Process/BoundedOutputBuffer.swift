/// Keeps the last `limit` bytes appended to it and counts the bytes it dropped.
///
/// Storage grows only as bytes arrive (a quiet child costs nothing); once `limit` bytes
/// are held it becomes a ring of exactly `limit` bytes, overwriting the oldest.
struct BoundedOutputBuffer: Sendable {
    /// The most bytes kept.
    let limit: Int
    /// How many bytes were appended but are no longer kept (the oldest ones).
    private(set) var droppedBytes = 0
    /// Linear while not full; a ring starting at `head` once `storage.count == limit`.
    private var storage: [UInt8] = []
    /// Index of the oldest byte when the ring is full; 0 otherwise.
    private var head = 0

    /// Creates an empty buffer keeping at most `limit` bytes (a negative limit keeps none).
    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// How many bytes are kept.
    var count: Int { storage.count }

    /// Total bytes ever appended.
    var totalBytes: Int { droppedBytes + storage.count }

    /// The kept bytes, oldest first.
    var bytes: [UInt8] {
        if head == 0 { return storage }
        var result: [UInt8] = []
        result.reserveCapacity(storage.count)
        result.append(contentsOf: storage[head...])
        result.append(contentsOf: storage[..<head])
        return result
    }

    /// Appends bytes, dropping the oldest ones beyond `limit`.
    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        append(chunk.bindMemory(to: UInt8.self))
    }

    /// Appends bytes, dropping the oldest ones beyond `limit`.
    mutating func append(_ chunk: [UInt8]) {
        chunk.withUnsafeBufferPointer { append($0) }
    }

    /// Appends bytes, dropping the oldest ones beyond `limit`.
    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        let n = chunk.count
        if n == 0 { return }
        if limit == 0 {
            droppedBytes += n
            return
        }
        if n >= limit {
            // The chunk alone fills the buffer: keep its tail, drop everything else.
            droppedBytes += storage.count + (n - limit)
            storage = Array(chunk[(n - limit)...])
            head = 0
            return
        }
        var rest = chunk[...]
        if storage.count < limit {
            let room = limit - storage.count
            if n <= room {
                storage.append(contentsOf: chunk)
                return
            }
            storage.append(contentsOf: chunk[..<room])
            rest = chunk[room...]
        }
        // Full ring: overwrite the oldest `rest.count` bytes (rest.count < limit).
        let m = rest.count
        droppedBytes += m
        storage.withUnsafeMutableBufferPointer { ring in
            let first = min(m, limit - head)
            _ = UnsafeMutableBufferPointer(rebasing: ring[head..<(head + first)])
                .update(fromContentsOf: rest.prefix(first))
            if first < m {
                _ = UnsafeMutableBufferPointer(rebasing: ring[0..<(m - first)])
                    .update(fromContentsOf: rest.dropFirst(first))
            }
        }
        head = (head + m) % limit
    }
}
