#if canImport(Glibc)
import Glibc
#endif

/// Shell-pattern matching of paths (`src/*.c`), through the C library's `glob`.
enum FileGlob {
    /// The paths matching `pattern`, sorted; an empty list when none match. A relative
    /// pattern is matched in `directory` (the current one when nil), and the paths it finds
    /// stay relative, as a shell in that directory would give them.
    static func match(_ pattern: String, in directory: String? = nil) -> [String] {
        var prefix = ""
        if let directory, !pattern.hasPrefix("/") {
            prefix = directory.hasSuffix("/") ? directory : directory + "/"
        }
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(escape(prefix) + pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(String(cString: p).dropFirst(prefix.count))) }
        }
        return out.sorted()
    }

    /// A directory with the characters `glob` treats as a pattern escaped.
    static func escape(_ path: String) -> String {
        var out = ""
        for c in path {
            if "*?[]\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
