import Testing
@testable import ScoutLanguageServer

/// `MessageFramer`: messages split over reads, several in one read, headers it cannot use.
@Suite struct MessageFramerTests {
    static func events(_ chunks: [String]) -> [MessageFramer.Event] {
        var framer = MessageFramer()
        var out: [MessageFramer.Event] = []
        for chunk in chunks {
            framer.append(Array(chunk.utf8)[...])
            while let e = framer.next() { out.append(e) }
        }
        return out
    }

    @Test func aMessageSplitAnywhereIsReadWhole() {
        let text = "Content-Length: 7\r\n\r\n{\"a\":1}"
        for cut in 0...text.utf8.count {
            let bytes = Array(text.utf8)
            let parts = [String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self)]
            #expect(MessageFramerTests.events(parts) == [.message(Array("{\"a\":1}".utf8))], "cut at \(cut)")
        }
    }

    @Test func severalMessagesInOneReadAndOtherHeaders() {
        let events = MessageFramerTests.events([
            "Content-Length: 2\r\n\r\n{}content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:3\r\n\r\n[1]",
        ])
        #expect(events == [.message(Array("{}".utf8)), .message(Array("[1]".utf8))])
    }

    @Test func aHeaderWithoutALengthIsReportedAndTheNextMessageIsRead() {
        let events = MessageFramerTests.events(["Content-Type: x\r\n\r\nContent-Length: abc\r\n\r\nContent-Length: 2\r\n\r\n{}"])
        #expect(events == [.malformed("a header without a valid Content-Length"), .malformed("a header without a valid Content-Length"),
                           .message(Array("{}".utf8))])
    }

    @Test func aHugeLengthIsReportedAndItsBytesSkippedUnkept() {
        var framer = MessageFramer()
        framer.append(Array("Content-Length: 999999999999\r\n\r\n".utf8)[...])
        guard case .malformed(let why)? = framer.next() else {
            Issue.record("no error for the length")
            return
        }
        #expect(why.contains("over the limit"))
        framer.append([UInt8](repeating: 0x41, count: 1 << 20)[...])
        #expect(framer.next() == nil)
        #expect(framer.pending == 0)
    }

    @Test func theMessageAfterAnOversizedOneIsRead() {
        var framer = MessageFramer(maxContentLength: 4)
        framer.append(Array("Content-Length: 6\r\n\r\n[1, 2]Content-Length: 2\r\n\r\n{}".utf8)[...])
        #expect(framer.next() == .malformed("a message of 6 bytes, over the limit of 4"))
        #expect(framer.next() == .message(Array("{}".utf8)))
        #expect(framer.next() == nil)
    }

    @Test func anEndlessHeaderIsReportedOnceItIsTooLong() {
        var framer = MessageFramer()
        framer.append([UInt8](repeating: 0x41, count: MessageFramer.maxHeaderLength + 1)[...])
        #expect(framer.next() == .malformed("a header longer than \(MessageFramer.maxHeaderLength) bytes"))
        #expect(framer.pending == 0)
    }
}
