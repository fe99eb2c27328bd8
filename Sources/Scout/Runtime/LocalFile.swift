#if canImport(Glibc)
import Glibc
#endif

/// Reads whole files without Foundation, with errors a person can act on.
public enum LocalFile {
    /// Why a file could not be read.
    public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        case notFound(String)
        case isDirectory(String)
        case permissionDenied(String)
        case other(String, errno: Int32)

        public var description: String {
            switch self {
            case .notFound(let p): return "\(p): no such file"
            case .isDirectory(let p): return "\(p): is a directory, not a file"
            case .permissionDenied(let p): return "\(p): permission denied"
            case .other(let p, let e): return "\(p): \(String(cString: strerror(e)))"
            }
        }
    }

    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(ReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(path, errno) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path) }
        // Read straight into the array: a regular file arrives whole in the first piece
        // (one byte more than its size is asked for, to see the end), with no scratch buffer.
        var out: [UInt8] = []
        var size = st.st_size > 0 ? Int(st.st_size) + 1 : 65536
        while true {
            var failure: Int32 = 0
            let piece = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                let n = Glibc.read(fd, buffer.baseAddress, size)
                if n < 0 { failure = errno }
                count = max(n, 0)
            }
            if failure == EINTR { continue }
            if failure != 0 { throw error(path, failure) }
            if piece.isEmpty { break }
            if out.isEmpty { out = piece } else { out.append(contentsOf: piece) }
            size = 65536
        }
        return out
    }

    /// The file at `path` as text (invalid UTF-8 replaced).
    public static func readText(_ path: String) throws(ReadError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// The names in a directory except `.` and `..`, in the order the system lists them;
    /// none when it cannot be read.
    package static func names(inDirectory path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        // `d_name` is read in place: a `dirent` may be shorter than its declared 256-byte
        // name, so copying the field would read past the entry.
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    static func error(_ path: String, _ code: Int32) -> ReadError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound(path)
        case EISDIR: return .isDirectory(path)
        case EACCES, EPERM: return .permissionDenied(path)
        default: return .other(path, errno: code)
        }
    }
}
