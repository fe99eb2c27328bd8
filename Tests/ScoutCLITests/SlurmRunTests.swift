import Glibc
import Scout
import ScoutTestSupport
import Testing

/// Scripts on Slurm, through the binary, against a one-node cluster started for each test
/// (see ``SlurmCluster``): the same script gives the same results here and on the cluster, a
/// timeout and Ctrl-C leave nothing queued or running, and a job the cluster refuses fails
/// with Slurm's reason.
@Suite(.serialized, .enabled(if: SlurmCluster.shouldRun, Comment(rawValue: SlurmCluster.installNote)))
struct SlurmRunTests {
    /// Runs `body` with a fresh cluster, stopping it however the test ends.
    static func withCluster(_ body: (SlurmCluster) async throws -> Void) async throws {
        let cluster = try await SlurmCluster.start()
        do {
            try await body(cluster)
        } catch {
            await cluster.stop()
            throw error
        }
        let left = await cluster.stop()
        #expect(left.isEmpty, "the cluster left processes running: \(left)")
    }

    static func script(_ text: String) -> String {
        let path = CommandLineTests.temporaryDirectory() + "/cluster.scout"
        CommandLineTests.write(text, to: path)
        return path
    }

    @Test func theSameScriptGivesTheSameResultsHereAndOnTheCluster() async throws {
        try await SlurmRunTests.withCluster { cluster in
            let path = SlurmRunTests.script("""
                use slurm(partition: "debug", cpus: 1)
                use env(GREETING: "hello there")
                parallel for i in range(4) {
                  run "echo out ${i}; echo err ${i} >&2; exit ${i % 2}"
                }
                run "echo \\"$GREETING\\"; echo oops >&2; exit 3" store as last
                print "${last.exit_code}|${last.output}|${last.stderr}"
                run "if [ -n \\"$SLURM_JOB_ID\\" ]; then echo cluster; else echo here; fi" store as where
                print where.output

                """)
            let onCluster = try await ScoutBinary.run(["-q", path], environment: cluster.environment)
            let here = try await ScoutBinary.run(["-q", "--runner", "local", path], environment: cluster.environment)
            #expect(onCluster.status == 1, "\(onCluster)")
            #expect(here.status == 1, "\(here)")
            let clusterLines = onCluster.stdout.split(separator: "\n").sorted().filter { $0 != "cluster" }
            let hereLines = here.stdout.split(separator: "\n").sorted().filter { $0 != "here" }
            #expect(clusterLines == hereLines, "\(onCluster)\n\(here)")
            #expect(onCluster.stdout.contains("3|hello there|oops\n"), "\(onCluster)")
            #expect(onCluster.stdout.hasSuffix("cluster\n"), "\(onCluster)")
            #expect(onCluster.stderr.contains("exit status 1: err 1"), "\(onCluster)")
            #expect(!onCluster.stderr.contains("srun: error"), "srun's own summaries are not the task's: \(onCluster)")
            #expect(await cluster.noJobs(named: "scout-"))
        }
    }

