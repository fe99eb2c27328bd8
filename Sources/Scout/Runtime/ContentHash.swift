#if canImport(Glibc)
import Glibc
#endif

/// A 64-bit FNV-1a hash of bytes, strings and whole files: what the up-to-date check
/// compares to tell whether a task's sources changed. Not for secrets: it only has to notice
/// an edit.
struct ContentHash: Sendable, Equatable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    /// Adds bytes.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
        }
        value = h
    }

    /// Adds a string's UTF-8, then a 0 byte, so that "ab" + "c" and "a" + "bc" differ.
    mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0)) { add($0) }
    }

    /// Adds an integer's eight bytes.
    mutating func add(_ number: Int) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    /// The hash of a string.
    static func of(_ text: String) -> ContentHash {
        var h = ContentHash()
        h.add(text)
        return h
    }

    /// The hash of a file's content and its size; nil when it cannot be read.
    static func ofFile(_ path: String) -> ContentHash? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var h = ContentHash()
        let size = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let n = read(fd, buffer.baseAddress, size)
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            h.add(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += n
        }
        h.add(total)
        return h
    }

    /// Sixteen lowercase hexadecimal digits.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        var v = value
        for i in stride(from: 15, through: 0, by: -1) {
            out[i] = digits[Int(v & 0xf)]
            v >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }
}
