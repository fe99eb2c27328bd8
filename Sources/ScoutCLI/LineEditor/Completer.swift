import Glibc
import Scout

/// What Tab offers in the REPL: keywords, commands (built-in and the session's own),
/// functions and variables by the word before the cursor; the fields of a value after a dot
/// (`build.` offers `ok`, `status`, `output`, ... and the fields of a map `output`);
/// meta-commands after `:`, and file names after `:load` and `:save`. Nothing inside a string.
/// A unique command or keyword comes with a space after it (`pri` gives `print `).
struct Completer {
    /// The language's keywords.
    var keywords: [String] = Keyword.allCases.map(\.rawValue)
    /// The commands a statement may call.
    var commands: [String] = []
    /// The functions expressions may call.
    var functions: [String] = []
    /// The variables defined so far.
    var variables: [String] = []
    /// The meta-commands, with their colon.
    var metaCommands: [String] = []
    /// The value of a variable or a path into one (`build.output`), if defined.
    var value: (String) -> Value? = { _ in nil }

    /// The candidates for the word before `cursor` (in characters) in `text`, or nil when
    /// there is nothing to complete there.
    func complete(_ text: String, cursor: Int) -> Completion? {
        let chars = Array(text)
        let cursor = min(max(0, cursor), chars.count)
        if let first = chars.firstIndex(where: { !$0.isWhitespace }), chars[first] == ":" {
            return completeMeta(chars, from: first, cursor: cursor)
        }
        if Completer.isInsideString(String(chars[..<cursor])) { return nil }
        var start = cursor
        while start > 0, Completer.isNameCharacter(chars[start - 1]) { start -= 1 }
        let word = String(chars[start..<cursor])
        if let first = word.first, first.isNumber { return nil }
        if start > 0, chars[start - 1] == "." {
            return completeField(chars, dot: start - 1, word: word)
        }
        var names: [String]
        if Completer.isStatementStart(chars, before: start) {
            names = commands + keywords + variables + functions
        } else {
            names = variables + functions + keywords
        }
        names = Array(Set(names.filter { $0.hasPrefix(word) })).sorted()
        if names.count == 1, takesSpace(names[0]), cursor == chars.count || !chars[cursor].isWhitespace {
            // One command or keyword: a space follows, as shells add one after a unique completion.
            return Completion(start: start, candidates: [names[0] + " "], labels: names)
        }
        return names.isEmpty ? nil : Completion(start: start, candidates: names)
    }

    /// True when a completed `name` is followed by a space: commands and keywords, but not a
    /// variable (`build` may go on with `.ok`) or a function (`len` goes on with `(`).
    private func takesSpace(_ name: String) -> Bool {
        (commands.contains(name) || keywords.contains(name)) && !variables.contains(name) && !functions.contains(name)
    }

    /// The fields of the value before the dot that start with `word`.
    private func completeField(_ chars: [Character], dot: Int, word: String) -> Completion? {
        var pathStart = dot
        while pathStart > 0, Completer.isNameCharacter(chars[pathStart - 1]) || chars[pathStart - 1] == "." { pathStart -= 1 }
        let path = String(chars[pathStart..<dot])
        guard let first = path.first, first.isLetter || first == "_", let v = value(path) else { return nil }
        let fields = Completer.fields(of: v).filter { $0.hasPrefix(word) }.sorted()
        return fields.isEmpty ? nil : Completion(start: dot + 1, candidates: fields)
    }

    /// The field names a value offers: a map's keys, and those of its `output` when that is a
    /// map (`git_status.branch` reads `git_status.output.branch`).
    static func fields(of value: Value) -> [String] {
        guard case .map(let m) = value else { return [] }
        var names = m.keys
        if case .map(let output)? = m["output"] {
            for key in output.keys where m[key] == nil { names.append(key) }
        }
        return names
    }

    // MARK: - Meta-commands and files

    private func completeMeta(_ chars: [Character], from first: Int, cursor: Int) -> Completion? {
        guard cursor > first else { return nil }
        let typed = chars[first..<cursor]
        guard let space = typed.firstIndex(where: \.isWhitespace) else {
            let word = String(typed)
            let names = metaCommands.filter { $0.hasPrefix(word) }.sorted()
            return names.isEmpty ? nil : Completion(start: first, candidates: names)
        }
        let command = String(chars[first..<space])
        guard command == ":load" || command == ":save" else { return nil }
        var argumentStart = space
        while argumentStart < cursor, chars[argumentStart].isWhitespace { argumentStart += 1 }
        return Completer.completeFile(String(chars[argumentStart..<cursor]), start: argumentStart)
    }

    /// Files and folders whose path starts with `typed` (folders end with `/`).
    static func completeFile(_ typed: String, start: Int) -> Completion? {
        let folderPart: String
        let base: String
        if let slash = typed.lastIndex(of: "/") {
            folderPart = String(typed[...slash])
            base = String(typed[typed.index(after: slash)...])
        } else {
            folderPart = ""
            base = typed
        }
        var folder = folderPart.isEmpty ? "." : folderPart
        if folder.hasPrefix("~/"), let home = getenv("HOME") { folder = String(cString: home) + folder.dropFirst() }
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var found: [(candidate: String, label: String)] = []
        while let entry = readdir(dir) {
            let name = String(cString: (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self))
            guard name != ".", name != "..", name.hasPrefix(base) else { continue }
            if name.hasPrefix("."), !base.hasPrefix(".") { continue }
            var st = stat()
            let isFolder = stat((folder.hasSuffix("/") ? folder : folder + "/") + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            let label = isFolder ? name + "/" : name
            found.append((folderPart + label, label))
        }
        guard !found.isEmpty else { return nil }
        found.sort { $0.candidate < $1.candidate }
        return Completion(start: start, candidates: found.map(\.candidate), labels: found.map(\.label))
    }

    // MARK: - Where the cursor is

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_")
    }

    /// True when the word starts a statement (a command may stand there).
    static func isStatementStart(_ chars: [Character], before index: Int) -> Bool {
        var i = index
        while i > 0, chars[i - 1] == " " || chars[i - 1] == "\t" { i -= 1 }
        return i == 0 || ["\n", ";", "{", "}"].contains(chars[i - 1])
    }

    /// True when `prefix` ends inside the text of a string (not in an interpolation).
    static func isInsideString(_ prefix: String) -> Bool {
        let source = SourceFile(name: "<repl>", text: prefix)
        let (tokens, diagnostics) = Lexer.tokenize(source)
        let end = source.bytes.count
        guard let last = tokens.last(where: { $0.kind != .endOfFile && !($0.span.length == 0 && $0.span.offset >= end) }) else {
            return false
        }
        switch last.kind {
        case .stringStart, .stringText:
            return true
        case .rawString:
            return diagnostics.contains { $0.kind == .unterminatedRawString }
        default:
            return false
        }
    }
}
