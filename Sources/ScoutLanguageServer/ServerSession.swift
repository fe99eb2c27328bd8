import Scout

/// One run of the server over a pair of descriptors: what the thread that reads and the
/// thread that answers share.
final class ServerSession: Sendable {
    let server: LanguageServer
    let writer: MessageWriter
    let queue: MessageQueue
    private struct State: Sendable {
        var cancelled: Set<Value> = []
        var shutDown = false
    }
    private let state = SanitizerVisibleMutex(State())

    init(server: LanguageServer, writer: MessageWriter, queue: MessageQueue) {
        self.server = server
        self.writer = writer
        self.queue = queue
    }

    /// `$/cancelRequest`: the request is answered as cancelled if it has not been answered yet.
    func cancel(_ id: Value) {
        state.withLock { _ = $0.cancelled.insert(id) }
    }

    /// True (once) when the request was cancelled.
    func takeCancelled(_ id: Value) -> Bool {
        state.withLock { $0.cancelled.remove(id) != nil }
    }

    /// True once `shutdown` was answered.
    var isShutDown: Bool { state.withLock { $0.shutDown } }

    func shutDown() {
        state.withLock { $0.shutDown = true }
    }

    /// True when a change or close of the document is waiting to be handled.
    func hasPendingChange(of uri: String) -> Bool {
        queue.containsPending { item in
            guard case .message(.notification(let method, let params)) = item,
                  method == "textDocument/didChange" || method == "textDocument/didClose" else { return false }
            return (try? RequestParameters(params).uri()) == uri
        }
    }
}
