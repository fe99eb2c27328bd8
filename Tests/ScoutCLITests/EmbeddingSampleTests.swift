import Glibc
import Scout
import Testing

/// The sample host in samples/embedding runs scripts with only its own commands.
@Suite struct EmbeddingSampleTests {
    static var binary: String { String(ScoutBinary.path.dropLast("scout".count)) + "scout-embedding-sample" }

    static func run(_ script: String) async throws -> ScoutBinary.Run {
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv([binary, script]), workingDirectory: ScoutBinary.root, timeout: .seconds(30)))
        let status: Int32 = if case .exited(let c) = outcome.status { c } else { -1 }
        return ScoutBinary.Run(status: status, stdout: String(decoding: outcome.stdout, as: UTF8.self), stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }

    @Test func theTriageScriptUsesTheHostsCommands() async throws {
        let run = try await EmbeddingSampleTests.run("samples/embedding/triage.scout")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == """
            opened ticket #1: api: 120 errors in the last hour
            [#platform] ticket #1 for api
            opened ticket #2: jobs: 45 errors in the last hour
            [#platform] ticket #2 for jobs
            [#general] 2 tickets opened by triage
            5 tasks, 0 failed, 2 tickets open

            """)
    }

    @Test func aScriptCannotSpawnOrReadFiles() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let marker = dir + "/spawned"
        CommandLineTests.write("notify \"hi\"\nrun \"touch \(marker)\"\nlet x = exists(\"/etc/passwd\")\n", to: dir + "/hostile.scout")
        let run = try await EmbeddingSampleTests.run(dir + "/hostile.scout")
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("hostile.scout:2:1: error: the command 'run' needs the 'process' capability, which this host does not grant"))
        #expect(run.stderr.contains("hostile.scout:3:9: error: exists() needs the 'filesystem' capability, which this host does not grant"))
        #expect(access(marker, F_OK) != 0)
    }

    @Test func aHostileLoopEndsAtTheHostsLimit() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("for i in range(10 ** 9) { }\nnotify \"never\"\n", to: dir + "/loop.scout")
        let run = try await EmbeddingSampleTests.run(dir + "/loop.scout")
        #expect(run.status == 1)
        #expect(run.stderr.contains("loops ran more than the limit of 10000 iterations"))
        #expect(!run.stdout.contains("never"))
    }
}
