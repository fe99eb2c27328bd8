import Testing
@testable import Scout

/// `git_status` against real repositories: every field, as a script reads it.
/// Serialized: its tests start many processes, and one at a time they leave the
/// supervisor and the machine free enough for the timing tests of other suites.
@Suite(.serialized) struct GitStatusTests {
    /// A repository one commit ahead of and one behind its upstream (a bare repository),
    /// with a staged new file and a staged rename (names with spaces), a file staged and then
    /// changed again, an unstaged edit, and untracked files with a newline and UTF-8 in their names.
    static func busyRepository(_ fixture: GitFixture) async throws -> String {
        let bare = fixture.root + "/origin.git"
        try await fixture.git(["init", "-q", "--bare", "-b", "main", bare], in: fixture.root)
        let repo = try await fixture.repository("work")
        fixture.write("hello\n", to: "README.md", in: repo)
        fixture.write("a\nb\n", to: "notes.txt", in: repo)
        fixture.write("x\n", to: "old name.txt", in: repo)
        try await fixture.git(["add", "."], in: repo)
        try await fixture.git(["commit", "-q", "-m", "first commit"], in: repo)
        try await fixture.git(["remote", "add", "origin", bare], in: repo)
        fixture.write("pushed\n", to: "pushed.txt", in: repo)
        try await fixture.git(["add", "pushed.txt"], in: repo)
        try await fixture.git(["commit", "-q", "-m", "pushed commit"], in: repo)
        try await fixture.git(["push", "-q", "-u", "origin", "main"], in: repo)
        try await fixture.git(["reset", "-q", "--hard", "HEAD~1"], in: repo)
        fixture.write("local\n", to: "local.txt", in: repo)
        try await fixture.git(["add", "local.txt"], in: repo)
        try await fixture.git(["commit", "-q", "-m", "local commit"], in: repo)

        fixture.write("new\n", to: "staged file.txt", in: repo)
        try await fixture.git(["add", "staged file.txt"], in: repo)
        try await fixture.git(["mv", "old name.txt", "new name.txt"], in: repo)
        fixture.write("hello, world\n", to: "README.md", in: repo)
        try await fixture.git(["add", "README.md"], in: repo)
        fixture.write("hello, world!\n", to: "README.md", in: repo)
        fixture.write("a\nB\n", to: "notes.txt", in: repo)
        fixture.write("u\n", to: "ünïcödé.txt", in: repo)
        fixture.write("n\n", to: "line\nbreak.txt", in: repo)
        fixture.write("i\n", to: "dir/inner.txt", in: repo)
        return repo
    }

    @Test func reportsBranchUpstreamAndEveryKindOfChange() async throws {
        let fixture = GitFixture()
        let repo = try await GitStatusTests.busyRepository(fixture)
        let head = try await fixture.git(["rev-parse", "HEAD"], in: repo)
        let o = try await GitFixture.script("""
            git_status cwd: repo store as status
            print "branch ${status.branch}, ${status.ahead} ahead and ${status.behind} behind ${status.upstream}"
            print "commit", status.commit
            print "clean", status.clean
            """, repo: repo)
        #expect(o.lines == ["branch main, 1 ahead and 1 behind origin/main", "commit \(head)", "clean false"])
        let expected: Value = [
            "branch": "main", "commit": .string(head), "upstream": "origin/main", "ahead": 1, "behind": 1,
            "clean": false,
            "staged": ["README.md", "new name.txt", "staged file.txt"],
            "modified": ["README.md", "notes.txt"],
            "untracked": ["dir/inner.txt", "line\nbreak.txt", "ünïcödé.txt"],
            "conflicted": [],
        ]
        #expect(o.value("status.output") == expected)
        #expect(o.value("status.status") == "success")
    }

    @Test func aCleanTreeIsCleanAndTheGuidesConditionRunsTheTask() async throws {
        let fixture = GitFixture()
        let repo = try await fixture.repository("clean")
        fixture.write("hello\n", to: "README.md", in: repo)
        try await fixture.git(["add", "."], in: repo)
        try await fixture.git(["commit", "-q", "-m", "only commit"], in: repo)
        let o = try await GitFixture.script("""
            git_status cwd: repo store as status
            print "testing on ${status.branch}" if status.clean
            print status.staged, status.modified, status.untracked, status.upstream, status.ahead, status.behind
            """, repo: repo)
        #expect(o.lines == ["testing on main", "[] [] [] null 0 0"])
    }

    @Test func aDetachedHeadHasNoBranch() async throws {
        let fixture = GitFixture()
        let repo = try await fixture.repository("detached")
        fixture.write("1\n", to: "f.txt", in: repo)
        try await fixture.git(["add", "."], in: repo)
        try await fixture.git(["commit", "-q", "-m", "one"], in: repo)
        try await fixture.git(["checkout", "-q", "--detach", "HEAD"], in: repo)
        let head = try await fixture.git(["rev-parse", "HEAD"], in: repo)
        let o = try await GitFixture.script("""
            git_status cwd: repo store as status
            print status.branch, status.commit, status.clean
            """, repo: repo)
        #expect(o.lines == ["null \(head) true"])
    }

    @Test func aRepositoryWithoutCommitsHasABranchAndNoCommit() async throws {
        let fixture = GitFixture()
        let repo = try await fixture.repository("empty")
        fixture.write("draft\n", to: "draft.txt", in: repo)
        let o = try await GitFixture.script("""
            git_status cwd: repo store as status
            print status.branch, status.commit, status.untracked
            """, repo: repo)
        #expect(o.lines == [#"main null ["draft.txt"]"#])
    }

    @Test func outsideARepositoryTheTaskFailsWithTheDirectory() async throws {
        let fixture = GitFixture()
        let o = try await GitFixture.script("""
            git_status cwd: repo store as status
            print status.status, status.error
            git_status cwd: repo + "/missing" store as missing
            print missing.status, missing.error
            """, repo: fixture.root)
        #expect(o.lines == [
            "failure not a git repository: \(fixture.root)",
            "failure working directory not found: \(fixture.root)/missing",
        ])
        #expect(o.result.failed)
    }
}
