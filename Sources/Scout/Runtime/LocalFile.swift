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
        var out: [UInt8] = []
        out.reserveCapacity(st.st_size > 0 ? Int(st.st_size) : 4096)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(path, errno)
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    /// The file at `path` as text (invalid UTF-8 replaced).
    public static func readText(_ path: String) throws(ReadError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    /// The names in a directory except `.` and `..`, in the order the system lists them;
    /// none when it cannot be read.
    public static func names(inDirectory path: String) -> [String] {
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
