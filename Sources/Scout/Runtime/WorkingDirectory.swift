#if canImport(Glibc)
import Glibc
#endif

/// Paths relative to a script's working directory (`use cwd`), without changing the
/// process's own: two interpreters in one host can each have their own.
package enum WorkingDirectory {
    /// `path` taken from `directory` when it is relative; as it is when absolute or when
    /// there is no directory. `.` and `..` components are resolved by the system later.
    package static func resolve(_ path: String, from directory: String?) -> String {
        guard let directory, !path.hasPrefix("/") else { return path }
        if path.isEmpty || path == "." { return directory }
        return (directory.hasSuffix("/") ? directory : directory + "/") + path
    }

    /// The process's current directory, or "." when it cannot be read.
    package static func current() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path` made absolute against `directory`, or the current directory; normalised
    /// (`.` and `..` removed) without following links.
    package static func absolute(_ path: String, from directory: String? = nil) -> String {
        let joined = path.hasPrefix("/") ? path : resolve(path, from: directory ?? current())
        var parts: [Substring] = []
        for component in joined.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// True when `path` names a directory.
    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
