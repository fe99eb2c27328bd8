/// Row 8: 2,000 processes, 8 at a time, against `xargs -P8` (and `make -j8`, for comparison).
extension Bench {
    func processes(into report: inout Report) {
        let n = 2000
        let scoutRuns = samples(repetitions, [scout, "--quiet", processScript()])
        var makefile = "all:"
        for i in 0..<n { makefile += " t\(i)" }
        makefile += "\n"
        for i in 0..<n { makefile += "t\(i):\n\t@true\n" }
        let mk = write("Makefile", makefile)
        let xargs = Samples.of(repetitions) { Child.run(["sh", "-c", "seq \(n) | xargs -P8 -I{} sh -c true"]) }
        let make = Child.which("make").map { make in Samples.of(repetitions) { Child.run([make, "-s", "-j8", "-f", mk]) } }
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
