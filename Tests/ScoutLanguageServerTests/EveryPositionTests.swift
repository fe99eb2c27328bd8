import Scout
import Testing
@testable import ScoutLanguageServer

/// Every request at every position of the sample, and of the sample cut short anywhere
/// (texts that do not parse): each is answered, none crashes the server.
@Suite struct EveryPositionTests {
    typealias Client = LanguageServerClient

    static let methods = ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references",
                          "textDocument/signatureHelp", "textDocument/prepareRename", "textDocument/rename"]

    static func requests(lines: [Substring], from firstID: Int) -> [Value] {
        var requests: [Value] = []
        var id = firstID
        for (n, line) in lines.enumerated() {
            for character in stride(from: 0, through: line.utf16.count + 1, by: 1) {
                for method in methods {
                    requests.append(Client.at(id, method, line: n, character: character, method.hasSuffix("rename") ? [("newName", "x2")] : []))
                    id += 1
                }
            }
        }
        return requests
    }

    @Test func everyRequestAtEveryPositionIsAnswered() {
        let text = RequestTests.sample + "let wide = \"é中😀\" + files[0] + config.region\n"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let requests = EveryPositionTests.requests(lines: lines, from: 10)
        let x = Client.exchange(Client.opening(text) + requests + Client.ending)
        #expect(x.status == 0)
        let answered = Set(x.messages.compactMap { $0["id"]?.intValue })
        #expect(answered.count == requests.count + 2)
        let internalErrors = x.messages.filter { $0["error"]?["code"] == .int(JSONRPCError.internalError) }
        #expect(internalErrors.isEmpty)
    }

    @Test func textsCutShortAreAnsweredToo() {
        let bytes = Array(RequestTests.sample.utf8)
        var messages: [Value] = [Client.request(1, "initialize", ["capabilities": [:]])]
        var id = 10
        var version = 1
        for cut in stride(from: 0, through: bytes.count, by: 13) {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            messages.append(Client.notification(version == 1 ? "textDocument/didOpen" : "textDocument/didChange", [
                "textDocument": ["uri": .string(Client.uri), "languageId": "scout", "version": .int(version), "text": .string(text)],
                "contentChanges": [["text": .string(text)]],
            ]))
            version += 1
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let last = max(lines.count - 3, 0)
            let tail = Array(lines[last...])
            for request in EveryPositionTests.requests(lines: tail, from: id) {
                guard case .map(var m) = request, case .map(var params)? = m["params"], case .map(var position)? = params["position"] else { continue }
                position["line"] = .int((position["line"]?.intValue ?? 0) + last)
                params["position"] = .map(position)
                m["params"] = .map(params)
                messages.append(.map(m))
                id += 1
            }
            messages.append(Client.request(id, "textDocument/formatting", ["textDocument": ["uri": .string(Client.uri)]]))
            messages.append(Client.request(id + 1, "textDocument/documentSymbol", ["textDocument": ["uri": .string(Client.uri)]]))
            id += 2
        }
        let x = Client.exchange(messages + Client.ending)
        #expect(x.status == 0)
        let answered = Set(x.messages.compactMap { $0["id"]?.intValue })
        #expect(answered.count == id - 10 + 2)
    }
}
