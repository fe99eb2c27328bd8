import Testing
@testable import Scout

@Suite struct BoundedOutputBufferTests {
    @Test func keepsEverythingUnderTheLimit() {
        var buffer = BoundedOutputBuffer(limit: 10)
        buffer.append([1, 2, 3])
        buffer.append([4, 5])
        #expect(buffer.bytes == [1, 2, 3, 4, 5])
        #expect(buffer.droppedBytes == 0)
        #expect(buffer.totalBytes == 5)
    }

    @Test func keepsExactlyTheLimitWithoutDropping() {
        var buffer = BoundedOutputBuffer(limit: 4)
        buffer.append([1, 2])
        buffer.append([3, 4])
        #expect(buffer.bytes == [1, 2, 3, 4])
        #expect(buffer.droppedBytes == 0)
    }

    @Test func keepsTheLastBytesAcrossWraps() {
        var buffer = BoundedOutputBuffer(limit: 5)
        buffer.append([1, 2, 3])
        buffer.append([4, 5, 6, 7])  // fills, then overwrites 1 and 2
        #expect(buffer.bytes == [3, 4, 5, 6, 7])
        #expect(buffer.droppedBytes == 2)
        buffer.append([8, 9, 10])  // wraps past the end of storage
        #expect(buffer.bytes == [6, 7, 8, 9, 10])
        #expect(buffer.droppedBytes == 5)
        buffer.append([11])
        #expect(buffer.bytes == [7, 8, 9, 10, 11])
        #expect(buffer.droppedBytes == 6)
        #expect(buffer.count == 5)
    }

    @Test func aChunkLargerThanTheLimitKeepsItsTail() {
        var buffer = BoundedOutputBuffer(limit: 3)
        buffer.append([1, 2])
        buffer.append([3, 4, 5, 6, 7])
        #expect(buffer.bytes == [5, 6, 7])
        #expect(buffer.droppedBytes == 4)
        buffer.append([8, 9, 10])  // exactly the limit
        #expect(buffer.bytes == [8, 9, 10])
        #expect(buffer.droppedBytes == 7)
    }

    @Test func zeroLimitKeepsNothingAndCountsEverything() {
        var buffer = BoundedOutputBuffer(limit: 0)
        buffer.append([1, 2, 3])
        buffer.append([])
        #expect(buffer.bytes.isEmpty)
        #expect(buffer.droppedBytes == 3)
        #expect(BoundedOutputBuffer(limit: -5).limit == 0)
    }

    @Test func matchesASimpleModelOverManyRandomAppends() {
        var generator = SplitMix64(seed: 42)
        for limit in [1, 2, 7, 64, 1000] {
            var buffer = BoundedOutputBuffer(limit: limit)
            var kept: [UInt8] = []  // the model: the last `limit` bytes
            var total = 0
            for _ in 0..<200 {
                let length = Int(generator.next() % UInt64(limit * 2 + 2))
                let chunk = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                buffer.append(chunk)
                kept = Array((kept + chunk).suffix(limit))
                total += length
                #expect(buffer.bytes == kept)
                #expect(buffer.droppedBytes == max(0, total - limit))
            }
        }
    }
}
