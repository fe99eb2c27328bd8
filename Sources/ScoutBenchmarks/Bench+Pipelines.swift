import Glibc

/// Pipelines that grow: a no-op re-run of 1,000 up-to-date tasks against make (and go-task
/// when it is installed), and `--resume-failed` after 3 failures among 10,000 tasks.
extension Bench {
    /// 1,000 tasks, each copying one of 1,000 input files, all up to date: Scout's `sources` /
    /// `generates` check against make's timestamps on the same files (each in its own output
    /// folder), sequential both.
    func upToDate(into report: inout Report) {
        let n = 1000
        let project = upToDateProject(n)
        let script = project + "/build.scout"
        let make = Child.which("make")
        let goTask = Child.which("task")
        // The first runs build everything; what is measured is the run with nothing to do.
        _ = Child.run([scout, "--quiet", script])
        if let make { _ = Child.run([make, "-s", "-C", project]) }
        if let goTask { _ = Child.run([goTask, "-s", "-d", project, "all"]) }
        var bodies = [measured([scout, "--quiet", script])]
        if let make { bodies.append { Child.run([make, "-s", "-C", project]) } }
        if let goTask { bodies.append { Child.run([goTask, "-s", "-d", project, "all"]) } }
        let all = Samples.alternating(repetitions, bodies)
        let scoutRuns = all[0]
        let makeRuns = make == nil ? nil : all[1]
        let goTaskRuns = goTask == nil ? nil : all[all.count - 1]
        heading("no-op re-run: \(Figure.grouped(n)) up-to-date tasks over \(Figure.grouped(n)) input files")
        detail("scout (sources / generates, content hashes)", Figure.ms(scoutRuns.median))
        detail("make (timestamps)", makeRuns.map { Figure.ms($0.median) } ?? "not installed (apt-get install make)")
        detail("go-task (sources / generates, checksums)", goTaskRuns.map { Figure.ms($0.median) } ?? "not installed (see taskfile.dev)")
        let ratio = makeRuns.map { scoutRuns.median / $0.median }
        report.add(GoalRow(
            workload: "no-op re-run of \(Figure.grouped(n)) up-to-date tasks over \(Figure.grouped(n)) input files",
            scout: Figure.ms(scoutRuns.median),
            peer: (makeRuns.map { "`make`: " + Figure.ms($0.median) } ?? "make not installed")
                + (goTaskRuns.map { " · go-task: " + Figure.ms($0.median) } ?? ""),
            ratio: ratio.map { Figure.decimal($0) } ?? "—", goal: "≤ 1.0 × make", met: verdict(ratio, atMost: 1.0)))
    }

    /// The project of ``upToDate(into:)``: `in/N.txt`, a script, a Makefile and a Taskfile.
    func upToDateProject(_ n: Int) -> String {
        let project = dir + "/up-to-date"
        for d in [project, project + "/in", project + "/out", project + "/make-out", project + "/task-out"] { mkdir(d, 0o755) }
        for i in 0..<n { write("up-to-date/in/\(i).txt", "input \(i)\n") }
        write("up-to-date/build.scout", """
            use cwd(script_dir)
            for i in range(\(n)) {
              run "cp in/${i}.txt out/${i}.txt" sources "in/${i}.txt" generates "out/${i}.txt"
            }

            """)
        var makefile = "all:"
        for i in 0..<n { makefile += " make-out/\(i).txt" }
        makefile += "\nmake-out/%.txt: in/%.txt\n\tcp $< $@\n"
        write("up-to-date/Makefile", makefile)
        var taskfile = "version: '3'\ntasks:\n  all:\n    deps: ["
        taskfile += (0..<n).map { "t\($0)" }.joined(separator: ", ") + "]\n"
        for i in 0..<n {
            taskfile += "  t\(i):\n    sources: [in/\(i).txt]\n    generates: [task-out/\(i).txt]\n    cmds: [cp in/\(i).txt task-out/\(i).txt]\n"
        }
        write("up-to-date/Taskfile.yml", taskfile)
        return project
    }

    /// 10,000 tasks of which 3 failed, resumed with `--resume-failed`: against running those
    /// 3 tasks alone plus reading the journal.
    func resumeFailed(into report: inout Report) {
        let n = 10_000
        let project = dir + "/resume"
        mkdir(project, 0o755)
        let script = write("resume/fan.scout", """
            use cwd(script_dir)
            parallel(max: 8) for i in range(\(n)) {
              print i store as p
              run "test -f fixed" if i == 3 || i == 5000 || i == 9998
            }

            """)
        let three = write("resume/three.scout", "use cwd(script_dir)\nfor i in [3, 5000, 9998] {\n  run \"test -f fixed\"\n}\n")
        unlink(project + "/fixed")
        let failed = Child.run(["sh", "-c", "'\(scout)' --quiet --journal '\(project)/journal-failed.ndjson' '\(script)' > /dev/null"])
        write("resume/fixed", "")
        let resumed = Child.run(["sh", "-c", "cp '\(project)/journal-failed.ndjson' '\(project)/j.ndjson' && '\(scout)' --quiet --journal '\(project)/j.ndjson' --resume-failed '\(script)' > /dev/null"])
        let all = Samples.alternating(repetitions, [
            { Child.run(["sh", "-c", "cp '\(project)/journal-failed.ndjson' '\(project)/j.ndjson' && '\(scout)' --quiet --journal '\(project)/j.ndjson' --resume-failed '\(script)' > /dev/null"]) },
            { Child.run(["sh", "-c", "cp '\(project)/journal-failed.ndjson' '\(project)/j.ndjson' && cat '\(project)/j.ndjson' > /dev/null && '\(scout)' --quiet '\(three)'"]) },
        ])
        let ratio = all[0].median / all[1].median
        heading("--resume-failed after 3 failures of \(Figure.grouped(n)) tasks")
        if failed.status != 1 || resumed.status != 0 {
            print("  warning: the failing run exited with \(failed.status) (expected 1), the resumed one with \(resumed.status) (expected 0)")
        }
        detail("scout --journal j.ndjson --resume-failed", Figure.ms(all[0].median))
        detail("the 3 tasks alone, after reading the journal", Figure.ms(all[1].median))
        report.add(GoalRow(
            workload: "`--resume-failed` after 3 failures of \(Figure.grouped(n)) tasks",
            scout: Figure.ms(all[0].median), peer: "the 3 tasks + reading the journal: " + Figure.ms(all[1].median),
            ratio: Figure.decimal(ratio), goal: "≤ 2.0", met: ratio <= 2.0))
    }
}
