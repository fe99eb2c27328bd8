/// `git_status`: the state of the working tree, from `git status --porcelain=v2 --branch -z`.
///
/// Output: `{branch, commit, upstream, ahead, behind, clean, staged, modified, untracked, conflicted}`.
/// `branch` is null on a detached HEAD and `commit` before the first commit; `ahead` and
/// `behind` count commits against `upstream` (0 without one); the lists hold paths relative
/// to the repository's top directory: `staged` has changes in the index (a renamed file
/// under its new name), `modified` changes in the working tree that are not staged (edits
/// and deletions), `untracked` every file git does not track and does not ignore, and
/// `conflicted` unmerged paths. `clean` is true when all four lists are empty.
enum GitStatusCommand {
    static let spec = CommandSpec(
        "git_status", summary: "the branch, and the staged, modified and untracked files of a git working tree",
        parameters: [GitProcess.cwdParameter, GitProcess.jsonParameter],
        capability: .git, origin: "built-in", body: run)

    static func run(_ call: CommandCall) async throws -> TaskResult {
        let output = try await GitProcess.run(
            ["status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"], cwd: call.workingDirectory)
        return .success(output: parse(output.stdout))
    }

    /// The output for the bytes of `git status --porcelain=v2 --branch -z`.
    static func parse(_ bytes: [UInt8]) -> Value {
        var branch = Value.null, commit = Value.null, upstream = Value.null
        var ahead = 0, behind = 0
        var staged: [Value] = [], modified: [Value] = [], untracked: [Value] = [], conflicted: [Value] = []
        var records = GitProcess.fields(bytes)[...]
        while let record = records.popFirst() {
            guard let kind = record.first else { continue }
            switch kind {
            case "#":
                let words = record.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
                guard words.count == 3 else { continue }
                let value = String(words[2])
                switch words[1] {
                case "branch.oid": commit = value == "(initial)" ? .null : .string(value)
                case "branch.head": branch = value == "(detached)" ? .null : .string(value)
                case "branch.upstream": upstream = .string(value)
                case "branch.ab":
                    for count in value.split(separator: " ") {
                        if count.hasPrefix("+") { ahead = Int(count.dropFirst()) ?? 0 }
                        if count.hasPrefix("-") { behind = Int(count.dropFirst()) ?? 0 }
                    }
                default: break
                }
            case "1", "2":
                // 1 XY sub mH mI mW hH hI path; 2 XY sub mH mI mW hH hI Xscore path, then the original path.
                let fieldCount = kind == "1" ? 9 : 10
                let words = record.split(separator: " ", maxSplits: fieldCount - 1, omittingEmptySubsequences: false)
                if kind == "2" { _ = records.popFirst() }
                guard words.count == fieldCount, words[1].count == 2 else { continue }
                let path = Value.string(String(words[fieldCount - 1]))
                if words[1].first != "." { staged.append(path) }
                if words[1].last != "." { modified.append(path) }
            case "u":
                // u XY sub m1 m2 m3 mW h1 h2 h3 path
                let words = record.split(separator: " ", maxSplits: 10, omittingEmptySubsequences: false)
                if words.count == 11 { conflicted.append(.string(String(words[10]))) }
            case "?":
                untracked.append(.string(String(record.dropFirst(2))))
            default:
                break
            }
        }
        let clean = staged.isEmpty && modified.isEmpty && untracked.isEmpty && conflicted.isEmpty
        return .map(ValueMap([
            ("branch", branch), ("commit", commit), ("upstream", upstream), ("ahead", .int(ahead)), ("behind", .int(behind)),
            ("clean", .bool(clean)), ("staged", .list(staged)), ("modified", .list(modified)),
            ("untracked", .list(untracked)), ("conflicted", .list(conflicted)),
        ]))
    }
}
