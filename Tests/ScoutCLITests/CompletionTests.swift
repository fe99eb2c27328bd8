import Scout
import Testing

/// `scout completions SHELL` prints scripts the shells accept and that complete what a user types.
@Suite struct CompletionTests {
    static func shell(_ argv: [String], in directory: String? = nil) async throws -> (Int32, String) {
        let binDir = String(ScoutBinary.path[..<ScoutBinary.path.lastIndex(of: "/")!])
        let spec = ProcessSpec(program: .argv(argv), workingDirectory: directory ?? ScoutBinary.root,
                               environmentOverrides: ["PATH": binDir + ":/usr/local/bin:/usr/bin:/bin"], timeout: .seconds(30))
        let outcome = try await ProcessSupervisor.shared.run(spec)
        let status: Int32 = if case .exited(let c) = outcome.status { c } else { -1 }
        return (status, String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self))
    }

    /// What bash offers after `words`, the last one being completed.
    static func bash(_ words: [String], in directory: String? = nil) async throws -> [String] {
        let array = words.map { "'\($0)'" }.joined(separator: " ")
        let script = "source <(scout completions bash); COMP_WORDS=(\(array)); COMP_CWORD=\(words.count - 1); _scout; printf '%s\\n' \"${COMPREPLY[@]}\""
        let (status, out) = try await shell(["bash", "-c", script], in: directory)
        #expect(status == 0, "\(out)")
        return out.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesOptionsValuesSubcommandsAndScripts() async throws {
        #expect(try await CompletionTests.bash(["scout", "--fail"]) == ["--fail-fast"])
        #expect(try await CompletionTests.bash(["scout", "--output", ""]) == ["grouped", "prefixed", "raw"])
        #expect(try await CompletionTests.bash(["scout", "completions", ""]) == ["bash", "zsh", "fish"])
        #expect(try await CompletionTests.bash(["scout", "che"]) == ["check"])
        #expect(try await CompletionTests.bash(["scout", "help", "git_s"]) == ["git_status"])
        #expect(try await CompletionTests.bash(["scout", "guide-"], in: ScoutBinary.root + "/samples").sorted()
            == ["guide-1-sequential-build.scout", "guide-2-parallel-files.scout", "guide-3-early-exit.scout", "guide-4-sub-batch.scout", "guide-tasks.json"])
    }

    @Test(.requires(.zsh)) func zshAcceptsItsScript() async throws {
        guard await RequiredTool.zsh.require() else { return }
        let file = CommandLineTests.temporaryDirectory() + "/_scout"
        let (status, out) = try await CompletionTests.shell(["sh", "-c", "scout completions zsh > \(file) && zsh -n \(file)"])
        #expect(status == 0, "\(out)")
    }

    @Test(.requires(.fish)) func fishCompletesOptions() async throws {
        guard await RequiredTool.fish.require() else { return }
        let (status, out) = try await CompletionTests.shell(["fish", "-c", "source (scout completions fish | psub); complete -C 'scout --dry'"])
        #expect(status == 0, "\(out)")
        #expect(out.hasPrefix("--dry-run\t"))
    }

    @Test func anUnknownShellIsAUsageError() async throws {
        let run = try await ScoutBinary.run(["completions", "tcsh"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no completions for 'tcsh'"))
    }
}
