#if canImport(Glibc)
import Glibc
#endif

/// Finds plugins: an executable file `scout-NAME` in a directory of `PATH` is the command
/// `NAME`. A name with underscores also finds the file with dashes (`doc_sync` finds
/// `scout-doc-sync` when there is no `scout-doc_sync`). The first directory of `PATH` that
/// has the file wins. Only absolute directories are searched: an empty or relative entry
/// of `PATH` would let whatever directory a script runs in provide its commands.
///
/// Each name is looked up once and remembered, so a locator serves one run (or one REPL
/// session). Install it as a registry's fallback to make plugins callable:
///
/// ```swift
/// var commands = CommandRegistry.standard
/// commands.fallback = PluginLocator().fallback
/// ```
package final class PluginLocator: Sendable {
    /// A plugin on `PATH`: the command name scripts call it by, and the file that runs.
    package struct Plugin: Sendable, Hashable {
        /// The command name (`doc_sync` for `scout-doc-sync`).
        package var name: String
        /// The full path of the executable.
        package var path: String
    }

    /// The prefix of a plugin's file name.
    package static let prefix = "scout-"

    /// The directories searched, in order.
    package let directories: [String]
    private let found = SanitizerVisibleMutex([String: String?]())

    /// A locator over `searchPath` (a `PATH` value); nil: the process's own `PATH`.
    package init(searchPath: String? = nil) {
        let path = searchPath ?? getenv("PATH").map { String(cString: $0) } ?? ""
        var seen = Set<String>()
        directories = path.split(separator: ":").map(String.init).filter { $0.hasPrefix("/") && seen.insert($0).inserted }
    }

    /// The full path of the plugin for the command `name`, or nil when there is none.
    package func path(for name: String) -> String? {
        if let known = found.withLock({ $0[name] }) { return known }
        let path = search(name)
        found.withLock { $0[name] = path }
        return path
    }

    /// The command for plugin `name`, or nil when there is none.
    package func spec(_ name: String) -> CommandSpec? {
        path(for: name).map { PluginCommand.spec(name: name, path: $0) }
    }

    /// ``spec(_:)`` as a ``CommandRegistry/fallback``.
    package var fallback: @Sendable (String) -> CommandSpec? {
        { [self] name in spec(name) }
    }

    /// Every plugin on the search path, sorted by name: for each command name, the file a
    /// call would run.
    package func plugins() -> [Plugin] {
        var names = Set<String>()
        for directory in directories {
            for file in PluginLocator.files(in: directory) where file.hasPrefix(PluginLocator.prefix) {
                let name = String(file.dropFirst(PluginLocator.prefix.count).map { $0 == "-" ? "_" : $0 })
                if PluginLocator.isCommandName(name) { names.insert(name) }
            }
        }
        return names.sorted().compactMap { name in path(for: name).map { Plugin(name: name, path: $0) } }
    }

    private func search(_ name: String) -> String? {
        guard PluginLocator.isCommandName(name) else { return nil }
        var files = [PluginLocator.prefix + name]
        if name.contains("_") { files.append(PluginLocator.prefix + String(name.map { $0 == "_" ? "-" : $0 })) }
        for file in files {
            for directory in directories {
                let candidate = directory.hasSuffix("/") ? directory + file : directory + "/" + file
                if PluginLocator.isExecutableFile(candidate) { return candidate }
            }
        }
        return nil
    }

    /// Letters, digits and underscores, not starting with a digit: what a script can call.
    static func isCommandName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return false }
        return name.utf8.allSatisfy { b in
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
        }
    }

    /// True for a regular file (or a link to one) this process may execute.
    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    /// The names in a directory; none when it cannot be read.
    static func files(in directory: String) -> [String] {
        LocalFile.names(inDirectory: directory)
    }
}
