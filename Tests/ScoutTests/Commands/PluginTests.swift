import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Plugins: executables `scout-NAME` in a directory of the search path, called from scripts.
/// Serialized: its tests start many processes, and one at a time they leave the
/// supervisor and the machine free enough for the timing tests of other suites.
@Suite(.serialized) struct PluginTests {
    /// A directory of plugins written as shell scripts.
    static func pluginDirectory(_ plugins: [String: String]) -> String {
        let dir = ProcessTestSupport.makeTemporaryDirectory()
        for (name, body) in plugins {
            let fd = open(dir + "/scout-" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            FileDescriptorWriter.writeAll(fd, "#!/bin/sh\n" + body + "\n")
            close(fd)
        }
        return dir
    }

    static let plugins = pluginDirectory([
        // Each argv word on its own line, between brackets.
        "hello": #"for a in "$@"; do printf '[%s]\n' "$a"; done"#,
        "query": #"printf '{"received": "%s", "count": %d}\n' "$*" "$#""#,
        "audit": "echo 'all good, no JSON here'",
        "crash": "echo partial; kill -KILL $$",
        "broken": "echo 'something went wrong' >&2; exit 3",
        "doc-sync": #"printf '{"synced": "%s"}\n' "$*""#,
    ])

    /// Runs `code` with the plugins of `searchPath` installed.
    static func run(_ code: String, searchPath: String = plugins, capabilities: Capabilities = .all) async throws -> ScriptHarness.Outcome {
        try await ScriptHarness.run(code) { configuration in
            configuration.commands = CommandRegistry.standard.withPlugins(PluginLocator(searchPath: searchPath))
            configuration.capabilities = capabilities
        }
    }

    @Test func argumentsArriveAsArgvWordsAndFlags() async throws {
        let o = try await PluginTests.run("""
            hello "two words", 42, ["x", "y"], name: "Ada", loud: true, quiet: false, gone: null, tag: ["a", "b"], opts: {k: 1}, dry_run: true, wait: 2s store as h
            print h.status, h.exit_code
            """)
        let argv = ["[two words]", "[42]", "[x]", "[y]", "[--name]", "[Ada]", "[--loud]", "[--tag]", "[a]", "[--tag]", "[b]",
                    #"[--opts]"#, #"[{"k":1}]"#, "[--dry-run]", "[--wait]", "[2s]"]
        #expect(o.lines == argv + ["success 0"])
        #expect(o.value("h.output") == .string(argv.joined(separator: "\n")))
        #expect(o.value("h.stdout") == .string(argv.joined(separator: "\n") + "\n"))
    }

    @Test func jsonOutputIsParsedAndTheAutoJSONFlagIsPassed() async throws {
        let o = try await PluginTests.run("""
            query "some", "words" store as q
            print q.received, q.count
            query json_output: false store as unflagged
            print unflagged.count
            """)
        #expect(o.lines.filter { !$0.hasPrefix("{") } == ["some words --json-output 3", "0"])
        #expect(o.value("q.output") == ["received": "some words --json-output", "count": 3])
    }

    @Test func invalidJSONAfterTheFlagFailsTheTask() async throws {
        let o = try await PluginTests.run("""
            audit store as a
            print a.status, a.error
            audit json_output: false store as plain
            print plain.status, plain.output
            """)
        #expect(o.lines == [
            "all good, no JSON here", "failure plugin printed invalid JSON: 1:1: unexpected character 'a', expected a value",
            "all good, no JSON here", "success all good, no JSON here",
        ])
    }

    @Test func aPluginKilledByASignalOrExitingNonZeroFails() async throws {
        let o = try await PluginTests.run("""
            crash store as c
            broken store as b
            print c.status, c.error, c.exit_code, c.output
            print b.status, b.error, b.exit_code, b.stderr == "something went wrong\\n"
            """)
        #expect(o.lines == [
            "partial",
            "failure scout-crash was killed by SIGKILL 137 partial",
            "failure scout-broken failed with exit status 3: something went wrong 3 true",
        ])
    }

    @Test func aNameWithUnderscoresFindsTheFileWithDashes() async throws {
        let o = try await PluginTests.run("doc_sync \"docs\" store as d\nprint d.command, d.status, d.synced")
        #expect(o.lines.last == "doc_sync success docs --json-output")
    }

    @Test func anUnknownCommandIsStillAnErrorBeforeAnythingRuns() async throws {
        let error = await #expect(throws: DiagnosticList.self) {
            _ = try await PluginTests.run("print \"never\"\nhello\nprnt \"x\"")
        }
        #expect(error?.diagnostics.map(\.message) == ["unknown command 'prnt'"])
        #expect(error?.diagnostics.first?.kind.help == "did you mean 'print'?")
    }

    @Test func withoutPluginsOrTheProcessCapabilityThereAreNone() async throws {
        let unknown = await #expect(throws: DiagnosticList.self) {
            _ = try await ScriptHarness.run("hello")
        }
        #expect(unknown?.diagnostics.map(\.message) == ["unknown command 'hello'"])
        let denied = await #expect(throws: DiagnosticList.self) {
            _ = try await PluginTests.run("hello", capabilities: Capabilities([.fileSystem]))
        }
        #expect(denied?.diagnostics.map(\.message) == ["the command 'hello' needs the 'process' capability, which this host does not grant"])
    }

    @Test func theLocatorSearchesAbsoluteDirectoriesInOrderOnceAName() throws {
        let first = PluginTests.pluginDirectory(["same": "echo first"])
        let second = PluginTests.pluginDirectory(["same": "echo second", "other": "echo other"])
        let locator = PluginLocator(searchPath: "relative/dir::\(first):\(second)")
        #expect(locator.directories == [first, second])
        #expect(locator.path(for: "same") == first + "/scout-same")
        #expect(locator.spec("same")?.origin == "plugin \(first)/scout-same")
        #expect(locator.spec("same")?.acceptsOtherArguments == true)
        #expect(locator.spec("same")?.capability == .process)
        #expect(locator.plugins() == [
            PluginLocator.Plugin(name: "other", path: second + "/scout-other"),
            PluginLocator.Plugin(name: "same", path: first + "/scout-same"),
        ])
        #expect(locator.path(for: "late") == nil)
        let fd = open(second + "/scout-late", O_WRONLY | O_CREAT | O_CLOEXEC, 0o755)
        close(fd)
        #expect(locator.path(for: "late") == nil, "a name is looked up once per locator")
        #expect(PluginLocator(searchPath: second).path(for: "late") == second + "/scout-late")
        let notExecutable = open(second + "/scout-data", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        close(notExecutable)
        #expect(PluginLocator(searchPath: second).path(for: "data") == nil)
        #expect(PluginLocator(searchPath: second).path(for: "../bin/x") == nil)
    }
}
