import Glibc
import Scout

/// Writes framed messages to the client; safe to use from several threads (one message at a
/// time). After a failed write (the client went away) it writes nothing more.
final class MessageWriter: Sendable {
    private let fd: Int32
    private let state = SanitizerVisibleMutex(true)

    init(fd: Int32) {
        self.fd = fd
    }

    /// A response with a result.
    func respond(id: Value, result: Value) {
        send(["jsonrpc": "2.0", "id": id, "result": result])
    }

    /// A response with an error.
    func respond(id: Value, error: JSONRPCError) {
        send(["jsonrpc": "2.0", "id": id, "error": error.value])
    }

    /// A notification.
    func notify(_ method: String, _ params: Value) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Writes one message with its header.
    func send(_ message: Value) {
        let body = Array(message.jsonText().utf8)
        let bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        state.withLock { open in
            guard open else { return }
            if !FileDescriptorWriter.writeAll(fd, bytes[...]) { open = false }
        }
    }
}
