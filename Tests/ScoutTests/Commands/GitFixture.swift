import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Temporary git repositories made with the real `git`, for the git command tests: each
/// fixture has its own directory, and its commits have fixed dates.
struct GitFixture {
    /// The directory holding the fixture's repositories and files.
    let root: String

    /// The author and committer date of every commit made here.
    static let date = "2024-05-01T12:30:00+02:00"

    init() {
        root = ProcessTestSupport.makeTemporaryDirectory()
    }

    /// A new repository `root/name` on branch `main`, with an author configured.
    func repository(_ name: String) async throws -> String {
        let path = root + "/" + name
        try await git(["init", "-q", "-b", "main", path], in: root)
        try await git(["config", "user.name", "Ada Lovelace"], in: path)
        try await git(["config", "user.email", "ada@example.com"], in: path)
        return path
    }

    /// Runs git in `directory` (with no user or system configuration) and returns its stdout;
    /// a failure fails the test with git's message.
    @discardableResult
    func git(_ arguments: [String], in directory: String) async throws -> String {
        let spec = ProcessSpec(
            program: .argv(["git"] + arguments), workingDirectory: directory,
            environmentOverrides: [
                "HOME": root, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C",
                "GIT_AUTHOR_DATE": GitFixture.date, "GIT_COMMITTER_DATE": GitFixture.date,
            ])
        let outcome = try await ProcessSupervisor.shared.run(spec)
        try #require(outcome.status == .exited(0), "git \(arguments): \(String(decoding: outcome.stderr, as: UTF8.self))")
        return String(decoding: outcome.stdout, as: UTF8.self).trimmingSpaces()
    }

    /// Writes `text` to `path` (relative to `directory`), creating its parent directory.
    func write(_ text: String, to path: String, in directory: String) {
        write(Array(text.utf8), to: path, in: directory)
    }

    /// Writes `bytes` to `path` (relative to `directory`), creating its parent directory.
    func write(_ bytes: [UInt8], to path: String, in directory: String) {
        if let slash = path.lastIndex(of: "/") { mkdir(directory + "/" + path[..<slash], 0o755) }
        let fd = open(directory + "/" + path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        FileDescriptorWriter.writeAll(fd, bytes[...])
        close(fd)
    }

    /// Runs `code` with the interpreter, `repo` in the variable `repo`.
    static func script(_ code: String, repo: String) async throws -> ScriptHarness.Outcome {
        try await ScriptHarness.run(code, variables: ["repo": .string(repo)])
    }
}
