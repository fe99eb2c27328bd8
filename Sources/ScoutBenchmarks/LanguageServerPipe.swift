import Glibc
import Scout
import ScoutLanguageServer

/// A `scout lsp` server running in this process on a pair of pipes, and the client end:
/// framed messages out, framed messages read back.
final class LanguageServerPipe {
    private let toServer: Int32
    private let fromServer: Int32
    private let serverFDs: (input: Int32, output: Int32)
    private let task: Task<Int32, Never>
    private var buffer: [UInt8] = []
    private var nextID = 1

    init() {
        var a: [Int32] = [0, 0], b: [Int32] = [0, 0]
        guard pipe(&a) == 0, pipe(&b) == 0 else { Child.fail("pipe failed") }
        toServer = a[1]
        fromServer = b[0]
        serverFDs = (a[0], b[1])
        let input = a[0], output = b[1]
        let server = LanguageServer()
        task = Task.detached { server.run(input: input, output: output) }
    }

    /// Sends a notification.
    func notify(_ method: String, _ params: Value) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and waits for its response.
    @discardableResult
    func request(_ method: String, _ params: Value) -> Value {
        let id = nextID
        nextID += 1
        send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return wait { $0["id"] == .int(id) }
    }

    /// Reads messages until one satisfies `predicate`.
    @discardableResult
    func wait(for predicate: (Value) -> Bool) -> Value {
        while true {
            let message = next()
            if predicate(message) { return message }
        }
    }

    /// `shutdown`, `exit`, and the server's end.
    func close() async {
        request("shutdown", .null)
        notify("exit", .null)
        _ = await task.value
        for fd in [toServer, fromServer, serverFDs.input, serverFDs.output] { Glibc.close(fd) }
    }

    private func send(_ message: Value) {
        let body = Array(message.jsonText().utf8)
        FileDescriptorWriter.writeAll(toServer, Array("Content-Length: \(body.count)\r\n\r\n".utf8)[...] + body[...])
    }

    /// The next message from the server.
    private func next() -> Value {
        while true {
            if let end = headerEnd(), let length = contentLength(buffer[..<end]), buffer.count >= end + 4 + length {
                let body = Array(buffer[(end + 4)..<(end + 4 + length)])
                buffer.removeSubrange(0..<(end + 4 + length))
                guard let value = try? JSONParser.parse(body) else { Child.fail("the server wrote invalid JSON") }
                return value
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fromServer, $0.baseAddress, $0.count) }
            if n <= 0 { Child.fail("the language server closed its output") }
            buffer += chunk[0..<n]
        }
    }

    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { return i }
        return nil
    }

    private func contentLength(_ header: ArraySlice<UInt8>) -> Int? {
        let text = String(decoding: header, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return Int(text[text.index(after: colon)...].filter { $0 != " " })
    }
}
