import Glibc
import Scout
@testable import ScoutLanguageServer

/// Runs a ``LanguageServer`` in this process over temporary files: the input is written
/// whole first (ending as a closed stdin would), the output read back as messages.
struct LanguageServerClient {
    /// How the server ended and what it wrote.
    struct Exchange {
        var status: Int32
        var messages: [Value]
        /// Bytes after the last whole message (there should be none).
        var leftover: [UInt8]

        /// The response to the request with this id.
        func response(_ id: Int) -> Value? {
            messages.first { $0["id"] == .int(id) && $0["method"] == nil }
        }

        /// The result of the request with this id.
        func result(_ id: Int) -> Value? { response(id)?["result"] }

        /// The error code the request with this id was answered with.
        func errorCode(_ id: Int) -> Int? { response(id)?["error"]?["code"]?.intValue }

        /// The notifications with this method, in order.
        func notifications(_ method: String) -> [Value] {
            messages.filter { $0["method"] == .string(method) }
        }
    }

    static let uri = "file:///tmp/t%20dir/t.scout"

    /// `Content-Length` framing of a message.
    static func frame(_ message: Value) -> [UInt8] {
        let body = Array(message.jsonText().utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    static func request(_ id: Int, _ method: String, _ params: Value = [:]) -> Value {
        ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params]
    }

    static func notification(_ method: String, _ params: Value = [:]) -> Value {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    /// `initialize`, `initialized` and `didOpen` of `text` at ``uri``.
    static func opening(_ text: String) -> [Value] {
        [request(1, "initialize", ["capabilities": [:]]), notification("initialized"),
         notification("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "scout", "version": 1, "text": .string(text)]])]
    }

    /// A request about a position of the document at ``uri``.
    static func at(_ id: Int, _ method: String, line: Int, character: Int, _ extra: [(String, Value)] = []) -> Value {
        var params: [(String, Value)] = [("textDocument", ["uri": .string(uri)]), ("position", ["line": .int(line), "character": .int(character)])]
        params += extra
        return request(id, method, .map(ValueMap(uniqueKeysWithValues: params)))
    }

    /// The id of the `shutdown` of ``ending`` (above those the tests use for other requests).
    static let shutdownID = 1_000_000

    /// `shutdown` then `exit`.
    static let ending: [Value] = [request(shutdownID, "shutdown"), notification("exit")]

    /// Sends the messages (then the input ends) and returns what the server answered.
    static func exchange(_ messages: [Value], server: LanguageServer = LanguageServer(documentation: testDocumentation)) -> Exchange {
        exchange(raw: messages.flatMap(frame), server: server)
    }

    /// Sends the bytes as they are.
    static func exchange(raw: [UInt8], server: LanguageServer = LanguageServer(documentation: testDocumentation)) -> Exchange {
        let input = temporaryFile(raw)
        let output = temporaryFile([])
        defer {
            close(input)
            close(output)
        }
        let status = server.run(input: input, output: output)
        lseek(output, 0, SEEK_SET)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        var framer = MessageFramer()
        framer.append(bytes[...])
        var messages: [Value] = []
        while case .message(let body)? = framer.next() {
            messages.append((try? JSONParser.parse(body)) ?? .string("unparsable: " + String(decoding: body, as: UTF8.self)))
        }
        return Exchange(status: status, messages: messages, leftover: Array(bytes.suffix(framer.pending)))
    }

    /// An unlinked temporary file holding `bytes`, positioned at its start.
    static func temporaryFile(_ bytes: [UInt8]) -> Int32 {
        var template = Array("/tmp/scout-lsp-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(fd >= 0, "mkstemp failed")
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            precondition(n > 0, "write failed")
            offset += n
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }

    /// Help text for the tests: keywords answer with a line naming them.
    static let testDocumentation = Documentation(
        keyword: { $0 == "retry" ? "TASK retry N\n    Tries a failed task again.\n" : nil },
        command: Documentation.summaries.command,
        function: Documentation.summaries.function)
}
