import Glibc
import Scout
import ScoutTestSupport
import Testing

/// `service`: a background process for the rest of its block, with a readiness wait and
/// teardown however the block ends, through the binary. The tests with a real web server
/// need python3 and are skipped, saying so, without it.
@Suite struct ServiceTests {
    /// True when python3 is on PATH.
    static let hasPython: Bool = {
        guard let path = getenv("PATH") else { return false }
        return String(cString: path).split(separator: ":").contains { access("\($0)/python3", X_OK) == 0 }
    }()

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() -> Int {
        guard let bound = LoopbackPort.bound(listening: false) else { return 0 }
        close(bound.fd)
        return bound.port
    }

    /// True when no process has this pid (it was stopped and reaped).
    static func isGone(_ pid: Int32) -> Bool {
        kill(pid, 0) == -1 && errno == ESRCH
    }

    /// A pid a script wrote to a file.
    static func pid(in path: String) -> Int32? {
        (try? LocalFile.readText(path)).flatMap { Int32($0.filter(\.isNumber)) }
    }

    @Test(.enabled(if: ServiceTests.hasPython, "python3 is missing: apt-get install python3"))
    func aWebServerIsReadyByURLServesTheBlockAndIsStoppedAfterIt() async throws {
        let port = ServiceTests.freePort()
        let script = """
            let web = null
            task tests {
              service ["python3", "-m", "http.server", "--bind", "127.0.0.1", "\(port)"], ready_url: "http://127.0.0.1:\(port)/", ready_timeout: 20s store as web
              print "ready", web.running, web.ready_ms >= 0
              run ["python3", "-c", "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:\(port)/').status)"]
            }
            print "after", web.running, web.stopped, web.exit_code
            print web.pid
            """
        let run = try await ScoutBinary.run(["-e", script])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").filter { !$0.hasPrefix("[web]") }
        #expect(lines.prefix(3) == ["ready true true", "200", "after false true 143"], "\(run)")
        // The server's output is labelled with its name: its log of the GET, on stderr.
        #expect(run.stderr.contains("[web] 127.0.0.1 - - ["), "\(run)")
        let pid = Int32(lines.last.map(String.init) ?? "") ?? 0
        #expect(pid > 0 && ServiceTests.isGone(pid), "\(run)")
    }

