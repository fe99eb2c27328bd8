import Glibc
import ScoutTestSupport

/// Scaling out: 1,000 `run "true"` over two SSH hosts (two sshd on 127.0.0.1, started here
/// as the tests start them), 8 at once, against GNU parallel's `--sshlogin` with its control
/// connections (`-M`).
extension Bench {
    func sshPool(into report: inout Report) async {
        let n = 1000
        guard SSHFixture.toolsInstalled else {
            heading("\(Figure.grouped(n)) `run \"true\"` over two SSH hosts")
            detail("scout", "sshd is not installed (apt-get install openssh-server openssh-client)")
            report.add(GoalRow(workload: "\(Figure.grouped(n)) `run \"true\"` over two SSH hosts, 8 at once", scout: "—",
                               peer: "sshd not installed", ratio: "—", goal: "≤ 1.0 × GNU parallel", met: nil))
            return
        }
        var row: GoalRow?
        do {
            try await SSHFixture.with { fixture in
                let script = write("ssh-pool.scout", """
                    use ssh(hosts: ["node1", "node2"], per_host: 4, config: "\(fixture.configFile)")
                    parallel(max: 8) for i in range(\(n)) {
                      run "true"
                    }

                    """)
                var bodies = [measured([scout, "--quiet", script])]
                let parallel = Child.which("parallel")
                if let parallel {
                    let input = write("ssh-pool.txt", (0..<n).map(String.init).joined(separator: "\n") + "\n")
                    bodies.append {
                        Child.run(["sh", "-c", "\(parallel) --will-cite -M -S 4/node1,4/node2 --ssh 'ssh -F \(fixture.configFile)' true < \(input)"])
                    }
                }
                let all = Samples.alternating(min(repetitions, 3), bodies)
                let scoutRuns = all[0], peer = parallel == nil ? nil : all[1]
                heading("\(Figure.grouped(n)) `run \"true\"` over two SSH hosts (sshd on 127.0.0.1), 8 at once")
                detail("scout, use ssh(hosts: [node1, node2], per_host: 4)", Figure.ms(scoutRuns.median))
                detail("GNU parallel -M -S 4/node1,4/node2", peer.map { Figure.ms($0.median) } ?? "not installed (apt-get install parallel)")
                let ratio = peer.map { scoutRuns.median / $0.median }
                row = GoalRow(
                    workload: "\(Figure.grouped(n)) `run \"true\"` over two SSH hosts, 8 at once",
                    scout: Figure.ms(scoutRuns.median),
                    peer: peer.map { "GNU parallel `-M --sshlogin`: " + Figure.ms($0.median) } ?? "GNU parallel not installed",
                    ratio: ratio.map { Figure.decimal($0) } ?? "—", goal: "≤ 1.0 × GNU parallel", met: verdict(ratio, atMost: 1.0))
                // GNU parallel's control connections name the config too: none outlives the fixture.
                for pid in LiveProcesses.matching(fixture.configFile) { kill(pid, SIGTERM) }
            }
        } catch {
            print("  warning: the SSH hosts could not be started: \(error)")
        }
        if let row { report.add(row) }
    }
}

/// Slurm: a one-node cluster of this machine (started here as the tests start it). 200
/// `run "true"`, one `srun` each, 8 at once, against `xargs -P8 srun true`; and 1,000 with
/// `array: true` against one array job (`sbatch --array=0-999 --wait`), what a user would
/// submit by hand.
extension Bench {
    func slurm(into report: inout Report) async {
        guard SlurmCluster.isAvailable else {
            heading("`run \"true\"` on Slurm")
            detail("scout", "Slurm is not installed (apt-get install slurmctld slurmd slurm-client munge)")
            report.add(GoalRow(workload: "200 `run \"true\"` on Slurm, one `srun` each, 8 at once", scout: "—",
                               peer: "Slurm not installed", ratio: "—", goal: "≤ 1.0 × xargs -P8 srun", met: nil))
            return
        }
        let cluster: SlurmCluster
        do { cluster = try await SlurmCluster.start() } catch {
            print("  warning: the Slurm cluster could not be started: \(error)")
            return
        }
        let environment = cluster.environment.map { "\($0.key)=\($0.value)" }
        func withCluster(_ argv: [String]) -> () -> Measurement {
            { Child.run(argv, environment: environment) }
        }
        let steps = 200
        let stepScript = write("slurm-steps.scout", "use slurm\nparallel(max: 8) for i in range(\(steps)) {\n  run \"true\"\n}\n")
        let srun = SlurmCluster.path(of: "srun") ?? "srun"
        let stepRuns = Samples.alternating(min(repetitions, 3), [
            withCluster([scout, "--quiet", stepScript]),
            withCluster(["sh", "-c", "seq \(steps) | xargs -P8 -I{} \(srun) --quiet true"]),
        ])
        heading("\(steps) `run \"true\"` on Slurm (one node, this machine), one srun each, 8 at once")
        detail("scout, use slurm", Figure.ms(stepRuns[0].median))
        detail("xargs -P8 srun true", Figure.ms(stepRuns[1].median))
        let stepRatio = stepRuns[0].median / stepRuns[1].median
        report.add(GoalRow(
            workload: "\(steps) `run \"true\"` on Slurm, one `srun` each, 8 at once",
            scout: Figure.ms(stepRuns[0].median), peer: "`xargs -P8 srun true`: " + Figure.ms(stepRuns[1].median),
            ratio: Figure.decimal(stepRatio), goal: "≤ 1.0 × xargs", met: stepRatio <= 1.0))

        let n = 1000
        // Every iteration reaches the runner at once (--jobs), so the thousand go as one array job.
        let manyScript = write("slurm-many.scout", "use slurm(array: true)\nparallel for i in range(\(n)) {\n  run \"true\"\n}\n")
        let sbatch = SlurmCluster.path(of: "sbatch") ?? "sbatch"
        let arrayRuns = Samples.alternating(1, [
            withCluster([scout, "--quiet", "--jobs", "\(n)", manyScript]),
            withCluster(["sh", "-c", "\(sbatch) --quiet --wait --array=0-\(n - 1) --output=/dev/null --wrap=true"]),
        ])
        heading("\(Figure.grouped(n)) `run \"true\"` on Slurm")
        detail("scout, use slurm(array: true), --jobs \(n)", Figure.ms(arrayRuns[0].median))
        detail("sbatch --array=0-\(n - 1) --wait", Figure.ms(arrayRuns[1].median))
        let arrayRatio = arrayRuns[0].median / arrayRuns[1].median
        report.add(GoalRow(
            workload: "\(Figure.grouped(n)) `run \"true\"` on Slurm",
            scout: Figure.ms(arrayRuns[0].median) + " (`array: true`)", peer: "`sbatch --array --wait`: " + Figure.ms(arrayRuns[1].median),
            ratio: Figure.decimal(arrayRatio), goal: "≤ 1.1 × sbatch --array", met: arrayRatio <= 1.1))
        let left = await cluster.stop()
        if !left.isEmpty { print("  warning: the cluster left processes running: \(left)") }
    }
}
