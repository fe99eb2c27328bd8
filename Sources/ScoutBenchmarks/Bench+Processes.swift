/// Row 8: 2,000 processes, 8 at a time, against `xargs -P8` (and `make -j8`, for comparison).
extension Bench {
    func processes(into report: inout Report) {
        let n = 2000
        var makefile = "all:"
        for i in 0..<n { makefile += " t\(i)" }
        makefile += "\n"
        for i in 0..<n { makefile += "t\(i):\n\t@true\n" }
        let mk = write("Makefile", makefile)
        var bodies = [measured([scout, "--quiet", processScript()]), { Child.run(["sh", "-c", "seq \(n) | xargs -P8 -I{} sh -c true"]) }]
        if let make = Child.which("make") { bodies.append { Child.run([make, "-s", "-j8", "-f", mk]) } }
        let all = Samples.alternating(repetitions, bodies)
        let scoutRuns = all[0], xargs = all[1], make = all.count > 2 ? all[2] : nil
        func rate(_ s: Samples) -> String { Figure.ms(s.median) + "  " + Figure.grouped(Int(Double(n) / s.median)) + " processes/s" }
        heading("\(Figure.grouped(n)) processes (`true`), 8 at a time")
        detail("scout, parallel(max: 8) { run \"true\" }", rate(scoutRuns))
        detail("xargs -P8", rate(xargs))
        detail("make -j8", make.map(rate) ?? "not installed (apt-get install make)")
        let ratio = scoutRuns.median / xargs.median
        let makeText = make.map { " · `make -j8`: " + Figure.ms($0.median) } ?? ""
        let makeRatio = make.map { " · " + Figure.decimal(scoutRuns.median / $0.median) } ?? ""
        report.add(GoalRow(
            workload: "\(Figure.grouped(n)) `run \"true\"` in `parallel(max: 8)`",
            scout: Figure.ms(scoutRuns.median) + " (" + Figure.grouped(Int(Double(n) / scoutRuns.median)) + "/s)",
            peer: "`xargs -P8`: " + Figure.ms(xargs.median) + makeText,
            ratio: Figure.decimal(ratio) + makeRatio, goal: "≤ 0.8 × xargs", met: ratio <= 0.8))
    }

    func processScript() -> String {
        write("procs.scout", "parallel(max: 8) for i in range(2000) {\n  run \"true\"\n}\n")
    }
}
