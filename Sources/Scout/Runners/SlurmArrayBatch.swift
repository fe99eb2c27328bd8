#if canImport(Glibc)
import Glibc
#endif

/// Runs many commands as one Slurm array job (`sbatch --array=0-(N-1) --wait`) rather than
/// N job steps: for a large `parallel for` whose body is a single `run`, one submission
/// instead of N, and the scheduler sees one job.
///
/// Each command gets a script of its own in a fresh directory under the `directory` given
/// to ``run(_:label:directory:parallelLimit:timeout:)``, which must be on a file system the
/// cluster's nodes share with this machine (see ``SlurmArrayScript``); its output goes to
/// files there (`--output=DIR/%a.out --error=DIR/%a.err`), read when the job has ended, so
/// nothing streams. The directory is removed afterwards. More commands than
/// ``maxArraySize`` are split into several array jobs, submitted together.
///
/// Each outcome is its command's: the exit status, output and error; `timedOut` when the
/// command's own `timeout` ended it. An index that never finished (the batch's timeout or
/// cancellation, ``shutdown()``, or Slurm ending it: its time limit, a node failure) ends
/// `killed by SIGKILL`, with `timedOut` or `cancelled` when that is why. A job Slurm refuses
/// throws ``RunnerError/engine(_:)`` with Slurm's reason.
package final class SlurmArrayBatch: Sendable {
    let settings: SlurmSettings
    let supervisor: ProcessSupervisor
    let control: SlurmControl
    let names: SlurmJobNames
    /// The most indexes one array job gets (Slurm's `MaxArraySize` is 1001 unless configured).
    let maxArraySize: Int

    package init(settings: SlurmSettings, supervisor: ProcessSupervisor, environment: [String: String] = [:], maxArraySize: Int = 1000) {
        self.settings = settings
        self.supervisor = supervisor
        self.control = SlurmControl(supervisor: supervisor, environment: environment)
        self.names = SlurmJobNames(processID: getpid())
        self.maxArraySize = max(1, maxArraySize)
    }

    /// What the name of every job of this batch runner starts with.
    package var jobNamePrefix: String { names.prefix }

    /// Runs `specs`, at most `parallelLimit` at once when given (`--array=...%LIMIT`), the
    /// whole batch within `timeout` when given; outcome `i` is `specs[i]`'s.
    package func run(
        _ specs: [ProcessSpec], label: String, directory: String, parallelLimit: Int? = nil, timeout: Duration? = nil
    ) async throws(RunnerError) -> [ProcessOutcome] {
        if specs.isEmpty { return [] }
        let chunks = stride(from: 0, to: specs.count, by: maxArraySize).map { Array(specs[$0..<min($0 + maxArraySize, specs.count)]) }
        let limit = parallelLimit.map { max(1, $0 / chunks.count) }
        do {
            return try await withThrowingTaskGroup(of: (Int, [ProcessOutcome]).self) { group in
                for (number, chunk) in chunks.enumerated() {
                    group.addTask {
                        (number, try await self.runChunk(chunk, label: label, directory: directory, parallelLimit: limit, timeout: timeout))
                    }
                }
                var results = [[ProcessOutcome]](repeating: [], count: chunks.count)
                for try await (number, outcomes) in group { results[number] = outcomes }
                return results.flatMap { $0 }
            }
        } catch let error as RunnerError {
            throw error
        } catch {
            throw .engine("slurm array job failed: \(error)")
        }
    }

    /// Cancels every job of this batch runner that Slurm still lists; safe to call again.
    package func shutdown() async {
        await control.cancel(prefix: names.prefix)
    }

    /// One array job for up to ``maxArraySize`` commands.
    private func runChunk(
        _ specs: [ProcessSpec], label: String, directory: String, parallelLimit: Int?, timeout: Duration?
    ) async throws(RunnerError) -> [ProcessOutcome] {
        guard let sbatch = control.path(of: "sbatch") else { throw .process(.commandNotFound("sbatch")) }
        let files = try SlurmArrayFiles(under: directory, count: specs.count)
        defer { files.remove() }
        try files.write(Array(SlurmArrayScript.job(directory: files.directory).utf8), to: files.jobScript)
        for (index, spec) in specs.enumerated() {
            let script = try SlurmArrayScript.task(spec, inputPath: files.path(index, ".in"))
            try files.write(Array(script.utf8), to: files.path(index, ".sh"))
            if case .bytes(let bytes) = spec.input { try files.write(bytes, to: files.path(index, ".in")) }
        }
        let name = names.next(label: label)
        let array = "--array=0-\(specs.count - 1)" + (parallelLimit.map { "%\($0)" } ?? "")
        let argv = [sbatch, "--parsable", "--wait", "--job-name=" + name, array]
            + SlurmStepCommand.resourceFlags(settings)
            + ["--export=ALL", "--output=" + files.directory + "/%a.out", "--error=" + files.directory + "/%a.err", files.jobScript]
        let submit = ProcessSpec(
            program: .argv(argv), workingDirectory: files.directory, environmentOverrides: control.environment, timeout: timeout)
        let batch: ProcessOutcome
        do { batch = try await supervisor.run(submit) } catch { throw .process(error) }
        if batch.timedOut || batch.cancelled { await control.cancel(names: [name]) }
        let submitted = String(decoding: batch.stdout, as: UTF8.self).split(separator: "\n").contains {
            $0.split(separator: ";").first?.allSatisfy(\.isNumber) ?? false
        }
        if !submitted, !batch.timedOut, !batch.cancelled {
            throw .engine(SlurmRefusal.message(Self.reason(batch.stderr)))
        }
        return specs.indices.map { outcome($0, spec: specs[$0], files: files, batch: batch) }
    }

    private func outcome(_ index: Int, spec: ProcessSpec, files: SlurmArrayFiles, batch: ProcessOutcome) -> ProcessOutcome {
        let out = files.tail(files.path(index, ".out"), limit: spec.captureLimit)
        let err = files.tail(files.path(index, ".err"), limit: spec.captureLimit)
        var result = ProcessOutcome(
            pid: batch.pid, status: .signaled(SIGKILL), stdout: out.bytes, stderr: err.bytes,
            stdoutDroppedBytes: out.dropped, stderrDroppedBytes: err.dropped, duration: batch.duration)
        if let code = files.status(index) {
            result.status = .exited(code)
            result.timedOut = spec.timeout != nil && code == 124
            // A command the batch's end stopped may still record its status (143 after the
            // job's TERM): it did not fail on its own.
            if code != 0, batch.cancelled || batch.timedOut {
                result.cancelled = batch.cancelled
                result.timedOut = result.timedOut || batch.timedOut
            }
        } else {
            result.timedOut = batch.timedOut
            result.cancelled = batch.cancelled
        }
        return result
    }

    /// The reason in `sbatch`'s error output: its last `sbatch: error:` line, or the last line.
    static func reason(_ stderr: [UInt8]) -> String {
        let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n").map(String.init)
        var errors: [String] = []
        for line in lines {
            for prefix in ["sbatch: error: ", "sbatch: fatal: "] where line.hasPrefix(prefix) {
                errors.append(String(line.dropFirst(prefix.count)))
            }
        }
        return errors.last ?? lines.last ?? "sbatch failed"
    }
}