    @Test func aTimeoutAndAnInterruptLeaveNothingOnTheCluster() async throws {
        try await SlurmRunTests.withCluster { cluster in
            let marker = "30.\(UInt32.random(in: 100_000...999_999))"
            let timed = SlurmRunTests.script("use slurm\nrun \"sleep \(marker)\" timeout 2s store as r\nprint \"${r.timed_out} ${r.error}\"\n")
            let run = try await ScoutBinary.run(["-q", timed], environment: cluster.environment)
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout == "true timed out after 2s\n", "\(run)")
            #expect(await cluster.noJobs(named: "scout-"), "the job was cancelled")
            #expect(await LiveProcesses.noneLeft(matching: "sleep \(marker)"))

            let path = SlurmRunTests.script("use slurm\nparallel for i in range(3) {\n  run \"sleep \(marker)\"\n}\nprint \"not reached\"\n")
            let spec = ProcessSpec(
                program: .argv([ScoutBinary.path, path]), environmentOverrides: cluster.environment.merging(["NO_COLOR": "1"]) { a, _ in a },
                timeout: .seconds(120))
            let scout = try ProcessSupervisor.shared.start(spec)
            // Each task shows in its srun and, once the step runs, in the step's own processes.
            #expect(await LiveProcesses.running(6, matching: "sleep \(marker)"), "the steps started")
            kill(scout.pid, SIGINT)
            let outcome = await scout.outcome()
            let stderr = String(decoding: outcome.stderr, as: UTF8.self)
            #expect(outcome.status == .exited(130), "\(stderr)")
            #expect(stderr.contains("(interrupted)"), "\(stderr)")
            #expect(await cluster.noJobs(named: "scout-"), "nothing is left queued or running")
            #expect(await LiveProcesses.noneLeft(matching: "sleep \(marker)"))
        }
    }

    @Test func aJobTheClusterRefusesFailsWithSlurmsReason() async throws {
        try await SlurmRunTests.withCluster { cluster in
            let path = SlurmRunTests.script("run \"true\" on slurm(cpus: 4096) store as r\nprint r.error\n")
            let run = try await ScoutBinary.run(["-q", path], environment: cluster.environment)
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout.hasPrefix("slurm refused the job: "), "\(run)")
            #expect(await cluster.noJobs(named: "scout-"))
        }
    }

    /// The workload: a 1,000-iteration `parallel for` is one array job (about a
    /// minute on a one-node cluster of 2 CPUs).
    @Test func aThousandIterationsGoAsOneArrayJob() async throws {
        try await SlurmRunTests.withCluster { cluster in
            let dir = CommandLineTests.temporaryDirectory()
            CommandLineTests.write("""
                use slurm(array: true)
                parallel for i in range(1000) {
                  run "echo ${i} $SLURM_ARRAY_JOB_ID $SLURM_ARRAY_TASK_ID; exit $(( ${i} % 5 == 0 ))"
                }

                """, to: dir + "/array.scout")
            // --jobs 1000: every iteration reaches the runner at once.
            let run = try await ScoutBinary.run(["-q", "--jobs", "1000", "array.scout"], in: dir, environment: cluster.environment, timeout: .seconds(900))
            #expect(run.status == 1, "\(run.status) \(run.stderr.suffix(2000))")
            let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(lines.count == 1000, "\(run.stderr.suffix(2000))")
            #expect(Set(lines.map(\.first)) == Set((0..<1000).map { String($0) }), "every task ran once")
            #expect(Set(lines.compactMap { $0.count == 3 ? $0[1] : nil }).count == 1, "one array job")
            #expect(Set(lines.compactMap { $0.count == 3 ? $0[2] : nil }).count == 1000, "a thousand array tasks")
            #expect(run.stderr.contains("800 succeeded, 200 failed"), "\(run.stderr.suffix(2000))")
            #expect(await cluster.noJobs(named: "scout-"))
        }
    }

    @Test func anInterruptCancelsTheArrayJob() async throws {
        try await SlurmRunTests.withCluster { cluster in
            let dir = CommandLineTests.temporaryDirectory()
            let marker = "50.\(UInt32.random(in: 100_000...999_999))"
            CommandLineTests.write("use slurm(array: true)\nparallel for i in range(3) {\n  run \"sleep \(marker)\"\n}\n", to: dir + "/array.scout")
            let spec = ProcessSpec(
                program: .argv([ScoutBinary.path, "array.scout"]), workingDirectory: dir,
                environmentOverrides: cluster.environment.merging(["NO_COLOR": "1"]) { a, _ in a }, timeout: .seconds(120))
            let scout = try ProcessSupervisor.shared.start(spec)
            #expect(await LiveProcesses.running(3, matching: "sleep \(marker)"), "the array's tasks started")
            kill(scout.pid, SIGINT)
            let outcome = await scout.outcome()
            let stderr = String(decoding: outcome.stderr, as: UTF8.self)
            #expect(outcome.status == .exited(130), "\(stderr)")
            #expect(await cluster.noJobs(named: "scout-"), "the array job was cancelled")
            #expect(await LiveProcesses.noneLeft(matching: "sleep \(marker)"))
        }
    }
}
