import Glibc
import Scout

/// The benchmark: each workload timed for Scout and its peers, medians compared.
struct Bench {
    let scout: String
    let repetitions: Int
    let dir: String

    init(scout: String, repetitions: Int) {
        self.scout = scout
        self.repetitions = repetitions
        var template = Array("/tmp/scout-bench-XXXXXX".utf8CString)
        dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    func runAll() async {
        print("scout-bench: \(scout), \(repetitions) repetitions each, median wall time; ratio = Scout / peer (lower is better)\n")
        startup()
        // Before the in-process workloads: a child started by posix_spawn reports the parent's
        // resident memory as its own peak until it execs, so the parent must still be small.
        memory()
        processes()
        await inProcess()
        parsing()
        print("\nfiles: \(dir)")
    }

    /// Runs one in-process workload once, for a profiler.
    func runOnly(_ name: String) async {
        switch name {
        case "library":
            let tasks = libraryTasks(20_000)
            let executor = PipelineExecutor(context: BatchContext(initialVars: ["yes": true]), taskRunner: { _, _ in .success(output: .null) })
            _ = await executor.run(tasks, mode: .sequential)
        case "memory":
            memory()
        default:
            print("scout-bench: --only takes: library, memory")
        }
    }

    func libraryTasks(_ n: Int) -> [BatchTask] {
        var tasks: [BatchTask] = []
        tasks.reserveCapacity(n)
        let condition = try! Parser.parseCondition("${yes}")
        for i in 0..<n {
            var t = BatchTask(command: "noop")
            t.condition = condition
            t.storeAs = "r\(i % 1000)"
            tasks.append(t)
        }
        return tasks
    }

    // MARK: - Workloads

    func startup() {
        let script = write("hello.scout", "#!/usr/bin/env scout\nprint \"hello\"\n")
        chmod(script, 0o755)
        let justfile = write("justfile", "hello:\n    @echo hello\n")
        let s = time(repetitions * 5) { Child.run([scout, script], stdout: "/dev/null") }
        report("start-up: a script with one print", scout: s, peers: [
            ("just (one-line recipe)", Child.which("just").map { just in time(repetitions * 5) { Child.run([just, "--justfile", justfile, "hello"], stdout: "/dev/null") } }, "pip install rust-just"),
        ])
    }

    func processes() {
        let n = 2000
        let script = write("procs.scout", "parallel(max: 8) for i in range(\(n)) {\n  run \"true\"\n}\n")
        let s = time(repetitions) { Child.run([scout, "--quiet", script]) }
        var makefile = "all:"
        for i in 0..<n { makefile += " t\(i)" }
        makefile += "\n"
        for i in 0..<n { makefile += "t\(i):\n\t@true\n" }
        let mk = write("Makefile", makefile)
        report("\(n) processes, 8 at a time", scout: s, peers: [
            ("xargs -P8", time(repetitions) { Child.run(["sh", "-c", "seq \(n) | xargs -P8 -I{} sh -c true"]) }, ""),
            ("make -j8", Child.which("make").map { make in time(repetitions) { Child.run([make, "-s", "-j8", "-f", mk]) } }, "apt-get install make"),
        ], unit: { "\(Int(Double(n) / $0)) processes/s" })
    }

    func inProcess() async {
        let n = 100_000
        // The library: the guide's executor with a runner that does nothing.
        let frozen = libraryTasks(n)
        let library = await timeAsync(repetitions) {
            let executor = PipelineExecutor(context: BatchContext(initialVars: ["yes": true]), taskRunner: { _, _ in .success(output: .null) })
            _ = await executor.run(frozen, mode: .sequential)
        }
        let python = write("executor.py", PythonExecutor.source)
        let script = write("inproc.scout", "for i in range(\(n)) {\n  print i if i >= 0 store as r\n}\n")
        let language = time(repetitions) { Child.run([scout, "--quiet", script], stdout: "/dev/null") }
        let peer = Child.which("python3").map { py in time(repetitions) { Child.run([py, python, String(n)]) } }
        report("\(n) in-process tasks with if and store as (library)", scout: library, peers: [
            ("Python asyncio executor of the guide", peer, "apt-get install python3"),
        ], unit: { "\(Int(Double(n) / $0)) tasks/s" })
        report("\(n) in-process tasks with if and store as (scout script, print to /dev/null)", scout: language, peers: [
            ("Python asyncio executor of the guide", peer, "apt-get install python3"),
        ], unit: { "\(Int(Double(n) / $0)) tasks/s" })
    }

    func parsing() {
        let lines = 100_000
        var scoutText = "let total = 0\n"
        var bashText = "total=0\n"
        for i in 0..<(lines / 4) {
            scoutText += "let v\(i % 100) = \(i) + total * 2\n"
            scoutText += "if v\(i % 100) > 10 { print \"big ${v\(i % 100)}\" } else { run \"echo \(i)\" }\n"
            scoutText += "run \"test -n x\" store as r\(i % 100) skip_if v\(i % 100) < 0\n"
            scoutText += "# a comment line\n"
            bashText += "v\(i % 100)=$(( \(i) + total * 2 ))\n"
            bashText += "if [ \"$v\(i % 100)\" -gt 10 ]; then echo \"big $v\(i % 100)\"; else echo \(i); fi\n"
            bashText += "[ \"$v\(i % 100)\" -lt 0 ] || test -n x\n"
            bashText += "# a comment line\n"
        }
        let big = write("big.scout", scoutText)
        let bigBash = write("big.sh", bashText)
        let s = time(repetitions) { Child.run([scout, "check", big]) }
        report("check of a \(lines)-line script", scout: s, peers: [
            ("bash -n of the same in bash", time(repetitions) { Child.run(["bash", "-n", bigBash]) }, ""),
        ], unit: { "\(Int(Double(lines) / $0)) lines/s" })
    }

    func memory() {
        let n = 100_000
        let script = write("mem.scout", "parallel for i in range(\(n)) {\n  print i\n}\n")
        let kib = Child.peakMemoryKiB([scout, "--quiet", script], stdout: "/dev/null")
        let mib = Double(kib) / 1024
        print("peak memory of \(n) parallel tasks: \(format(mib)) MiB (goal ≤ 64 MiB)\n")
    }

    // MARK: - Timing and reporting

    func write(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        FileDescriptorWriter.writeAll(fd, text)
        close(fd)
        return path
    }

    /// The median seconds of `n` runs of `body`.
    func time(_ n: Int, _ body: () -> Void) -> Double {
        var samples: [Double] = []
        body()  // warm-up
        for _ in 0..<n {
            let start = SystemClock().now()
            body()
            samples.append(SystemClock().now() - start)
        }
        return samples.sorted()[samples.count / 2]
    }

    func timeAsync(_ n: Int, _ body: () async -> Void) async -> Double {
        var samples: [Double] = []
        await body()
        for _ in 0..<n {
            let start = SystemClock().now()
            await body()
            samples.append(SystemClock().now() - start)
        }
        return samples.sorted()[samples.count / 2]
    }

    func report(_ title: String, scout s: Double, peers: [(String, Double?, String)], unit: ((Double) -> String)? = nil) {
        print(title)
        print("  " + "scout".padded(44) + ms(s) + (unit.map { "  " + $0(s) } ?? ""))
        for (name, seconds, install) in peers {
            guard let seconds else {
                print("  " + name.padded(44) + "not installed (\(install))")
                continue
            }
            print("  " + name.padded(44) + ms(seconds) + (unit.map { "  " + $0(seconds) } ?? "") + "   ratio \(format(s / seconds))")
        }
        print("")
    }

    func ms(_ seconds: Double) -> String { format(seconds * 1000) + " ms" }

    func format(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return String(r)
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
