import Glibc

/// Reads lines from a descriptor that is not a terminal (a pipe, a file): no echo, no
/// editing. A `\r` before a line break is dropped; the last line need not end with one.
struct PlainLineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// A reader of `descriptor`.
    init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
    }

    /// The next line, without its line break; nil at the end of the input.
    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                let text = String(decoding: line, as: UTF8.self)
                buffer.removeSubrange(...newline)
                return text
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                let text = String(decoding: buffer, as: UTF8.self)
                buffer.removeAll()
                return text
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }
}
