/// `git_log`: the latest commits, from `git log -z` with a format of NUL-separated fields.
///
/// Output: `{commits: [{hash, short, author, email, date, subject}]}`, newest first; `date`
/// is the author date in ISO 8601 (`2024-05-01T12:30:00+02:00`). A branch with no commit
/// yet has none.
enum GitLogCommand {
    static let spec = CommandSpec(
        "git_log", summary: "the latest git commits: hash, author, date and subject",
        parameters: [
            ParameterSpec("count", .int, summary: "how many commits, at most (default 10)"),
            ParameterSpec("ref", .string, summary: "where to start (a branch, tag, commit or range a..b; default HEAD)"),
            ParameterSpec("paths", .strings, summary: "only commits that change these paths"),
            GitProcess.cwdParameter, GitProcess.jsonParameter,
        ],
        capability: .git, origin: "built-in", body: run)

    /// The fields of a commit, in the order of ``format``.
    static let fieldNames = ["hash", "short", "author", "email", "date", "subject"]
    /// `%H %h %an %ae %aI %s`, separated by NULs; `-z` ends each commit with one more.
    static let format = "--format=%H%x00%h%x00%an%x00%ae%x00%aI%x00%s"

    static func run(_ call: CommandCall) async throws -> TaskResult {
        let count = call["count"]?.intValue ?? 10
        guard count >= 0 else { return .error("argument 'count' of git_log must be 0 or more, not \(count)") }
        var arguments = ["log", "-z", format, "--no-show-signature", "--no-color", "-n", String(count), "--end-of-options"]
        if let ref = call.string("ref") { arguments.append(ref) }
        arguments += GitProcess.pathspecs(call["paths"])
        let output: GitProcess.Output
        do {
            output = try await GitProcess.run(arguments, cwd: call.workingDirectory)
        } catch GitError.failed(_, let message) where message.contains("does not have any commits yet") && call.string("ref") == nil {
            return .success(output: .map(ValueMap([("commits", .list([]))])))
        }
        return .success(output: parse(output.stdout))
    }

    /// The output for the bytes of `git log -z` with ``format``.
    static func parse(_ bytes: [UInt8]) -> Value {
        let fields = GitProcess.fields(bytes)
        var commits: [Value] = []
        var i = 0
        while i + fieldNames.count <= fields.count {
            commits.append(.map(ValueMap(zip(fieldNames, fields[i..<(i + fieldNames.count)].map(Value.string)))))
            i += fieldNames.count
        }
        return .map(ValueMap([("commits", .list(commits))]))
    }
}
