import Glibc
import Scout
import Testing

/// `scout lsp` in real clients (Neovim headless, pytest-lsp), and the VS Code extension's wiring.
extension EditorSupportTests {
    /// `scout lsp` in a real editor: Neovim, headless, runs editors/tests/nvim_lsp_test.lua on
    /// a script with an error after wide and astral characters. The diagnostic is where
    /// `scout check` puts it (Neovim turns the server's UTF-16 columns into bytes), an edit
    /// brings a new one, `build.st` completes to the result fields, hovering `retry` shows its
    /// help, and `needs lint` leads to `task lint`.
    @Test(.requires(.neovim))
    func neovimUsesTheLanguageServer() async throws {
        guard await RequiredTool.neovim.require() else { return }
        try await Self.letTheOtherSuitesFinish()
        let dir = CommandLineTests.temporaryDirectory()
        let sample = dir + "/sample.scout"
        let output = dir + "/results.txt"
        defer {
            unlink(sample)
            unlink(output)
            rmdir(dir)
        }
        let errorLine = "let label = \"é中😀\" + missing_name"
        CommandLineTests.write("""
            # a sample for scout lsp
            \(errorLine)
            parallel {
              task lint { run "true" }
              task build needs lint {
                retry 2
                run "true"
              }
            }
            print build.st

            """, to: sample)
        let run = try await Self.run(
            ["nvim", "--headless", "--clean", "-c", "luafile editors/tests/nvim_lsp_test.lua"],
            environment: ["SCOUT_LSP_BIN": ScoutBinary.path, "SCOUT_LSP_SAMPLE": sample, "SCOUT_LSP_OUT": output],
            timeout: .seconds(600))
        #expect(run.status == 0, "\(run)")
        let text = String(decoding: Self.contents(of: output), as: UTF8.self)
        var results: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            results[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        #expect(results["lua_error"] == nil, "\(text)")
        #expect(results["diagnostics_arrived"] == ["true"], "\(text)")

        // Where scout check puts it: line 2, column 21 (scalars); Neovim counts bytes from 0.
        let check = try await ScoutBinary.run(["check", sample])
        #expect(check.stderr.hasPrefix("\(sample):2:21: error: 'missing_name' is never defined"), "\(check)")
        let byteColumn = "let label = \"é中😀\" + ".utf8.count
        #expect(results["diagnostic"] == ["1:\(byteColumn):'missing_name' is never defined"], "\(text)")

        #expect(results["edit_diagnostics_arrived"] == ["true"], "\(text)")
        let editedColumn = "let more = \"😀😀\" + ".utf8.count
        #expect(results["edited_diagnostic"] == ["0:\(editedColumn):'also_missing' is never defined",
                                                 "2:\(byteColumn):'missing_name' is never defined"], "\(text)")

        let completion = results["completion"]?.first?.split(separator: ",").map(String.init) ?? []
        for field in ["status", "stdout", "stderr", "ok"] {
            #expect(completion.contains(field), "\(field) in \(text)")
        }
        let hover = results["hover"]?.first ?? ""
        let help = try await ScoutBinary.run(["help", "retry"])
        #expect(hover.hasPrefix("TASK retry N"), "\(text)")
        #expect(hover == help.stdout.replacingNewlines(), "\(text)\n\(help)")
        // After the edit `task lint` is on line 4 (from 0), its name at character 7.
        #expect(results["definition"] == ["file://\(sample) 4:7"], "\(text)")
        #expect(results["stopped"] == ["true"], "\(text)")
        #expect(results["error"] == nil, "\(text)")
    }

    /// `scout lsp` driven by a second client, pytest-lsp (pygls), with the capabilities of
    /// VS Code, Emacs and Neovim: editors/tests/test_scout_lsp.py checks each request.
    @Test(.requires(.pytestLSP))
    func pytestLSPDrivesTheLanguageServer() async throws {
        guard await RequiredTool.pytestLSP.require() else { return }
        try await Self.letTheOtherSuitesFinish()
        let run = try await Self.run(
            ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "editors/tests/test_scout_lsp.py"],
            environment: ["SCOUT_LSP_BIN": ScoutBinary.path], timeout: .seconds(600))
        #expect(run.status == 0, "editors/tests/test_scout_lsp.py\n\(run)")
        #expect(run.stdout.contains("9 passed"), "\(run)")
    }

    /// The VS Code extension's code, loaded by node with stand-ins for VS Code's modules:
    /// it starts `scout lsp` (or the `scout.path` setting) for the scout language, and stops it.
    @Test(.requires(.node))
    func vscodeExtensionStartsTheLanguageServer() async throws {
        guard await RequiredTool.node.require() else { return }
        try await Self.letTheOtherSuitesFinish()
        let run = try await Self.run(["node", "editors/tests/vscode_extension_test.js"], timeout: .seconds(600))
        #expect(run.status == 0, "editors/tests/vscode_extension_test.js\n\(run)")
        #expect(run.stdout.hasPrefix("ok: "), "\(run)")
    }

    /// The bytes of a file (empty when it cannot be read).
    static func contents(of path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return bytes
    }
}

extension String {
    /// Line breaks written `\n`, as the Neovim script writes its results.
    fileprivate func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
    }
}
