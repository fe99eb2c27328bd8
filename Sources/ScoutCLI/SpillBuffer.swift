import Glibc

/// Bytes kept in order: in memory up to ``memoryLimit``, then in an unlinked temporary file,
/// so output held back for any length of time costs little memory. When no temporary file
/// can be made (a full or read-only disk) the bytes stay in memory.
struct SpillBuffer: Sendable {
    /// The most bytes kept in memory before the rest goes to the file.
    static let memoryLimit = 64 << 10

    private var memory: [UInt8] = []
    /// The temporary file, once there is one (-1 before).
    private var fd: Int32 = -1
    /// Bytes in the file; they come before those in memory.
    private var fileSize = 0

    /// How many bytes it holds.
    var count: Int { fileSize + memory.count }

    /// Appends bytes.
    mutating func append(_ bytes: ArraySlice<UInt8>) {
        memory.append(contentsOf: bytes)
        guard memory.count > SpillBuffer.memoryLimit else { return }
        if fd < 0 { fd = SpillBuffer.temporaryFile() }
        guard fd >= 0 else { return }
        if SpillBuffer.write(fd, memory[...], at: fileSize) {
            fileSize += memory.count
            memory.removeAll(keepingCapacity: true)
        }
    }

    /// Calls `body` with the bytes in order, in pieces of at most ``memoryLimit`` bytes, then
    /// empties the buffer and closes its file.
    mutating func drain(_ body: (ArraySlice<UInt8>) -> Void) {
        if fd >= 0 {
            var piece = [UInt8](repeating: 0, count: SpillBuffer.memoryLimit)
            var offset = 0
            while offset < fileSize {
                let n = piece.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, fileSize - offset), off_t(offset)) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                body(piece[..<n])
                offset += n
            }
            close(fd)
            fd = -1
            fileSize = 0
        }
        if !memory.isEmpty { body(memory[...]) }
        memory = []
    }

    /// Closes the file without reading it.
    mutating func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        fileSize = 0
        memory = []
    }

    /// Writes every byte at `offset` (so a failed write leaves nothing that a later one
    /// does not overwrite); false when the disk refuses.
    static func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }

    /// An unlinked file in `TMPDIR` (or /tmp), open for reading and writing; -1 when none can be made.
    static func temporaryFile() -> Int32 {
        var directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if directory.isEmpty { directory = "/tmp" }
        var template = Array((directory + "/scout-output-XXXXXX").utf8CString)
        // Children never inherit it either way: each spawn closes every descriptor above 2.
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return -1 }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        return fd
    }
}
