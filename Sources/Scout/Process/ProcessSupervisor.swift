import CScoutSystem
#if canImport(Glibc)
import Glibc
#endif

/// Runs child processes and supervises them all from one dedicated thread.
///
/// `run` spawns the child on the calling thread with `posix_spawn` (in its own process
/// group, with a clean signal mask and default signal dispositions) and hands it to the
/// supervisor thread, a plain pthread that never runs Swift concurrency work. That thread
/// waits in `epoll` on every child's pipes and pidfd: it reads stdout and stderr as they
/// fill (a child writing megabytes never blocks), feeds stdin, enforces timeouts, and reaps
/// each child. When a child has exited and its output reached end-of-file (or
/// `ProcessSpec.outputDrainGrace` passed), whatever is left of its process group —
/// background processes it started — is killed with SIGKILL: a task never leaves
/// processes behind.
package final class ProcessSupervisor: Sendable {
    /// The supervisor the program normally uses; its thread starts on first use.
    package static let shared = ProcessSupervisor()

    private let core = SupervisorCore()

    /// Creates an independent supervisor; its thread starts on first use and ends after
    /// the supervisor is released.
    package init() {}

    deinit {
        core.shutdown()
    }

    /// Runs `spec` to completion and returns what happened.
    ///
    /// A non-zero exit, a signal, a timeout or a cancellation is reported in the outcome;
    /// only a child that could not be started throws a `ProcessError`. If the awaiting task
    /// is cancelled, the child's process group gets SIGTERM, then SIGKILL after
    /// `spec.killGrace`, and the outcome has `cancelled == true`. `onOutput` is called on the
    /// supervisor thread with each chunk as it arrives; it must not block.
    package func run(_ spec: ProcessSpec, onOutput: ProcessOutputHandler? = nil) async throws(ProcessError) -> ProcessOutcome {
        try core.startIfNeeded()
        let child = try await launchWhenDescriptorsAllow(spec)
        cscout_watchdog_watch(child.pid)
        let id = core.admit(pgid: child.pid)
        let core = self.core
        let registration = { (continuation: CheckedContinuation<ProcessOutcome, Never>) in
            ChildRegistration(
                id: id, child: child, timeout: spec.timeout, killGrace: spec.killGrace,
                drainGrace: spec.outputDrainGrace, captureLimit: spec.captureLimit,
                onOutput: onOutput, continuation: continuation)
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                core.submit(registration(continuation))
            }
        } onCancel: {
            core.requestCancel(id)
        }
    }

    /// Starts `spec` in the background and returns at once with its pid; the child runs
    /// until it exits or ``BackgroundProcess/stop()`` ends it. Throws a `ProcessError` when
    /// it cannot be started. `onOutput` is called as for ``run(_:onOutput:)``.
    package func start(_ spec: ProcessSpec, onOutput: ProcessOutputHandler? = nil) throws(ProcessError) -> BackgroundProcess {
        try core.startIfNeeded()
        let child = try ProcessLauncher.launch(spec)
        cscout_watchdog_watch(child.pid)
        let id = core.admit(pgid: child.pid)
        let core = self.core
        let ended = SanitizerVisibleMutex<ProcessOutcome?>(nil)
        let waiting = Task {
            let outcome = await withCheckedContinuation { continuation in
                core.submit(ChildRegistration(
                    id: id, child: child, timeout: spec.timeout, killGrace: spec.killGrace,
                    drainGrace: spec.outputDrainGrace, captureLimit: spec.captureLimit,
                    onOutput: onOutput, continuation: continuation))
            }
            ended.withLock { $0 = outcome }
            return outcome
        }
        return BackgroundProcess(pid: child.pid, waiting: waiting, ended: ended, requestStop: { core.requestCancel(id) })
    }

    /// Launches the child; while the process is out of descriptors (EMFILE, ENFILE) and
    /// running children will free some as they end, waits for the next one to end rather
    /// than failing. (Not with a timer: a dispatch timer may itself need a descriptor.) A task
    /// cancelled while it waits gets the launch's error: its child was never started.
    private func launchWhenDescriptorsAllow(_ spec: ProcessSpec) async throws(ProcessError) -> LaunchedChild {
        while true {
            let seen = core.endedCount
            do {
                return try ProcessLauncher.launch(spec)
            } catch {
                guard case .spawnFailed(_, let code) = error, code == EMFILE || code == ENFILE, runningCount > 0 else { throw error }
                await core.waitForAChildToEnd(after: seen)
                if Task.isCancelled { throw error }
            }
        }
    }

    /// How many children are running (spawned and not yet reaped).
    package var runningCount: Int {
        core.state.withLock { $0.running.count }
    }

    /// The process group ids of the running children, in ascending order.
    package func runningProcessGroups() -> [Int32] {
        core.state.withLock { $0.running.values.map(\.pgid) }.sorted()
    }

    /// Sends `signal` to every running child's process group (for Ctrl-C handling by the CLI).
    package func signalAll(_ signal: Int32) {
        core.state.withLock { state in
            // Under the lock: a child leaves `running` before it is reaped, so each group
            // id here still names that child's group.
            for child in state.running.values {
                kill(-child.pgid, signal)
            }
        }
    }

    /// TERM every running group, wait up to `grace`, KILL what is left, and return once every child is reaped.
    ///
    /// The runs of those children return outcomes with `cancelled == true`.
    package func terminateAll(grace: Duration) async {
        let core = self.core
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !core.requestTerminateAll(TerminateAllRequest(grace: grace, continuation: continuation)) {
                continuation.resume()
            }
        }
    }
}
