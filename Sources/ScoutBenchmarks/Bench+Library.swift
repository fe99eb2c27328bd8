import Scout

/// Row 2: 100,000 tasks through the library, in this process: a host command run by an
/// ``Interpreter``, and the guide's ``PipelineExecutor`` with a runner that does nothing.
extension Bench {
    func libraryTasks(python: (sequential: PythonPeer, parallel: PythonPeer)?, into report: inout Report) async {
        let n = 100_000
        for parallel in [false, true] {
            let peer = python.map { parallel ? $0.parallel : $0.sequential }
            let mode = parallel ? "`parallel(max: 8)`" : "sequential"
            let interpreter = await Samples.timing(repetitions) { await self.interpreter(n, parallel: parallel) }
            let executor = await Samples.timing(repetitions) { await self.pipelineExecutor(n, parallel: parallel) }
            heading("\(Figure.grouped(n)) in-process tasks through the library, \(Report.plain(mode))")
            detail("Interpreter running a host command", Figure.ms(interpreter.median) + "  " + Figure.perTask(interpreter.median, n) + once(interpreter))
            detail("PipelineExecutor, a runner that does nothing", Figure.ms(executor.median) + "  " + Figure.perTask(executor.median, n) + once(executor))
            let peerName = "Python executor.run" + (parallel ? ", semaphore of 8" : "")
            if let peer { detail(peerName, Figure.ms(peer.run) + "  " + Figure.perTask(peer.run, n)) }
            for (api, samples) in [("`Interpreter`, a host command", interpreter), ("`PipelineExecutor`", executor)] {
                let ratio = peer.map { samples.median / $0.run }
                report.add(GoalRow(
                    workload: "\(Figure.grouped(n)) tasks, library: \(api), \(mode)",
                    scout: Figure.ms(samples.median) + " (" + Figure.perTask(samples.median, n) + ")",
                    peer: peer.map { peerName + ": " + Figure.ms($0.run) } ?? "not installed (apt-get install python3)",
                    ratio: Figure.ratio(ratio), goal: "≤ 0.05", met: verdict(ratio, atMost: 0.05)))
            }
        }
    }

    /// A note on samples of a workload too slow to repeat.
    private func once(_ samples: Samples) -> String { samples.all.count == 1 && repetitions > 1 ? "  (one run: over 5 s)" : "" }

    /// Runs `for i in range(n) { noop if i >= 0 store as r }` with a host command `noop`
    /// (in `parallel(max: 8)` when `parallel`); returns the seconds it took.
    func interpreter(_ n: Int, parallel: Bool) async -> Double {
        let start = Child.now()
        let interpreter = Interpreter()
        interpreter.register(CommandSpec("noop", summary: "does nothing") { _ in .success() })
        let source = SourceFile(name: "host.scout", bytes: Array(Bench.loopText(n, parallel: parallel, command: "noop").utf8))
        do {
            let result = try await interpreter.run(source)
            if result.failed { Child.fail("the host script failed: \(result.failure ?? "a task failed")") }
        } catch {
            Child.fail("the host script does not parse: \(error)")
        }
        return Child.now() - start
    }

    /// Runs n tasks with `if: ${yes}` and `store_as` through a PipelineExecutor whose runner
    /// does nothing (in parallel, at most 8 at a time, when `parallel`); returns the seconds
    /// `run` took (the tasks are built before, as the Python peer's are).
    func pipelineExecutor(_ n: Int, parallel: Bool) async -> Double {
        var tasks: [BatchTask] = []
        tasks.reserveCapacity(n)
        let condition = try! Parser.parseCondition("${yes}")
        for i in 0..<n {
            var t = BatchTask(command: "noop")
            t.condition = condition
            t.storeAs = "r\(i % 1000)"
            tasks.append(t)
        }
        let executor = PipelineExecutor(context: BatchContext(initialVars: ["yes": true]), taskRunner: { _, _ in .success(output: .null) },
                                        configuration: ExecutorConfiguration(maxConcurrency: 8))
        let start = Child.now()
        let results = await executor.run(tasks, mode: parallel ? .parallel : .sequential)
        if results.count != n { Child.fail("the executor returned \(results.count) results of \(n)") }
        return Child.now() - start
    }
}