    @Test(.enabled(if: ServiceTests.hasPython, "python3 is missing: apt-get install python3"))
    func aServerIsReadyByPortAndTasksOfAParallelBlockNeedIt() async throws {
        let port = ServiceTests.freePort()
        let script = """
            parallel {
              service "python3 -m http.server --bind 127.0.0.1 \(port)", ready_port: \(port), ready_timeout: 20s, quiet: true store as web
              task check needs web {
                run ["python3", "-c", "import socket; socket.create_connection(('127.0.0.1', \(port))); print('connected')"]
              }
            }
            print check.status
            """
        let run = try await ScoutBinary.run(["-e", script])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "connected\nsuccess\n", "\(run)")
        #expect(!run.stderr.contains("[web]"), "quiet: \(run)")
    }

    @Test func aServiceIsReadyWhenItsCommandSucceedsAndEndsWithTheScript() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = """
            service "echo $$ > pid; echo up; touch ready; exec sleep 300", ready_cmd: "test -f ready", cwd: "\(dir)", ready_timeout: 20s store as worker
            print "worker", worker.status, worker.running
            """
        let run = try await ScoutBinary.run(["--output", "grouped", "-e", script])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("worker success true\n"), "\(run)")
        #expect(run.stdout.contains("[worker] up\n"), "labelled: \(run)")
        let pid = try #require(ServiceTests.pid(in: dir + "/pid"))
        #expect(ServiceTests.isGone(pid), "\(run)")
    }

    @Test func aServiceThatIsNeverReadyFailsItsBlockAndIsStopped() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = """
            task tests {
              service "echo $$ > pid; echo 'listening soon' >&2; exec sleep 300", ready_cmd: "false", ready_timeout: 1s, cwd: "\(dir)" store as db
              print "not reached"
            }
            print "tests:", tests.status
            """
        let run = try await ScoutBinary.run(["-e", script])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout == "tests: failure\n", "\(run)")
        #expect(run.stderr.contains("db was not ready after 1s (waiting for ready_cmd succeeding): listening soon"), "\(run)")
        let pid = try #require(ServiceTests.pid(in: dir + "/pid"))
        #expect(ServiceTests.isGone(pid), "\(run)")
    }

    @Test func aServiceThatEndsBeforeItIsReadyFailsWithItsOutput() async throws {
        // A port bound but not listening: it refuses connections, and no one else can take it.
        let bound = try #require(LoopbackPort.bound(listening: false))
        defer { close(bound.fd) }
        let port = bound.port
        let run = try await ScoutBinary.run(["-e", """
            service "echo 'port 80 in use' >&2; exit 3", ready_port: \(port), ready_timeout: 20s store as web
            print "not reached"
            """])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout == "", "\(run)")
        #expect(run.stderr.contains("web ended before it was ready: exit status 3: port 80 in use"), "\(run)")
    }

    @Test func stopAndErrorsStopTheServicesOfTheirBlock() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let stopped = try await ScoutBinary.run(["-e", """
            service "echo $$ > pid1; exec sleep 300", cwd: "\(dir)", ready_cmd: "test -s pid1"
            stop "enough"
            print "not reached"
            """])
        #expect(stopped.status == 0, "\(stopped)")
        let errored = try await ScoutBinary.run(["-e", """
            task t {
              service "echo $$ > pid2; exec sleep 300", cwd: "\(dir)", ready_cmd: "test -s pid2"
              let m = {a: 1}
              print "${m.nothere}"
            }
            """])
        #expect(errored.status == 1, "\(errored)")
        let timedOut = try await ScoutBinary.run(["-e", """
            task t timeout 1s {
              service "echo $$ > pid3; exec sleep 300", cwd: "\(dir)", ready_cmd: "test -s pid3"
              run "sleep 300"
            }
            """])
        #expect(timedOut.status == 1, "\(timedOut)")
        for n in 1...3 {
            let pid = try #require(ServiceTests.pid(in: dir + "/pid\(n)"))
            #expect(ServiceTests.isGone(pid), "pid\(n)")
        }
    }

    @Test func anInterruptStopsTheServices() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = """
            service "echo $$ > pid; exec sleep 300", cwd: "\(dir)", ready_cmd: "test -s pid"
            run "touch started; sleep 300", cwd: "\(dir)"
            """
        let scout = try ProcessSupervisor.shared.start(ProcessSpec(program: .argv([ScoutBinary.path, "-e", script]), environmentOverrides: ["NO_COLOR": "1"]))
        var waited = 0
        while access(dir + "/started", F_OK) != 0, waited < 600 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        let pid = try #require(ServiceTests.pid(in: dir + "/pid"))
        #expect(!ServiceTests.isGone(pid))
        kill(scout.pid, SIGINT)
        let outcome = await scout.outcome()
        #expect(outcome.status == .exited(130), "\(String(decoding: outcome.stderr, as: UTF8.self))")
        #expect(ServiceTests.isGone(pid))
    }

    @Test func mistakesAreClear() async throws {
        let check = try await ScoutBinary.run(["-e", "service \"sleep 1\", ready_prot: 80"])
        #expect(check.status == 2, "\(check)")
        #expect(check.stderr.contains("did you mean 'ready_port'?"), "\(check)")
        let https = try await ScoutBinary.run(["-e", "service \"sleep 1\", ready_url: \"https://example.com/\""])
        #expect(https.status == 1, "\(https)")
        #expect(https.stderr.contains("for https, use ready_cmd: \"curl -fsS https://example.com/\""), "\(https)")
        let two = try await ScoutBinary.run(["-e", "service \"sleep 1\", ready_port: 80, ready_cmd: \"true\""])
        #expect(two.status == 1, "\(two)")
        #expect(two.stderr.contains("service takes one of ready_port, ready_url and ready_cmd"), "\(two)")
    }
}
