import Scout

/// What the README's embedding section names beyond its example: results and counts, kept
/// results, the context's result limit, events and which tasks send them, cancellation,
/// concurrency, diagnostics, and output a host captures itself.
func readmeNames() async {
    var configuration = InterpreterConfiguration(capabilities: Capabilities([.process, .fileSystem, .environment, .git]))
    configuration.keptResults = 100
    configuration.reporter = ProgressReporter()
    configuration.executor.reportedTasks = .counted
    configuration.executor.maxConcurrency = 4
    configuration.executor = ExecutorConfiguration(maxConcurrency: 2, failFast: true, output: LineCollector())
    // Where the processes of `run` go ("Scaling out").
    configuration.executor.runner = .ssh(SSHSettings(hosts: ["build1", "build2"], perHost: 4))
    configuration.executor.runner = .slurm(SlurmSettings(partition: "debug", cpus: 2, memory: "4G", time: .seconds(600)))
    configuration.executor.runner = .local
    let interpreter = Interpreter(context: BatchContext(resultLimit: 10), configuration: configuration)
    let source = SourceFile(name: "x.scout", text: "print 1")
    for d in interpreter.check(source) {
        print(d.severity == .error, d.kind, d.kind.help ?? "", d.span.line, d.span.column, d.message, source.lineText(d.span.line))
    }
    do {
        let result = try await interpreter.run(source, arguments: ["--name", "x"])
        let counts: TaskCounts = result.counts
        print(counts.succeeded, counts.failed, counts.skipped, counts.notRun, counts.cancelled, counts.total)
        print(result.stopReason ?? "", result.failure ?? "", result.durationMs, result.errors.count)
        for r in result.results {
            print(r.status == .success, r.output, r.durationMs, r.attempts, r.command, r.ok, r.error ?? "", r.exitCode ?? 0, r.stdout ?? "")
        }
    } catch {
        print(DiagnosticRenderer(color: true).render(error.diagnostics))
    }
    interpreter.cancel()
    let context = interpreter.context
    print(context.results.count, context.resultLimit, context.variables.count, context["sent.output"] ?? .null)
    do { try context.setVar("a.b", 3) } catch { print(error.description) }
    print(context.toJSON())
}

/// Output a host keeps instead of printing it.
final class LineCollector: TaskOutput {
    private let lines = SanitizerVisibleMutex([String]())

    func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, taskId: String, label: String) {
        let text = String(decoding: bytes, as: UTF8.self)
        lines.withLock { $0.append("\(stream == .stdout ? "out" : "err") \(taskId): \(text)") }
    }

    func finish(taskId: String) {}
}
