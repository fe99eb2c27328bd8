import Synchronization
import ScoutTestSupport
import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Many tasks through one ``SSHRunner``: slots per host, shared master connections, and
/// hosts that cannot be reached.
@Suite(.serialized, .enabled(if: SSHFixture.enabled, Comment(rawValue: SSHFixture.installNote)))
struct SSHPoolTests {
    /// Runs `count` tasks at once, each printing `$SSH_CONNECTION` (its connection's client
    /// and server ports); returns the outcomes.
    static func connections(_ runner: SSHRunner, count: Int, token: String, onOutput: ProcessOutputHandler? = nil) async throws -> [ProcessOutcome] {
        try await withThrowingTaskGroup(of: ProcessOutcome.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await runner.run(ProcessSpec(program: .shell("echo $SSH_CONNECTION; : \(token) \(index)")), label: "t\(index)", onOutput: onOutput)
                }
            }
            var outcomes: [ProcessOutcome] = []
            for try await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }

    /// The server port a task's `$SSH_CONNECTION` names.
    static func serverPort(_ outcome: ProcessOutcome) -> Int? {
        ProcessTestSupport.text(outcome.stdout).trimmingSpaces().split(separator: " ").last.flatMap { Int($0) }
    }

    @Test func aHostThatCannotBeReachedIsLeftToTheOthers() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node3", "node1"], perHost: 2) { runner in
                let outcomes = try await Self.connections(runner, count: 8, token: fixture.token)
                #expect(outcomes.count == 8)
                for outcome in outcomes {
                    #expect(outcome.status == .exited(0), "\(ProcessTestSupport.text(outcome.stderr))")
                    #expect(Self.serverPort(outcome) == fixture.ports["node1"])
                    #expect(ProcessTestSupport.text(outcome.stderr) == "", "no ssh complaint reaches the task")
                }
                #expect(runner.pool.liveHosts() == [1])
            }
        }
    }

    @Test func aHostWhoseSessionsAreRefusedIsLeftToTheOthers() async throws {
        try await SSHFixture.with { fixture in
            // Its master logs in, but every task's session is refused: the task's own ssh fails.
            _ = try await fixture.addServer("node5", extraConfig: "MaxSessions 0")
            try await fixture.withRunner(["node5", "node1"], perHost: 2) { runner in
                // One at a time: each first goes to node5 (as idle as node1 and listed first),
                // until its third failure takes it out.
                var outcomes: [ProcessOutcome] = []
                for _ in 0..<4 { outcomes += try await Self.connections(runner, count: 1, token: fixture.token) }
                for outcome in outcomes {
                    #expect(outcome.status == .exited(0), "\(ProcessTestSupport.text(outcome.stderr))")
                    #expect(Self.serverPort(outcome) == fixture.ports["node1"])
                    #expect(ProcessTestSupport.text(outcome.stderr) == "", "no ssh complaint reaches the task")
                }
                #expect(runner.pool.liveHosts() == [1])
                #expect(runner.pool.lastErrors().hasPrefix("node5 (mux_client_request_session: session request failed: Session open refused by peer)"), "\(runner.pool.lastErrors())")
            }
        }
    }

    @Test func aHostThatGoesDownMidRunIsLeftToTheOthers() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1", "node2"], perHost: 2) { runner in
                let before = try await Self.connections(runner, count: 8, token: fixture.token)
                #expect(Set(before.compactMap(Self.serverPort)) == [fixture.ports["node1"]!, fixture.ports["node2"]!])
                await fixture.stopServer("node2")
                let after = try await Self.connections(runner, count: 12, token: fixture.token)
                for outcome in after {
                    #expect(outcome.status == .exited(0), "\(ProcessTestSupport.text(outcome.stderr))")
                    #expect(Self.serverPort(outcome) == fixture.ports["node1"])
                }
                #expect(runner.pool.liveHosts() == [0])
            }
        }
    }

    @Test func whenNoHostIsLeftTheErrorNamesEachWithItsSSHError() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node3", "node4"]) { runner in
                for _ in 0..<2 {
                    do {
                        _ = try await runner.run(ProcessSpec(program: .shell("true # \(fixture.token)")), label: "t", onOutput: nil)
                        Issue.record("a task ran with every host down")
                    } catch {
                        guard case RunnerError.engine(let message) = error else {
                            Issue.record("not an engine error: \(error)")
                            continue
                        }
                        #expect(message.hasPrefix("no ssh host is reachable: node3 (ssh: connect to host 127.0.0.1 port \(fixture.ports["node3"]!): Connection refused), node4 ("), "\(message)")
                        #expect(message.contains("port \(fixture.ports["node4"]!): Connection refused"), "\(message)")
                    }
                }
            }
        }
    }

    @Test func aHundredTasksShareOneConnectionPerHost() async throws {
        try await SSHFixture.with { fixture in
            try await fixture.withRunner(["node1", "node2"], perHost: 4) { runner in
                let busiest = Mutex(0)
                let pool = runner.pool
                let watch: ProcessOutputHandler = { _, _ in
                    let running = pool.running().max() ?? 0
                    busiest.withLock { $0 = max($0, running) }
                }
                let clock = ContinuousClock()
                let started = clock.now
                let outcomes = try await Self.connections(runner, count: 100, token: fixture.token, onOutput: watch)
                let elapsed = clock.now - started
                print("ssh pool: 100 tasks over 2 hosts, 4 per host, in \(elapsed) (masters started on first use included)")
                #expect(outcomes.count == 100)
                #expect(outcomes.allSatisfy { $0.status == .exited(0) })
                // One connection per host: every session went through its host's master.
                let connections = Set(outcomes.map { ProcessTestSupport.text($0.stdout) })
                #expect(connections.count == 2, "\(connections)")
                #expect(Set(outcomes.compactMap(Self.serverPort)) == [fixture.ports["node1"]!, fixture.ports["node2"]!])
                #expect(busiest.withLock { $0 } <= 4)
                #expect(runner.masterPids().count == 2)
            }
        }
    }
}
