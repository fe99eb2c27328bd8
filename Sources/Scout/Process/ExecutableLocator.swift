#if canImport(Glibc)
import Glibc
#endif

/// Finds a command in a `PATH` the way a shell does, before anything is spawned.
package enum ExecutableLocator {
    /// The search path used when the child's environment has no `PATH`.
    static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    /// The path to run for `name`: `name` itself when it contains a slash; otherwise the
    /// first executable regular file `dir/name` over `searchPath` (an empty entry means the
    /// current directory). A non-executable match is returned only when no executable one
    /// exists, so that spawning it reports EACCES like a shell. Relative entries are
    /// checked against `workingDirectory` (the child's), when given. Nil: not found.
    package static func locate(_ name: String, searchPath: String?, workingDirectory: String?) -> String? {
        if name.contains("/") { return name }
        if name.isEmpty { return nil }
        var fallback: String?
        let path = searchPath ?? defaultSearchPath
        for entry in path.split(separator: ":", omittingEmptySubsequences: false) {
            let directory = entry.isEmpty ? "." : String(entry)
            let candidate = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var probe = candidate
            if !candidate.hasPrefix("/"), let workingDirectory {
                probe = workingDirectory + "/" + candidate
            }
            var info = stat()
            guard stat(probe, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if access(probe, X_OK) == 0 { return candidate }
            if fallback == nil { fallback = candidate }
        }
        return fallback
    }
}
