/// Splits the bytes of a Language Server Protocol stream into messages: header lines
/// (`Content-Length: N`, others ignored) ended by a blank line, then N bytes of JSON.
///
/// A header block without a usable `Content-Length` is reported and dropped; a body longer
/// than ``maxContentLength`` is reported and its bytes are skipped as they arrive, never kept.
struct MessageFramer {
    /// What the next bytes held.
    enum Event: Equatable {
        /// One message's body.
        case message([UInt8])
        /// A header block that could not be used, and why.
        case malformed(String)
    }

    /// The largest body accepted by default.
    static let maxContentLength = 64 << 20
    /// The longest header block accepted.
    static let maxHeaderLength = 8192

    /// The largest body accepted.
    let maxContentLength: Int
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already handed on.
    private var start = 0
    /// Bytes of an oversized body still to skip.
    private var skipping = 0

    init(maxContentLength: Int = MessageFramer.maxContentLength) {
        self.maxContentLength = maxContentLength
    }

    /// Bytes waiting to be framed.
    var pending: Int { buffer.count - start }

    /// Adds bytes read from the stream.
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next message or malformed header, or nil when more bytes are needed.
    mutating func next() -> Event? {
        if skipping > 0 {
            let n = min(skipping, pending)
            start += n
            skipping -= n
            if skipping > 0 { return nil }
        }
        guard let end = headerEnd() else {
            if pending > MessageFramer.maxHeaderLength {
                start = buffer.count
                return .malformed("a header longer than \(MessageFramer.maxHeaderLength) bytes")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<end.headerEnd], as: UTF8.self)
        guard let length = MessageFramer.contentLength(in: header) else {
            start = end.bodyStart
            return .malformed("a header without a valid Content-Length")
        }
        if length > maxContentLength {
            start = end.bodyStart
            skipping = length
            return .malformed("a message of \(length) bytes, over the limit of \(maxContentLength)")
        }
        guard buffer.count - end.bodyStart >= length else { return nil }
        let body = Array(buffer[end.bodyStart..<(end.bodyStart + length)])
        start = end.bodyStart + length
        return .message(body)
    }

    /// Where the header block from `start` ends: `\r\n\r\n` (or `\n\n`).
    private func headerEnd() -> (headerEnd: Int, bodyStart: Int)? {
        var i = start
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while i < buffer.count {
            if buffer[i] == lf {
                if i + 1 < buffer.count, buffer[i + 1] == lf { return (i, i + 2) }
                if i + 2 < buffer.count, buffer[i + 1] == cr, buffer[i + 2] == lf { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    /// The value of the `Content-Length` line of a header block, when it is a number.
    static func contentLength(in header: String) -> Int? {
        for line in header.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            guard line[..<colon].lowercased() == "content-length" else { continue }
            var digits = line[line.index(after: colon)...]
            while let c = digits.first, c == " " || c == "\t" { digits = digits.dropFirst() }
            while let c = digits.last, c == " " || c == "\t" || c == "\r" { digits = digits.dropLast() }
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(digits)
        }
        return nil
    }
}
