import Testing
@testable import Scout

/// `git_branch`, `git_diff` and `git_log` against real repositories, as scripts read them.
/// Serialized: its tests start many processes, and one at a time they leave the
/// supervisor and the machine free enough for the timing tests of other suites.
@Suite(.serialized) struct GitBranchDiffLogTests {
    /// Three commits on `main` (the second adds a binary file, the third touches only
    /// `notes.txt`) and a branch `feature/login`.
    static func history(_ fixture: GitFixture) async throws -> String {
        let repo = try await fixture.repository("history")
        fixture.write("a\nb\n", to: "notes.txt", in: repo)
        fixture.write("hello\n", to: "README.md", in: repo)
        try await fixture.git(["add", "."], in: repo)
        try await fixture.git(["commit", "-q", "-m", "first commit"], in: repo)
        fixture.write([0, 1, 2, 3], to: "logo.bin", in: repo)
        fixture.write("hello, world\n", to: "README.md", in: repo)
        try await fixture.git(["add", "."], in: repo)
        try await fixture.git(["commit", "-q", "-m", "add the logo"], in: repo)
        fixture.write("a\nb\nc\n", to: "notes.txt", in: repo)
        try await fixture.git(["commit", "-q", "-am", "more notes: c"], in: repo)
        try await fixture.git(["branch", "feature/login"], in: repo)
        return repo
    }

    @Test func branchListsTheBranchesAndTheCurrentOne() async throws {
        let fixture = GitFixture()
        let repo = try await GitBranchDiffLogTests.history(fixture)
        let before = try await GitFixture.script("""
            git_branch cwd: repo store as b
            print b.current, b.detached, b.branches
            """, repo: repo)
        #expect(before.lines == [#"main false ["feature/login","main"]"#])

        try await fixture.git(["checkout", "-q", "feature/login"], in: repo)
        let onFeature = try await GitFixture.script("git_branch cwd: repo store as b\nprint b.current", repo: repo)
        #expect(onFeature.lines == ["feature/login"])

        try await fixture.git(["checkout", "-q", "--detach", "HEAD~1"], in: repo)
        let detached = try await GitFixture.script("git_branch cwd: repo store as b\nprint b.current, b.detached, len(b.branches)", repo: repo)
        #expect(detached.lines == ["null true 2"])
    }

    @Test func branchOfARepositoryWithoutCommitsIsItsUnbornBranch() async throws {
        let fixture = GitFixture()
        let repo = try await fixture.repository("empty")
        let o = try await GitFixture.script("git_branch cwd: repo store as b\nprint b.current, b.detached, b.branches", repo: repo)
        #expect(o.lines == ["main false []"])
    }

    @Test func diffCountsLinesPerFileInTheWorkingTreeTheIndexAndAgainstARef() async throws {
        let fixture = GitFixture()
        let repo = try await GitBranchDiffLogTests.history(fixture)
        fixture.write("A\nb\nc\nd\n", to: "notes.txt", in: repo)
        fixture.write([9, 0, 9], to: "logo.bin", in: repo)
        try await fixture.git(["mv", "README.md", "READ ME.md"], in: repo)
        let o = try await GitFixture.script("""
            git_diff cwd: repo store as unstaged
            git_diff cwd: repo, staged: true store as staged
            git_diff cwd: repo, ref: "HEAD~2", paths: ["notes.txt"] store as since
            git_diff cwd: repo, ref: "HEAD~1..HEAD" store as range
            print unstaged.insertions, unstaged.deletions, len(unstaged.files)
            print since.files
            print range.insertions, range.deletions, range.files[0].path
            """, repo: repo)
        let notes: Value = ["path": "notes.txt", "old_path": nil, "insertions": 2, "deletions": 1, "binary": false]
        let logo: Value = ["path": "logo.bin", "old_path": nil, "insertions": 0, "deletions": 0, "binary": true]
        #expect(o.value("unstaged.output") == ["files": [logo, notes], "insertions": 2, "deletions": 1])
        let rename: Value = ["path": "READ ME.md", "old_path": "README.md", "insertions": 0, "deletions": 0, "binary": false]
        #expect(o.value("staged.output") == ["files": [rename], "insertions": 0, "deletions": 0])
        #expect(o.lines == [
            "2 1 2",
            #"[{"path":"notes.txt","old_path":null,"insertions":3,"deletions":1,"binary":false}]"#,
            "1 0 notes.txt",
        ])
    }

    @Test func logListsCommitsNewestFirstWithISODates() async throws {
        let fixture = GitFixture()
        let repo = try await GitBranchDiffLogTests.history(fixture)
        let hashes = try await fixture.git(["log", "--format=%H"], in: repo).split(separator: "\n").map(String.init)
        let short = try await fixture.git(["rev-parse", "--short", "HEAD"], in: repo)
        let o = try await GitFixture.script("""
            git_log cwd: repo store as all
            git_log cwd: repo, count: 1 store as latest
            git_log cwd: repo, ref: "HEAD~1", paths: "README.md" store as readme
            print len(all.commits), all.commits[2].subject
            for c in readme.commits { print c.subject }
            """, repo: repo)
        #expect(o.lines == ["3 first commit", "add the logo", "first commit"])
        let newest: Value = [
            "hash": .string(hashes[0]), "short": .string(short), "author": "Ada Lovelace",
            "email": "ada@example.com", "date": "2024-05-01T12:30:00+02:00", "subject": "more notes: c",
        ]
        #expect(o.value("latest.output") == ["commits": [newest]])
        #expect(o.value("all.commits")?[0] == newest)
        #expect(o.value("all.commits")?.listValue?.compactMap { $0["hash"]?.stringValue } == hashes)
    }

    @Test func logOfARepositoryWithoutCommitsIsEmpty() async throws {
        let fixture = GitFixture()
        let repo = try await fixture.repository("empty")
        let o = try await GitFixture.script("git_log cwd: repo store as log\nprint log.status, log.commits", repo: repo)
        #expect(o.lines == ["success []"])
    }

    @Test func outsideARepositoryEveryGitCommandFails() async throws {
        let fixture = GitFixture()
        let o = try await GitFixture.script("""
            git_branch cwd: repo store as branch
            git_diff cwd: repo store as diff
            git_log cwd: repo store as log
            print branch.status, branch.error
            print diff.status, diff.error
            print log.status, log.error
            """, repo: fixture.root)
        let message = "not a git repository: \(fixture.root)"
        #expect(o.lines == ["failure \(message)", "failure \(message)", "failure \(message)"])
    }

    @Test func badArgumentsAreReportedWithGitsOwnWords() async throws {
        let fixture = GitFixture()
        let repo = try await GitBranchDiffLogTests.history(fixture)
        let o = try await GitFixture.script("""
            git_log cwd: repo, ref: "no-such-branch" store as log
            git_log cwd: repo, count: -1 store as negative
            git_diff cwd: repo, ref: "--output=" + repo + "/out" store as option
            print log.error
            print negative.status, negative.error
            print option.status, option.error
            """, repo: repo)
        #expect(o.lines == [
            "git log failed: bad revision 'no-such-branch'",
            "error argument 'count' of git_log must be 0 or more, not -1",
            "failure git diff failed: bad revision '--output=\(repo)/out'",
        ])
        #expect(ProcessTestSupport.readFile(repo + "/out") == nil, "a ref is never taken for an option")
    }
}
