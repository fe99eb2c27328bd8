/// `git_branch`: the current branch and the local branches, from `git symbolic-ref` and
/// `git for-each-ref`.
///
/// Output: `{current, detached, branches}`. `current` is the checked-out branch (also one
/// with no commit yet), null on a detached HEAD; `branches` are the local branch names, sorted.
enum GitBranchCommand {
    static let spec = CommandSpec(
        "git_branch", summary: "the current git branch and the local branches",
        parameters: [GitProcess.cwdParameter, GitProcess.jsonParameter],
        capability: .git, origin: "built-in", body: run)

    static func run(_ call: CommandCall) async throws -> TaskResult {
        let cwd = call.workingDirectory
        // symbolic-ref exits 1 when HEAD is not a branch (detached).
        let head = try await GitProcess.run(["symbolic-ref", "--quiet", "HEAD"], cwd: cwd, allowedExitCodes: [0, 1])
        let refs = try await GitProcess.run(["for-each-ref", "--format=%(refname)", "refs/heads/"], cwd: cwd)
        var current = Value.null
        if head.exitCode == 0 {
            let ref = String(decoding: head.stdout, as: UTF8.self).trimmingSpaces()
            current = .string(branchName(ref))
        }
        // Ref names cannot hold control characters, so a line is one name.
        let names = String(decoding: refs.stdout, as: UTF8.self).split(separator: "\n").map { Value.string(branchName(String($0))) }
        return .success(output: .map(ValueMap([
            ("current", current), ("detached", .bool(current == .null)), ("branches", .list(names)),
        ])))
    }

    /// `refs/heads/feature/x` → `feature/x`.
    static func branchName(_ ref: String) -> String {
        ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
    }
}
