#if canImport(Glibc)
import Glibc
#endif

/// Shell-pattern matching of paths (`src/*.c`), through the C library's `glob`.
enum FileGlob {
    /// The paths matching `pattern`, sorted; an empty list when none match.
    static func match(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }
}
