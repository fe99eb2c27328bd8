import Scout
import Testing
@testable import ScoutLanguageServer

/// The server as a JSON-RPC peer: hostile input answered with errors, never a crash; the
/// order of initialize and shutdown; exit statuses.
@Suite struct ProtocolTests {
    typealias Client = LanguageServerClient

    static func framed(_ body: String) -> [UInt8] {
        Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    @Test func requestsBeforeInitializeAreRefused() {
        let x = Client.exchange([Client.request(1, "textDocument/hover", [:]), Client.request(2, "shutdown")] + [Client.notification("exit")])
        #expect(x.errorCode(1) == JSONRPCError.serverNotInitialized)
        #expect(x.errorCode(2) == JSONRPCError.serverNotInitialized)
        #expect(x.status == 1)
    }

    @Test func exitAfterShutdownIsZeroAndWithoutItOne() {
        let clean = Client.exchange(Client.opening("print 1\n") + Client.ending)
        #expect(clean.status == 0)
        #expect(clean.result(Client.shutdownID) == .null)
        #expect(clean.response(Client.shutdownID) != nil)
        let abrupt = Client.exchange(Client.opening("print 1\n") + [Client.notification("exit")])
        #expect(abrupt.status == 1)
        let closed = Client.exchange(Client.opening("print 1\n"))
        #expect(closed.status == 1)
        #expect(closed.result(1)?["capabilities"] != nil)
    }

    @Test func nothingIsReadAfterExit() {
        let x = Client.exchange(Client.opening("") + Client.ending + [Client.request(5, "shutdown")])
        #expect(x.response(5) == nil)
        #expect(x.status == 0)
    }

    @Test func requestsAfterShutdownAreInvalid() {
        let x = Client.exchange(Client.opening("") + [Client.request(999, "shutdown"), Client.at(2, "textDocument/hover", line: 0, character: 0), Client.notification("exit")])
        #expect(x.errorCode(2) == JSONRPCError.invalidRequest)
    }

    @Test func invalidJSONIsAParseErrorAndTheNextMessageIsAnswered() {
        var raw = Client.frame(Client.request(1, "initialize", ["capabilities": [:]]))
        let broken = Array("{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": ".utf8)
        raw += Array("Content-Length: \(broken.count)\r\n\r\n".utf8) + broken
        raw += ProtocolTests.framed("[1,2]")
        raw += ProtocolTests.framed("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"x\"}")
        raw += Client.frame(Client.request(3, "no/such/method"))
        raw += Client.frame(["jsonrpc": "2.0", "id": 4])
        raw += Client.frame(Client.request(5, "shutdown"))
        let x = Client.exchange(raw: raw)
        let errors = x.messages.filter { $0["id"] == .null }.compactMap { $0["error"]?["code"]?.intValue }
        #expect(errors == [JSONRPCError.parseError, JSONRPCError.invalidRequest, JSONRPCError.invalidRequest])
        #expect(x.errorCode(3) == JSONRPCError.methodNotFound)
        #expect(x.errorCode(4) == JSONRPCError.invalidRequest)
        #expect(x.result(5) == .null)
        #expect(x.leftover.isEmpty)
    }

    @Test func truncatedAndHeaderlessInputIsAnsweredOrDropped() {
        var raw = Client.frame(Client.request(1, "initialize", ["capabilities": [:]]))
        raw += Array("Content-Type: text/plain\r\n\r\n".utf8)
        raw += Client.frame(Client.request(2, "shutdown"))
        raw += Array("Content-Length: 100\r\n\r\n{\"jsonrpc\"".utf8)
        let x = Client.exchange(raw: raw)
        #expect(x.messages.contains { $0["id"] == .null && $0["error"]?["code"] == .int(JSONRPCError.parseError) })
        #expect(x.result(2) == .null)
        #expect(x.status == 0)
        let headerOnly = Client.exchange(raw: Array("Content-Len".utf8))
        #expect(headerOnly.messages.isEmpty)
        #expect(headerOnly.status == 1)
    }

    @Test func aHugeContentLengthIsRefusedWithoutReadingIt() {
        var raw = Client.frame(Client.request(1, "initialize", ["capabilities": [:]]))
        raw += Array("Content-Length: 18446744073709551615\r\n\r\n".utf8)
        raw += Array("Content-Length: 9000000000000\r\n\r\n{}".utf8)
        let x = Client.exchange(raw: raw)
        #expect(x.result(1)?["capabilities"] != nil)
        #expect(x.messages.filter { $0["error"]?["code"] == .int(JSONRPCError.parseError) }.count == 2)
    }

    @Test func badParametersAreInvalidParams() {
        let x = Client.exchange(Client.opening("print 1\n") + [
            Client.request(2, "textDocument/hover", ["textDocument": ["uri": 5]]),
            Client.request(3, "textDocument/hover", ["textDocument": ["uri": "file:///not/open"], "position": ["line": 0, "character": 0]]),
            Client.request(4, "textDocument/hover", ["textDocument": ["uri": .string(Client.uri)], "position": ["line": -1, "character": "x"]]),
            Client.request(5, "textDocument/hover", "not a map"),
            Client.request(6, "initialize", [:]),
        ] + Client.ending)
        for id in 2...5 { #expect(x.errorCode(id) == JSONRPCError.invalidParams, "request \(id)") }
        #expect(x.errorCode(6) == JSONRPCError.invalidRequest)
        #expect(x.status == 0)
    }

    @Test func aCancelledRequestIsAnsweredAsCancelled() {
        let x = Client.exchange(Client.opening("print 1\n") + [
            Client.notification("$/cancelRequest", ["id": 7]),
            Client.at(7, "textDocument/hover", line: 0, character: 1),
        ] + Client.ending)
        #expect(x.errorCode(7) == JSONRPCError.requestCancelled)
    }

    @Test func manyMessagesAreAllAnsweredInOrder() {
        var messages = Client.opening("let files = 1\nprint files\n")
        for id in 10..<410 { messages.append(Client.at(id, "textDocument/definition", line: 1, character: 8)) }
        let x = Client.exchange(messages + Client.ending)
        let ids = x.messages.compactMap { $0["id"]?.intValue }
        #expect(ids == [1] + Array(10..<410) + [Client.shutdownID])
        #expect(x.result(409)?["range"]?["start"]?["character"] == .int(4))
    }
}
