import Glibc
import Scout
import Testing

/// The editor support in `editors/` is tested by the programs in `editors/tests/`, each run
/// here as a child process that must exit with status 0: the TextMate grammar of the VS Code
/// extension (Python with onigurumacffi), the Vim files (vim) and the Emacs mode (emacs).
///
/// A missing tool skips its test with what to install (`RequiredTool`); CI's `.ci/run`
/// installs them all and sets `SCOUT_REQUIRE_TOOLS=1`, which makes a missing one a failure.
///
/// These programs run for seconds while the other suites run in parallel, some of which
/// time sleeps or count `ProcessSupervisor.shared`'s children. So they run one at a time,
/// under `nice`, on a supervisor of their own, and start once the other suites (about a
/// second in all) have had a few seconds to themselves.
@Suite(.serialized) struct EditorSupportTests {
    static let supervisor = ProcessSupervisor()
    static let firstUse = ContinuousClock.now

    /// Waits until three seconds after the first editor test started.
    static func letTheOtherSuitesFinish() async throws {
        try await Task.sleep(until: firstUse + .seconds(3), clock: .continuous)
    }

    /// What a program printed and how it ended.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// Runs `argv` in `directory` (the repository's root by default), at the lowest CPU priority.
    /// The timeout only guards against a hang: at that priority on a busy machine the Vim checks
    /// take minutes (their scripts give up after 20).
    static func run(
        _ argv: [String], in directory: String = ScoutBinary.root, environment: [String: String] = [:], timeout: Duration = .seconds(1500)
    ) async throws -> Run {
        let spec = ProcessSpec(
            program: .argv(["nice", "-n", "19"] + argv), workingDirectory: directory,
            environmentOverrides: environment.merging(["NO_COLOR": "1"]) { $1 }, timeout: timeout)
        let outcome = try await supervisor.run(spec)
        let status: Int32
        switch outcome.status {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return Run(status: status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                   stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }

    @Test(.requires(.onigurumacffi))
    func textMateGrammarTokenizesTheSamples() async throws {
        guard await RequiredTool.onigurumacffi.require() else { return }
        try await Self.letTheOtherSuitesFinish()
        let run = try await Self.run(["python3", "editors/tests/textmate_test.py"])
        #expect(run.status == 0, "editors/tests/textmate_test.py\n\(run)")
    }

    @Test(.requires(.vim))
    func vimSyntaxIndentAndErrorFormat() async throws {
        guard await RequiredTool.vim.require() else { return }
        try await Self.letTheOtherSuitesFinish()
        let run = try await Self.run(["/bin/sh", "editors/tests/vim_test.sh"])
        #expect(run.status == 0, "editors/tests/vim_test.sh\n\(run)")
    }

    @Test(.requires(.emacs))
    func emacsModeFontLockIndentAndCompile() async throws {
        guard await RequiredTool.emacs.require() else { return }
        try await Self.letTheOtherSuitesFinish()
        let run = try await Self.run(["/bin/sh", "editors/tests/emacs_test.sh"])
        #expect(run.status == 0, "editors/tests/emacs_test.sh\n\(run)")
    }

    /// The editors read `scout check`'s first line of each diagnostic as
    /// `FILE:LINE:COL: error: MESSAGE`; the excerpt lines after it start with spaces or a
    /// line number and " |".
    @Test func checkPrintsTheFormatTheEditorsRead() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        defer {
            unlink(dir + "/bad.scout")
            rmdir(dir)
        }
        CommandLineTests.write("let version = \"1\"\nrun \"make deploy VERSION=${verison}\"\n", to: dir + "/bad.scout")
        let run = try await Self.run([ScoutBinary.path, "check", "bad.scout"], in: dir, timeout: .seconds(60))
        #expect(run.status == 2, "\(run)")
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "bad.scout:2:28: error: 'verison' is never defined", "\(run)")
        for line in lines.dropFirst() where !line.isEmpty {
            let excerpt = line.hasPrefix(" ") || (line.first?.isNumber == true && line.contains(" |"))
            #expect(excerpt, "a line the editors would not take for an excerpt: \(line)\n\(run)")
        }
    }
}
