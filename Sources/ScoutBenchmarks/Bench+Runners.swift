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
