import CScoutSystem
#if canImport(Glibc)
import Glibc
#endif

/// The state a `ProcessSupervisor` shares with its thread, and the calls that change it.
///
/// Everything mutable is inside `state` (a `Synchronization.Mutex`), so this class is `Sendable` without
/// `@unchecked`. The supervisor thread keeps its own per-child records to itself.
final class SupervisorCore: Sendable {
    /// Shared state; see `SupervisorSharedState`.
    let state = SanitizerVisibleMutex(SupervisorSharedState())

    /// Starts the supervisor thread (with its epoll and eventfd) unless it runs already.
    func startIfNeeded() throws(ProcessError) {
        let failure: ProcessError? = state.withLock { state in
            if state.started { return nil }
            let epollFD = cscout_epoll_create()
            if epollFD < 0 { return .spawnFailed(program: "process supervisor", errno: errno) }
            let wakeFD = cscout_eventfd_create()
            if wakeFD < 0 {
                let code = errno
                close(epollFD)
                return .spawnFailed(program: "process supervisor", errno: code)
            }
            if cscout_epoll_add(epollFD, wakeFD, CSCOUT_EPOLLIN, SupervisorLoop.wakeTag) != 0 {
                let code = errno
                close(epollFD)
                close(wakeFD)
                return .spawnFailed(program: "process supervisor", errno: code)
            }
            // A child whose SIGCHLD is ignored is reaped by the kernel and its status lost.
            _ = cscout_ensure_sigchld_default()
            // Each child takes up to five descriptors while it runs: a low soft limit would
            // fail tasks that the hard limit allows.
            _ = cscout_raise_open_file_limit()
            // Before any child exists: the watchdog kills the children's groups if this
            // process dies without ending them (SIGKILL).
            cscout_watchdog_start()

            // The thread blocks every signal (it inherits this mask), so signals meant for
            // the program go to its other threads, and a write to a closed stdin pipe
            // returns EPIPE instead of killing the process with SIGPIPE.
            var savedMask = sigset_t()
            cscout_block_all_signals(&savedMask)
            defer { cscout_restore_signals(&savedMask) }
            let context = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            let rc = pthread_create(&thread, nil, { context in
                let core = Unmanaged<SupervisorCore>.fromOpaque(context!).takeRetainedValue()
                cscout_set_thread_name("scout-procs")
                SupervisorLoop(core: core).run()
                return nil
            }, context)
            if rc != 0 {
                Unmanaged<SupervisorCore>.fromOpaque(context).release()
                close(epollFD)
                close(wakeFD)
                return .spawnFailed(program: "process supervisor", errno: rc)
            }
            pthread_detach(thread)
            state.epollFD = epollFD
            state.wakeFD = wakeFD
            state.started = true
            return nil
        }
        if let failure { throw failure }
    }

    /// The supervisor thread's descriptors (valid once started).
    var descriptors: (epoll: Int32, wake: Int32) {
        state.withLock { ($0.epollFD, $0.wakeFD) }
    }

    /// Records a just-spawned child as running and returns its id.
    func admit(pgid: Int32) -> UInt64 {
        state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.running[id] = RunningChild(pgid: pgid)
            return id
        }
    }

    /// How many children have ended so far.
    var endedCount: UInt64 {
        state.withLock { $0.endedCount }
    }

    /// Returns once a child ends after `seen` had ended, at once when one has or none runs.
    func waitForAChildToEnd(after seen: UInt64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.endedCount != seen || state.running.isEmpty { return true }
                state.endWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Hands a spawned child to the supervisor thread.
    func submit(_ registration: ChildRegistration) {
        state.withLock { state in
            state.pending.append(registration)
            Self.wake(&state)
        }
    }

    /// Asks the supervisor thread to terminate a child whose awaiting task was cancelled.
    func requestCancel(_ id: UInt64) {
        state.withLock { state in
            guard state.running[id] != nil else { return }
            state.running[id]!.cancelRequested = true
            state.cancelRequests.append(id)
            Self.wake(&state)
        }
    }

    /// Asks the supervisor thread to terminate every running child; false if none runs
    /// (the continuation is then not kept and must be resumed by the caller).
    func requestTerminateAll(_ request: TerminateAllRequest) -> Bool {
        state.withLock { state in
            guard state.started, !state.running.isEmpty else { return false }
            state.terminateRequests.append(request)
            Self.wake(&state)
            return true
        }
    }

    /// Tells the thread to end once idle (the owning supervisor is gone).
    func shutdown() {
        state.withLock { state in
            state.shutdownRequested = true
            if state.started { Self.wake(&state) }
        }
    }

    /// Signals the eventfd unless it is already signalled.
    private static func wake(_ state: inout SupervisorSharedState) {
        guard state.started, !state.wakeSignalled else { return }
        state.wakeSignalled = true
        _ = cscout_eventfd_signal(state.wakeFD)
    }
}
