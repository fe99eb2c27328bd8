import ScoutTestSupport
import Glibc
@testable import Scout
import Testing

/// `ProcessSupervisor.start`: a child that runs beside the program until `stop()`, and the
/// TCP probes services are made ready with.
@Suite struct BackgroundProcessTests {
    @Test func stopTerminatesTheGroupAndReportsIt() async throws {
        let process = try ProcessSupervisor.shared.start(ProcessSpec(program: .shell("sleep 300 & sleep 300")))
        #expect(process.pid > 0)
        #expect(process.outcomeIfEnded == nil)
        let outcome = await process.stop()
        #expect(outcome.cancelled)
        #expect(outcome.status == .signaled(SIGTERM))
        // Killed; the background sleep may be a zombie for a moment, until init reaps it.
        var waited = 0
        while kill(-process.pid, 0) == 0, waited < 200 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(kill(-process.pid, 0) == -1, "nothing of its group is left")
    }

    @Test func aChildThatEndsByItselfIsNotSignalled() async throws {
        let process = try ProcessSupervisor.shared.start(ProcessSpec(program: .shell("echo done; exit 3")))
        let ended = await process.outcome()
        #expect(ended.status == .exited(3))
        #expect(String(decoding: ended.stdout, as: UTF8.self) == "done\n")
        let stopped = await process.stop()
        #expect(!stopped.cancelled)
        #expect(stopped.status == .exited(3))
    }

    @Test func urlsAreSplitIntoHostPortAndPath() {
        #expect(TCPProbe.parseURL("http://127.0.0.1:8765/health")! == ("127.0.0.1", 8765, "/health"))
        #expect(TCPProbe.parseURL("http://localhost")! == ("localhost", 80, "/"))
        #expect(TCPProbe.parseURL("http://[::1]:81?x=1")! == ("::1", 81, "/?x=1"))
        #expect(TCPProbe.parseURL("https://example.com/") == nil)
        #expect(TCPProbe.parseURL("http://host:http/") == nil)
        #expect(TCPProbe.parseURL("http://:80/") == nil)
    }

    /// A socket bound to a free port of 127.0.0.1 (listening when asked), and its port.
    static func boundSocket(listening: Bool) -> (fd: Int32, port: Int)? {
        LoopbackPort.bound(listening: listening)
    }

    @Test func aListeningPortAcceptsAndABoundButClosedOneDoesNot() async throws {
        // The closed port stays bound while it is probed, so no one else can listen on it.
        let open = try #require(BackgroundProcessTests.boundSocket(listening: true))
        let closed = try #require(BackgroundProcessTests.boundSocket(listening: false))
        #expect(await TCPProbe.accepts(host: "127.0.0.1", port: open.port, timeout: .seconds(5)))
        #expect(await !TCPProbe.accepts(host: "127.0.0.1", port: closed.port, timeout: .seconds(1)))
        #expect(await TCPProbe.httpStatus("http://127.0.0.1:\(closed.port)/", timeout: .seconds(1)) == nil)
        close(open.fd)
        close(closed.fd)
    }
}
