import Glibc
import Scout
import Testing

/// A program some tests drive besides Swift: a shell for the completion scripts, an editor, a
/// Python module. When it is missing its tests are skipped, with a line saying what to
/// install; CI (`.ci/run`) sets `SCOUT_REQUIRE_TOOLS=1`, and then a missing tool fails them.
///
/// ```swift
/// @Test(.requires(.zsh)) func zshAcceptsItsScript() async throws { ... }
/// ```
struct RequiredTool: Sendable {
    /// What the tool is called in messages.
    var name: String
    /// How to install it.
    var install: String
    /// A shell command that succeeds when the tool is there.
    var check: String

    static let zsh = RequiredTool(name: "zsh", install: "apt-get install zsh", check: "command -v zsh")
    static let fish = RequiredTool(name: "fish", install: "apt-get install fish", check: "command -v fish")
    static let vim = RequiredTool(name: "vim", install: "apt-get install vim-nox", check: "command -v vim")
    static let emacs = RequiredTool(name: "emacs", install: "apt-get install emacs-nox", check: "command -v emacs")
    static let neovim = RequiredTool(name: "neovim", install: "apt-get install neovim", check: "command -v nvim")
    static let node = RequiredTool(name: "node", install: "apt-get install nodejs", check: "command -v node")
    static let time = RequiredTool(name: "/usr/bin/time", install: "apt-get install time", check: "test -x /usr/bin/time")
    static let pytestLSP = RequiredTool(
        name: "the Python module pytest-lsp", install: "python3 -m pip install pytest-lsp",
        check: "python3 -c 'import pytest_lsp'")
    static let onigurumacffi = RequiredTool(
        name: "the Python module onigurumacffi", install: "python3 -m pip install onigurumacffi",
        check: "python3 -c 'import onigurumacffi'")

    /// Runs the checks, apart from `ProcessSupervisor.shared` whose children some tests count.
    static let supervisor = ProcessSupervisor()

    /// True when `SCOUT_REQUIRE_TOOLS=1`: a missing tool is a failure, not a skip.
    static var required: Bool {
        getenv("SCOUT_REQUIRE_TOOLS").map { String(cString: $0) == "1" } ?? false
    }

    /// Whether the tool is there (its check exits with 0).
    func isAvailable() async -> Bool {
        let spec = ProcessSpec(program: .argv(["/bin/sh", "-c", check + " >/dev/null 2>&1"]), timeout: .seconds(60))
        guard let outcome = try? await RequiredTool.supervisor.run(spec) else { return false }
        return outcome.status == .exited(0)
    }

    /// What a skipped test says.
    var skipNote: Testing.Comment {
        "\(name) is not installed: \(install) to run this test (CI sets SCOUT_REQUIRE_TOOLS=1 to require it)"
    }

    /// Records a failure naming the tool when it is missing; true when it is there.
    func require(sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        if await isAvailable() { return true }
        Issue.record("\(name) is missing (SCOUT_REQUIRE_TOOLS=1 requires it): \(install)", sourceLocation: sourceLocation)
        return false
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when `tool` is installed, or when SCOUT_REQUIRE_TOOLS=1 (the test then
    /// calls `tool.require()`, which fails it when the tool is missing); skips it otherwise.
    static func requires(_ tool: RequiredTool) -> Self {
        .enabled(tool.skipNote) { RequiredTool.required ? true : await tool.isAvailable() }
    }
}
