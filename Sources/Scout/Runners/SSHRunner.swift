#if canImport(Glibc)
import Glibc
#endif

/// Runs tasks on a pool of hosts over OpenSSH (`ssh` from `PATH`): `use ssh(hosts: [...],
/// per_host: N)`.
///
/// Each task takes a slot on the least busy host with one free (``SSHHostPool``) and runs
/// through that host's master connection (``SSHControlMasters``) under a small remote
/// wrapper (``SSHCommandLine``): its directory, its environment overrides (only those) and
/// its input go with it; its status, stdout and stderr come back apart, as a local run's.
/// A timeout or the cancellation of the awaiting task ends the remote process group
/// (``SSHTaskControl``). An `ssh` that cannot reach its host (status 255 before the wrapper
/// started) is the host's failure, not the task's: the task moves to another host, and a
/// host failing `maxHostFailures` times in a row leaves the pool. With no host left, `run`
/// throws ``RunnerError/engine(_:)`` naming each host with its last ssh error.
package final class SSHRunner: ProcessRunner {
    let settings: SSHSettings
    let supervisor: ProcessSupervisor
    let pool: SSHHostPool
    let masters: SSHControlMasters

    package init(settings: SSHSettings, supervisor: ProcessSupervisor) {
        self.settings = settings
        self.supervisor = supervisor
        self.pool = SSHHostPool(hosts: settings.hosts, perHost: settings.perHost, maxFailures: settings.maxHostFailures)
        self.masters = SSHControlMasters(settings: settings, supervisor: supervisor)
    }

    /// What one try on one host came to.
    enum Attempt: Sendable {
        case done(ProcessOutcome)
        case hostDown(String)
    }

    package func run(_ spec: ProcessSpec, label: String, onOutput: ProcessOutputHandler?) async throws(RunnerError) -> ProcessOutcome {
        if case .argv(let argv) = spec.program, argv.isEmpty { throw .process(.emptyArgv) }
        var avoiding: Set<Int> = []
        var failures = 0
        let limit = max(1, settings.hosts.count) * max(1, settings.maxHostFailures)
        while true {
            let slot: SSHHostPool.Slot
            switch await pool.acquire(avoiding: avoiding) {
            case .cancelled: return Self.cancelledBeforeStart()
            case .unreachable(let message): throw .engine(message)
            case .slot(let granted): slot = granted
            }
            let attempt: Attempt
            do {
                attempt = try await self.attempt(spec, slot: slot, onOutput: onOutput)
            } catch {
                pool.release(slot)
                throw error
            }
            switch attempt {
            case .done(let outcome):
                pool.release(slot)
                return outcome
            case .hostDown(let message):
                pool.recordFailure(slot.host, message: message)
                pool.release(slot)
                avoiding.insert(slot.host)
                failures += 1
                if Task.isCancelled { return Self.cancelledBeforeStart() }
                if failures >= limit, !pool.liveHosts().isEmpty { throw .engine("no ssh host took the task after \(failures) tries: \(pool.lastErrors())") }
            }
        }
    }

    package func shutdown() async {
        await masters.shutdown()
    }

    /// The pids of the master connections running now.
    package func masterPids() -> [Int32] {
        masters.runningPids()
    }

    /// Runs `spec` once on the slot's host.
    private func attempt(_ spec: ProcessSpec, slot: SSHHostPool.Slot, onOutput: ProcessOutputHandler?) async throws(RunnerError) -> Attempt {
        let host = pool.name(slot.host)
        let controlPath: String
        switch try await masters.connection(host: slot.host, name: host, slot: slot.number) {
        case .hostDown(let message): return .hostDown(message)
        case .ready(let path): controlPath = path
        }
        if Task.isCancelled { return .done(Self.cancelledBeforeStart()) }
        if !spec.uploads.isEmpty {
            let local = spec.workingDirectory.map { $0 + "/" } ?? ""
            if let missing = spec.uploads.first(where: { access(local + $0, F_OK) != 0 }) {
                return .done(Self.failed("upload: no such file here: \(missing)"))
            }
            let argv = SSHCommandLine.upload(spec, settings: settings, host: host, controlPath: controlPath)
            if let error = await copy(argv, in: spec.workingDirectory) {
                return .done(Self.failed("upload to \(host) failed: \(error)"))
            }
        }

        let (settings, supervisor) = (self.settings, self.supervisor)
        let control = SSHTaskControl(grace: spec.killGrace) { pgid, signal in
            await Self.signalRemote(pgid: pgid, signal: signal, host: host, controlPath: controlPath, settings: settings, supervisor: supervisor)
        }
        let filter = SSHOutputFilter(onOutput: onOutput) { control.sawPgid($0) }
        let local = ProcessSpec(
            program: .argv(SSHCommandLine.task(spec, settings: settings, host: host, controlPath: controlPath)),
            input: spec.input == .null ? .held : spec.input, timeout: spec.timeout.map { $0 + spec.killGrace + .seconds(10) }, killGrace: spec.killGrace,
            captureLimit: spec.captureLimit, outputDrainGrace: spec.outputDrainGrace)
        let handler = filter.handler
        // Not a child task: cancelling the awaiting task must not kill the local ssh before
        // the remote group is ended.
        let running = Task { () -> Result<ProcessOutcome, ProcessError> in
            do throws(ProcessError) { return .success(try await supervisor.run(local, onOutput: handler)) } catch { return .failure(error) }
        }
        control.attach { running.cancel() }
        let timer = spec.timeout.map { limit in
            Task {
                do { try await Task.sleep(for: limit) } catch { return }
                control.end(.timeout)
            }
        }
        let result = await withTaskCancellationHandler {
            await running.value
        } onCancel: {
            control.end(.cancel)
        }
        timer?.cancel()
        let (reason, kill) = control.finish()
        let escalated = await kill?.value ?? false

        let outcome: ProcessOutcome
        switch result {
        case .failure(let error): throw .process(error)
        case .success(let ended): outcome = ended
        }
        let ended = reason != nil || outcome.timedOut || outcome.cancelled
        // ssh exits with 255 when it cannot connect; the remote shell's own statuses and the
        // wrapper's markers say it did.
        let reached = filter.pgid != nil || (outcome.status != .exited(255) && !ended)
        if !reached, !ended {
            filter.finish(discard: true)
            let line = SSHOutputFilter.lastLine(outcome.stderr)
            return .hostDown(line.isEmpty ? "ssh exited with status 255" : line)
        }
        filter.finish(discard: false)
        // The command started, then ssh failed with no word from the wrapper: the connection
        // was lost (the host went down, or its sshd). A host failure: the task runs again on
        // another host, after an attempt (bounded) to end what may still run on this one.
        if let pgid = filter.pgid, filter.exitStatus == nil, outcome.status == .exited(255), !ended {
            await Self.signalRemote(pgid: pgid, signal: "KILL", host: host, controlPath: controlPath, settings: settings, supervisor: supervisor)
            let line = SSHOutputFilter.lastLine(SSHOutputFilter.strippingMarkers(outcome.stderr))
            return .hostDown("lost the connection while a task ran" + (line.isEmpty ? "" : ": " + line))
        }
        if reached { pool.recordSuccess(slot.host) }
        if filter.directoryMissing, let directory = spec.workingDirectory {
            throw .process(.workingDirectoryNotFound("\(host):\(directory)"))
        }
        var done = ProcessOutcome(
            pid: outcome.pid, status: Self.status(outcome, exit: filter.exitStatus, reason: reason, escalated: escalated),
            stdout: outcome.stdout, stderr: SSHOutputFilter.strippingMarkers(outcome.stderr),
            stdoutDroppedBytes: outcome.stdoutDroppedBytes, stderrDroppedBytes: outcome.stderrDroppedBytes,
            timedOut: reason == .timeout || outcome.timedOut,
            cancelled: reason == .cancel || (reason == nil && outcome.cancelled),
            duration: outcome.duration)
        // What the command wrote comes back whatever its status, unless it was ended here.
        if !spec.downloads.isEmpty, !ended {
            let argv = SSHCommandLine.download(spec, settings: settings, host: host, controlPath: controlPath)
            if let error = await copy(argv, in: spec.workingDirectory) {
                let line = "download from \(host) failed: \(error)\n"
                onOutput?(.stderr, Array(line.utf8)[...])
                done.stderr += Array(line.utf8)
                if done.status == .exited(0) { done.status = .exited(1) }
            }
        }
        return .done(done)
    }

    /// Runs a copy (``SSHCommandLine/upload(_:settings:host:controlPath:)`` or `download`)
    /// in `directory`; its error's last line when it fails, else nil.
    private func copy(_ argv: [String], in directory: String?) async -> String? {
        let spec = ProcessSpec(program: .argv(argv), workingDirectory: directory, timeout: .seconds(3600))
        do {
            let outcome = try await supervisor.run(spec)
            if outcome.status == .exited(0) { return nil }
            let line = SSHOutputFilter.lastLine(outcome.stderr)
            return line.isEmpty ? outcome.status.description : line
        } catch {
            return error.description
        }
    }

    /// A task that failed here before its command ran (a copy failed).
    static func failed(_ message: String) -> ProcessOutcome {
        ProcessOutcome(pid: 0, status: .exited(1), stdout: [], stderr: Array((message + "\n").utf8))
    }

    /// The command's status: as the wrapper reported it; a signal when the task was ended
    /// here (the wrapper dies with its group and reports nothing, or reports 128+N for the
    /// signal sent); otherwise what the local ssh saw.
    static func status(_ outcome: ProcessOutcome, exit: Int32?, reason: SSHTaskControl.Reason?, escalated: Bool) -> TerminationStatus {
        let ended = reason != nil || outcome.timedOut || outcome.cancelled
        if let exit {
            if ended, exit == 128 + SIGTERM || exit == 128 + SIGKILL { return .signaled(exit - 128) }
            return .exited(exit)
        }
        if ended { return .signaled(escalated ? SIGKILL : SIGTERM) }
        return outcome.status
    }

    /// The outcome of a task cancelled before its command started anywhere.
    static func cancelledBeforeStart() -> ProcessOutcome {
        ProcessOutcome(pid: 0, status: .signaled(SIGTERM), stdout: [], stderr: [], cancelled: true)
    }

    /// Sends `signal` to process group `pgid` on `host` over a second connection.
    static func signalRemote(pgid: Int32, signal: String, host: String, controlPath: String, settings: SSHSettings, supervisor: ProcessSupervisor) async {
        let argv = SSHCommandLine.kill(settings, host: host, controlPath: controlPath, pgid: pgid, signal: signal)
        _ = try? await supervisor.run(ProcessSpec(program: .argv(argv), timeout: .seconds(15)))
    }
}
