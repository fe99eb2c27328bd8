import Glibc
import Scout

/// Rows 6 and 7: `scout check` of a 100,000-line script against `bash -n` of the same in bash,
/// and the peak memory of checking a 50 MB script.
extension Bench {
    func checkLines(into report: inout Report) {
        let lines = 100_000
        let script = write("big.scout", CheckText.scout(lines: lines))
        let bash = write("big.sh", CheckText.bash(lines: lines))
        let both = Samples.alternating(repetitions, [measured([scout, "check", script]), { Child.run(["bash", "-n", bash]) }])
        let scoutRuns = both[0], bashRuns = both[1]
        heading("check of a \(Figure.grouped(lines))-line script")
        detail("scout check", Figure.ms(scoutRuns.median) + "  " + Figure.grouped(Int(Double(lines) / scoutRuns.median)) + " lines/s")
        detail("bash -n of the same in bash", Figure.ms(bashRuns.median) + "  " + Figure.grouped(Int(Double(lines) / bashRuns.median)) + " lines/s")
        let ratio = scoutRuns.median / bashRuns.median
        report.add(GoalRow(
            workload: "`scout check` of a \(Figure.grouped(lines))-line script", scout: Figure.ms(scoutRuns.median),
            peer: "`bash -n` of the same in bash: " + Figure.ms(bashRuns.median),
            ratio: Figure.ratio(ratio), goal: "≤ 1.0", met: ratio <= 1.0))
    }

    func checkBigFile(into report: inout Report) {
        let path = bigCheckFile()
        var info = stat()
        stat(path, &info)
        let bytes = Int(info.st_size)
        let runs = samples(quick ? 1 : 3, warmUp: false, [scout, "check", path])
        let multiple = Double(runs.peakKiB * 1024) / Double(bytes)
        heading("check of a \(Figure.decimal(Double(bytes) / 1e6, places: 1)) MB script")
        detail("scout check", Figure.ms(runs.median) + "  peak " + Figure.mib(kib: runs.peakKiB))
        report.add(GoalRow(
            workload: "`scout check` of a 50 MB script: peak memory", scout: Figure.mib(kib: runs.peakKiB),
            peer: "the file: " + Figure.mib(kib: bytes / 1024), ratio: Figure.decimal(multiple) + "×",
            goal: "≤ 4× the file", met: multiple <= 4))
    }

    /// A script of at least 50,000,000 bytes: the 100,000-line script repeated.
    func bigCheckFile() -> String {
        let path = dir + "/50mb.scout"
        let chunk = CheckText.scout(lines: 100_000)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var written = 0
        while written < 50_000_000 {
            FileDescriptorWriter.writeAll(fd, chunk)
            written += chunk.utf8.count
        }
        close(fd)
        return path
    }
}
