import Synchronization
@testable import Scout

/// Records every chunk an output handler sees, and lets a test await the first one.
final class OutputRecorder: Sendable {
    private let chunks = Mutex<[(OutputStreamKind, [UInt8])]>([])
    private let arrivals: AsyncStream<Void>.Continuation
    /// Yields once per chunk received.
    let arrivalStream: AsyncStream<Void>

    /// An empty recorder.
    init() {
        (arrivalStream, arrivals) = AsyncStream.makeStream(of: Void.self)
    }

    /// The handler to pass to `ProcessSupervisor.run`.
    var handler: ProcessOutputHandler {
        { [self] kind, chunk in
            chunks.withLock { $0.append((kind, Array(chunk))) }
            arrivals.yield()
        }
    }

    /// Everything received on one stream, concatenated in arrival order.
    func bytes(_ kind: OutputStreamKind) -> [UInt8] {
        chunks.withLock { chunks in
            chunks.filter { $0.0 == kind }.flatMap { $0.1 }
        }
    }

    /// How many chunks arrived.
    var chunkCount: Int { chunks.withLock { $0.count } }

    /// Returns once the first chunk has arrived.
    func waitForFirstChunk() async {
        for await _ in arrivalStream { return }
    }
}
