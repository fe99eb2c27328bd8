/// `git_diff`: lines added and removed per file, from `git diff --numstat -z`.
///
/// Output: `{files: [{path, old_path, insertions, deletions, binary}], insertions, deletions}`.
/// `old_path` is the former name of a renamed file, else null; a binary file counts 0
/// lines and has `binary: true`. Without arguments it compares the working tree with the
/// index; `staged: true` compares the index with HEAD (or `ref`); `ref` alone compares the
/// working tree with that commit (`main`, `HEAD~3`, or a range `a..b`).
enum GitDiffCommand {
    static let spec = CommandSpec(
        "git_diff", summary: "the files a git diff changes, with lines inserted and deleted",
        parameters: [
            ParameterSpec("staged", .bool, summary: "the staged changes (git diff --cached)"),
            ParameterSpec("ref", .string, summary: "the commit (or range a..b) to compare with"),
            ParameterSpec("paths", .strings, summary: "only these paths"),
            GitProcess.cwdParameter, GitProcess.jsonParameter,
        ],
        capability: .git, origin: "built-in", body: run)

    static func run(_ call: CommandCall) async throws -> TaskResult {
        var arguments = ["diff", "--numstat", "-z", "--no-ext-diff"]
        if call.bool("staged") { arguments.append("--cached") }
        arguments.append("--end-of-options")
        if let ref = call.string("ref") { arguments.append(ref) }
        arguments += GitProcess.pathspecs(call["paths"])
        try await GitProcess.requireRepository(cwd: call.workingDirectory)
        let output = try await GitProcess.run(arguments, cwd: call.workingDirectory)
        return .success(output: parse(output.stdout))
    }

    /// The output for the bytes of `git diff --numstat -z`: `ADDED\tDELETED\tPATH` per file,
    /// or `ADDED\tDELETED\t` followed by the old and the new path for a rename.
    static func parse(_ bytes: [UInt8]) -> Value {
        var files: [Value] = []
        var insertions = 0, deletions = 0
        var records = GitProcess.fields(bytes)[...]
        while let record = records.popFirst() {
            let words = record.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard words.count == 3 else { continue }
            var path = String(words[2])
            var oldPath = Value.null
            if path.isEmpty {
                guard let old = records.popFirst(), let new = records.popFirst() else { break }
                oldPath = .string(old)
                path = new
            }
            let binary = words[0] == "-" && words[1] == "-"
            let added = Int(words[0]) ?? 0
            let deleted = Int(words[1]) ?? 0
            insertions += added
            deletions += deleted
            files.append(.map(ValueMap([
                ("path", .string(path)), ("old_path", oldPath), ("insertions", .int(added)), ("deletions", .int(deleted)),
                ("binary", .bool(binary)),
            ])))
        }
        return .map(ValueMap([("files", .list(files)), ("insertions", .int(insertions)), ("deletions", .int(deletions))]))
    }
}
