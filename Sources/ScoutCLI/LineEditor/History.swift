import Glibc
import Scout

/// The inputs of past sessions and this one, oldest first, kept in a file: one entry a line,
/// with a backslash written `\\` and a line break inside an entry written `\n`, so a
/// multi-line entry comes back whole. New entries are appended as they are made; the file is
/// cut back to the last `limit` entries once it holds twice as many.
struct History {
    /// How many entries are kept by default.
    static let defaultLimit = 1000

    /// The file, or nil to keep the history in memory only.
    let path: String?
    /// How many entries are kept.
    let limit: Int
    /// The entries, oldest first.
    private(set) var entries: [String] = []
    /// How many lines the file holds (it is rewritten when they reach twice the limit).
    private var linesInFile = 0

    /// The history kept in `path` (read now, when it exists).
    init(path: String?, limit: Int = History.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
        guard let path, let bytes = try? LocalFile.read(path) else { return }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        linesInFile = lines.count
        entries = lines.suffix(self.limit).map { History.decode(String(decoding: $0, as: UTF8.self)) }
        if linesInFile >= 2 * self.limit { rewrite() }
    }

    /// Where the history lives: `$XDG_STATE_HOME/scout/history`, else `~/.scout_history`;
    /// nil when neither can be worked out.
    static func defaultPath(environment: (String) -> String? = History.environment) -> String? {
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return state + "/scout/history"
        }
        if let home = environment("HOME"), !home.isEmpty {
            return (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.scout_history"
        }
        return nil
    }

    /// A variable of the process's environment.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Adds an entry (not a blank one, nor the same as the last) and appends it to the file.
    mutating func add(_ entry: String) {
        guard !entry.allSatisfy(\.isWhitespace), entry != entries.last else { return }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        guard let path else { return }
        if linesInFile + 1 >= 2 * limit {
            rewrite()
            return
        }
        History.makeParent(of: path)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        FileDescriptorWriter.writeAll(fd, History.encode(entry) + "\n")
        close(fd)
        linesInFile += 1
    }

    /// Writes the entries kept to a new file that then takes the old one's place.
    private mutating func rewrite() {
        guard let path else { return }
        History.makeParent(of: path)
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = FileDescriptorWriter.writeAll(fd, entries.map { History.encode($0) + "\n" }.joined())
        close(fd)
        if ok, rename(temporary, path) == 0 {
            linesInFile = entries.count
        } else {
            unlink(temporary)
        }
    }

    /// Creates the folder that holds `path`, and the ones above it, when missing.
    static func makeParent(of path: String) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let parent = String(path[..<slash])
        if access(parent, F_OK) == 0 { return }
        makeParent(of: parent)
        mkdir(parent, 0o700)
    }

    /// One entry as a line of the file.
    static func encode(_ entry: String) -> String {
        var out = ""
        for c in entry.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A line of the file as an entry.
    static func decode(_ line: String) -> String {
        var out = ""
        var escaped = false
        for c in line.unicodeScalars {
            if escaped {
                switch c {
                case "n": out += "\n"
                case "r": out += "\r"
                case "\\": out += "\\"
                default: out += "\\" + String(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        if escaped { out += "\\" }
        return out
    }
}
