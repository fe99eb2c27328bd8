/// `import "lib/deploy.scout"`: where an imported file is, and its parsed program.
///
/// A path is relative to the directory of the file that imports it (the current directory
/// for code that is not in a file: `-e`, the REPL). Importing a file takes its `command`
/// definitions, its top-level `let`s and what it imports in turn; its tasks and other
/// statements never run.
package enum ModuleLoader {
    /// Why a file could not be imported.
    enum LoadError: Error, Sendable {
        case unreadable(LocalFile.ReadError, absolute: String)
        case syntax(Diagnostic, count: Int)
    }

    /// The absolute path of `path` imported from `source`.
    package static func resolve(_ path: String, from source: SourceFile) -> String {
        guard !path.hasPrefix("/") else { return WorkingDirectory.absolute(path) }
        let name = source.name
        guard name.contains("/"), let slash = name.lastIndex(of: "/") else {
            return WorkingDirectory.absolute(path)
        }
        let directory = slash == name.startIndex ? "/" : String(name[..<slash])
        return WorkingDirectory.absolute(path, from: WorkingDirectory.absolute(directory))
    }

    /// The file at `absolute`, parsed; named as `path` was written relative to the importer's
    /// directory, so that messages read like the import that named it.
    static func load(_ absolute: String, shownAs name: String, functions: Set<String>) throws(LoadError) -> Program {
        let bytes: [UInt8]
        do { bytes = try LocalFile.read(absolute) } catch { throw .unreadable(error, absolute: absolute) }
        let (program, syntax) = Parser.parse(SourceFile(name: name, bytes: bytes), functions: functions)
        let errors = syntax.filter { $0.severity == .error }
        if let first = errors.first { throw .syntax(first, count: errors.count) }
        return program
    }

    /// How an imported file is named in messages: relative to the importer, as the import
    /// wrote it, after the importer's own directory (`lib/deploy.scout`, `../shared/x.scout`).
    static func shownName(_ path: String, from source: SourceFile) -> String {
        if path.hasPrefix("/") { return path }
        guard let slash = source.name.lastIndex(of: "/") else { return path }
        return String(source.name[...slash]) + path
    }

    /// The message of a load error.
    static func message(_ error: LoadError, path: String) -> String {
        switch error {
        case .unreadable(let why, let absolute):
            let reason: String
            switch why {
            case .notFound: reason = "no such file"
            case .isDirectory: reason = "it is a directory"
            case .permissionDenied: reason = "permission denied"
            case .other: reason = why.description
            }
            return "cannot import \(path): \(reason) (\(absolute))"
        case .syntax(let d, let count):
            let more = count > 1 ? " (and \(count - 1) more error\(count == 2 ? "" : "s"))" : ""
            return "cannot import \(path): \(d.source?.name ?? path):\(d.span.line):\(d.span.column): \(d.kind.message)\(more)"
        }
    }
}
