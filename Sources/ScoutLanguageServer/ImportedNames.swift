import Scout

/// What the files a script imports define: their `command`s and top-level `let`s, found
/// for definition and hover of the names the script uses from them. Each imported file is
/// read and parsed when asked (its syntax errors are the business of its own diagnostics).
struct ImportedNames {
    /// An imported file: where it is and its text.
    struct File {
        var path: String
        var source: SourceFile
        var statements: [Statement]
        /// The namespace its names are used under in the script: `"deploy."` for
        /// `import "..." as deploy`, or `""`.
        var namespace = ""

        var uri: String { Document.uri(ofPath: path) }
    }

    /// The files imported by `statements` (directly), in order; unreadable ones left out.
    static func files(of analysis: ScriptAnalysis) -> [File] {
        var files: [File] = []
        for case .import(let path, let namespace) in analysis.statements.map(\.kind) {
            let absolute = ModuleLoader.resolve(path.text, from: analysis.source)
            guard let bytes = try? LocalFile.read(absolute) else { continue }
            let source = SourceFile(name: absolute, bytes: bytes)
            files.append(File(path: absolute, source: source, statements: Parser.parse(source).program.statements,
                              namespace: namespace.map { $0.text + "." } ?? ""))
        }
        return files
    }

    /// The files imported by `statements` and by what they import in turn, each once in
    /// each namespace.
    static func allFiles(of analysis: ScriptAnalysis) -> [File] {
        var files: [File] = []
        var seen: Set<String> = []
        var pending = [(statements: analysis.statements, source: analysis.source, namespace: "")]
        while let next = pending.popLast() {
            for case .import(let path, let namespace) in next.statements.map(\.kind) {
                let absolute = ModuleLoader.resolve(path.text, from: next.source)
                let prefix = next.namespace + (namespace.map { $0.text + "." } ?? "")
                guard seen.insert(prefix + " " + absolute).inserted, let bytes = try? LocalFile.read(absolute) else { continue }
                let source = SourceFile(name: absolute, bytes: bytes)
                let file = File(path: absolute, source: source, statements: Parser.parse(source).program.statements, namespace: prefix)
                files.append(file)
                pending.append((file.statements, source, prefix))
            }
        }
        return files
    }

    /// The imported file an `import` at `offset` names, if the offset is on its path.
    static func file(namedAt offset: Int, in analysis: ScriptAnalysis) -> String? {
        for case .import(let path, _) in analysis.statements.map(\.kind) where offset >= path.span.offset && offset <= path.span.offset + path.span.length {
            return ModuleLoader.resolve(path.text, from: analysis.source)
        }
        return nil
    }

    /// The definition of `name` (a command, or a top-level `let`; `deploy.push` in a file
    /// imported as `deploy`) in the imported files.
    static func definition(of qualified: String, isCommand: Bool, in analysis: ScriptAnalysis) -> (file: File, name: Name, statement: SourceSpan)? {
        for file in allFiles(of: analysis) where qualified.hasPrefix(file.namespace) {
            let name = String(qualified.dropFirst(file.namespace.count))
            for s in file.statements {
                switch s.kind {
                case .command(let d) where isCommand && d.name.text == name: return (file, d.name, s.span)
                case .let(let n, _) where !isCommand && n.text == name: return (file, n, s.span)
                default: continue
                }
            }
        }
        return nil
    }
}
