import CScoutSystem
#if canImport(Glibc)
import Glibc
#endif

/// The supervisor thread's event loop: one `epoll` over every child's pipes and pidfd and
/// an eventfd for new work; deadlines come from the epoll timeout (CLOCK_MONOTONIC).
///
/// Lifecycle of a child: its pipes are read until end-of-file as data arrives; its stdin
/// bytes are written as the pipe accepts them; when its pidfd becomes readable it has
/// exited (it stays an unreaped zombie, which keeps its pid and process group id from
/// being reused). Once both pipes reached end-of-file, or `drainGrace` after the exit if a
/// background grandchild keeps them open, the loop sends SIGKILL to the whole process
/// group — always, so that no background process outlives its task, as CI runners do —
/// then reaps the child with `waitpid` and resumes the awaiting task.
final class SupervisorLoop {
    /// The epoll tag of the wake eventfd. Child tags are `id << 3 | role`, ids >= 1.
    static let wakeTag: UInt64 = 0
    /// Tag role of a child's stdout pipe.
    static let stdoutRole: UInt64 = 1
    /// Tag role of a child's stderr pipe.
    static let stderrRole: UInt64 = 2
    /// Tag role of a child's stdin pipe.
    static let stdinRole: UInt64 = 3
    /// Tag role of a child's pidfd.
    static let pidfdRole: UInt64 = 4
    /// Bytes read per `read` call.
    static let readSize = 64 * 1024
    /// Reads per readiness event before other descriptors get their turn.
    static let readsPerEvent = 8

    private let core: SupervisorCore
    private let epollFD: Int32
    private let wakeFD: Int32
    private var children: [UInt64: SupervisedChild] = [:]
    private var waiters: [TerminationWaiter] = []
    private let scratch: UnsafeMutableRawBufferPointer

    /// A loop for `core`'s thread (which must be started).
    init(core: SupervisorCore) {
        self.core = core
        (epollFD, wakeFD) = core.descriptors
        scratch = .allocate(byteCount: Self.readSize, alignment: 16)
    }

    deinit {
        scratch.deallocate()
    }

    /// Runs until the owning supervisor is gone and no child is left.
    func run() {
        let capacity = Int(CSCOUT_EPOLL_MAX_EVENTS)
        var tags = [UInt64](repeating: 0, count: capacity)
        var events = [UInt32](repeating: 0, count: capacity)
        while true {
            let count = cscout_epoll_wait(epollFD, &tags, &events, Int32(capacity), timeoutMilliseconds())
            if count > 0 {
                for index in 0..<Int(count) {
                    dispatch(tag: tags[index], events: events[index])
                }
            }
            if absorbSharedWork() { break }
            handleDeadlines(now: MonotonicTime.now())
        }
        close(epollFD)
        close(wakeFD)
    }

    // MARK: - Events

    private func dispatch(tag: UInt64, events: UInt32) {
        if tag == Self.wakeTag {
            _ = cscout_eventfd_drain(wakeFD)
            return
        }
        guard let child = children[tag >> 3] else { return }
        switch tag & 7 {
        case Self.stdoutRole: readOutput(child, .stdout)
        case Self.stderrRole: readOutput(child, .stderr)
        case Self.stdinRole: writeInput(child)
        case Self.pidfdRole: childExited(child)
        default: break
        }
        if child.isDone { finish(child) }
    }

    /// Reads what is available (bounded, for fairness); closes the pipe at end-of-file.
    private func readOutput(_ child: SupervisedChild, _ kind: OutputStreamKind) {
        let fd = kind == .stdout ? child.stdoutFD : child.stderrFD
        guard fd >= 0 else { return }
        for _ in 0..<Self.readsPerEvent {
            let n = read(fd, scratch.baseAddress, scratch.count)
            if n > 0 {
                deliver(UnsafeRawBufferPointer(rebasing: scratch[0..<n]), kind, child)
                if n < scratch.count { return }  // Drained; epoll says when there is more.
            } else if n == 0 {
                closeOutput(child, kind)
                return
            } else if errno == EINTR {
                continue
            } else {
                if errno != EAGAIN && errno != EWOULDBLOCK { closeOutput(child, kind) }
                return
            }
        }
    }

    private func deliver(_ bytes: UnsafeRawBufferPointer, _ kind: OutputStreamKind, _ child: SupervisedChild) {
        switch kind {
        case .stdout: child.stdout.append(bytes)
        case .stderr: child.stderr.append(bytes)
        }
        if let onOutput = child.onOutput {
            onOutput(kind, Array(bytes.bindMemory(to: UInt8.self))[...])
        }
    }

    private func closeOutput(_ child: SupervisedChild, _ kind: OutputStreamKind) {
        switch kind {
        case .stdout:
            closeDescriptor(&child.stdoutFD)
        case .stderr:
            closeDescriptor(&child.stderrFD)
        }
    }

    /// Writes as much stdin as the pipe takes; closes it when done or when nobody reads.
    private func writeInput(_ child: SupervisedChild) {
        guard child.stdinFD >= 0 else { return }
        while child.stdinOffset < child.stdinBytes.count {
            let n = child.stdinBytes.withUnsafeBytes { bytes in
                write(child.stdinFD, bytes.baseAddress! + child.stdinOffset, bytes.count - child.stdinOffset)
            }
            if n > 0 {
                child.stdinOffset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                break  // EPIPE (the signal is blocked on this thread) or another error.
            }
        }
        closeDescriptor(&child.stdinFD)
    }

    /// The pidfd became readable: the child exited and is a zombie until `finish`.
    private func childExited(_ child: SupervisedChild) {
        guard child.exitTime == nil else { return }
        let now = MonotonicTime.now()
        child.exitTime = now
        closeDescriptor(&child.pidfd)
        closeDescriptor(&child.stdinFD)
        closeDescriptor(&child.heldStdinFD)
        child.timeoutDeadline = nil
        child.killDeadline = nil
        if !child.isDone {
            child.drainDeadline = now &+ child.drainGraceNanoseconds
        }
    }

    private func closeDescriptor(_ fd: inout Int32) {
        guard fd >= 0 else { return }
        _ = cscout_epoll_remove(epollFD, fd)
        close(fd)
        fd = -1
    }

    // MARK: - Termination

    /// SIGTERM to the group now (unless sent already), SIGKILL after `grace`.
    private func terminate(_ child: SupervisedChild, graceNanoseconds: Int64, now: Int64) {
        child.timeoutDeadline = nil
        let killAt = now &+ graceNanoseconds
        if child.terminating {
            child.killDeadline = min(child.killDeadline ?? killAt, killAt)
            return
        }
        child.terminating = true
        kill(-child.pid, SIGTERM)
        kill(-child.pid, SIGCONT)  // A stopped process acts on SIGTERM only once continued.
        child.killDeadline = killAt
    }

    /// Stops a child on request (task cancellation or `terminateAll`): terminate it if it
    /// still runs; if it already exited, stop waiting for its output.
    private func stop(_ child: SupervisedChild, graceNanoseconds: Int64) {
        if child.exitTime == nil {
            child.cancelled = true
            terminate(child, graceNanoseconds: graceNanoseconds, now: MonotonicTime.now())
        } else {
            closeOutputsAfterLastRead(child)
            finish(child)
        }
    }

    private func closeOutputsAfterLastRead(_ child: SupervisedChild) {
        readOutput(child, .stdout)
        readOutput(child, .stderr)
        closeOutput(child, .stdout)
        closeOutput(child, .stderr)
    }

    private func handleDeadlines(now: Int64) {
        var expired: [SupervisedChild] = []
        for child in children.values {
            if let deadline = child.nextDeadline, deadline <= now { expired.append(child) }
        }
        for child in expired {
            if child.exitTime != nil {
                closeOutputsAfterLastRead(child)
                finish(child)
                continue
            }
            if let deadline = child.timeoutDeadline, deadline <= now {
                child.timedOut = true
                terminate(child, graceNanoseconds: child.killGraceNanoseconds, now: now)
            }
            if let deadline = child.killDeadline, deadline <= now {
                child.killDeadline = nil
                kill(-child.pid, SIGKILL)
            }
        }
    }

    /// Milliseconds until the earliest deadline (rounded up), or -1 for none.
    private func timeoutMilliseconds() -> Int32 {
        var earliest: Int64?
        for child in children.values {
            if let deadline = child.nextDeadline { earliest = min(earliest ?? deadline, deadline) }
        }
        guard let earliest else { return -1 }
        let remaining = earliest - MonotonicTime.now()
        if remaining <= 0 { return 0 }
        let milliseconds = (remaining + 999_999) / 1_000_000
        return Int32(clamping: milliseconds)
    }

    // MARK: - Work from other threads

    /// Takes new children, cancellations and `terminateAll` calls; true when the loop
    /// should end (the supervisor is gone and nothing is left).
    private func absorbSharedWork() -> Bool {
        let (registrations, cancelFlags, cancels, terminations, shutdown) = core.state.withLock { state in
            state.wakeSignalled = false
            let registrations = state.pending
            let cancelFlags = registrations.map { state.running[$0.id]?.cancelRequested ?? false }
            let cancels = state.cancelRequests
            let terminations = state.terminateRequests.map { ($0, Set(state.running.keys)) }
            state.pending = []
            state.cancelRequests = []
            state.terminateRequests = []
            let shutdown = state.shutdownRequested && state.running.isEmpty
            return (registrations, cancelFlags, cancels, terminations, shutdown)
        }
        for (registration, cancelled) in zip(registrations, cancelFlags) {
            register(registration, cancelled: cancelled)
        }
        for id in cancels {
            if let child = children[id] { stop(child, graceNanoseconds: child.killGraceNanoseconds) }
        }
        for (request, ids) in terminations {
            let grace = MonotonicTime.nanoseconds(request.grace)
            waiters.append(TerminationWaiter(remaining: ids, graceNanoseconds: grace, continuation: request.continuation))
            for id in ids {
                if let child = children[id] { stop(child, graceNanoseconds: grace) }
            }
        }
        resumeSatisfiedWaiters()
        return shutdown && children.isEmpty
    }

    private func register(_ registration: ChildRegistration, cancelled: Bool) {
        let child = SupervisedChild(registration)
        let id = child.id
        var ok = cscout_epoll_add(epollFD, child.stdoutFD, CSCOUT_EPOLLIN, id << 3 | Self.stdoutRole) == 0
        ok = ok && cscout_epoll_add(epollFD, child.stderrFD, CSCOUT_EPOLLIN, id << 3 | Self.stderrRole) == 0
        if child.stdinFD >= 0 {
            ok = ok && cscout_epoll_add(epollFD, child.stdinFD, CSCOUT_EPOLLOUT, id << 3 | Self.stdinRole) == 0
        }
        ok = ok && cscout_epoll_add(epollFD, child.pidfd, CSCOUT_EPOLLIN, id << 3 | Self.pidfdRole) == 0
        children[id] = child
        guard ok else {
            // The kernel refused to watch it (out of memory or watches): do not leave it
            // running unsupervised. Kill the group and wait for the leader here.
            kill(-child.pid, SIGKILL)
            child.cancelled = true
            child.exitTime = MonotonicTime.now()
            closeDescriptor(&child.stdoutFD)
            closeDescriptor(&child.stderrFD)
            closeDescriptor(&child.stdinFD)
            closeDescriptor(&child.heldStdinFD)
            closeDescriptor(&child.pidfd)
            finish(child)
            return
        }
        if cancelled {
            stop(child, graceNanoseconds: child.killGraceNanoseconds)
        }
        for waiter in waiters where waiter.remaining.contains(id) {
            if children[id] != nil { stop(child, graceNanoseconds: waiter.graceNanoseconds) }
        }
    }

    // MARK: - Completion

    /// Kills what is left of the group, reaps the child, and resumes its task.
    private func finish(_ child: SupervisedChild) {
        guard children.removeValue(forKey: child.id) != nil else { return }
        closeDescriptor(&child.stdinFD)
        closeDescriptor(&child.heldStdinFD)
        closeDescriptor(&child.pidfd)
        // The leader is an unreaped zombie, so its process group id still names this group.
        kill(-child.pid, SIGKILL)
        cscout_watchdog_forget(child.pid)
        // Its descriptors are closed: a launch waiting for some may try again.
        let launches = core.state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running.removeValue(forKey: child.id)
            state.endedCount &+= 1
            defer { state.endWaiters.removeAll() }
            return state.endWaiters
        }
        for launch in launches { launch.resume() }
        var rawStatus: Int32 = 0
        var reaped: Int32
        repeat {
            reaped = waitpid(child.pid, &rawStatus, 0)
        } while reaped < 0 && errno == EINTR
        let status: TerminationStatus
        if reaped != child.pid {
            status = .exited(-1)  // Reaped by someone else: the status is lost.
        } else if cscout_wifsignaled(rawStatus) != 0 {
            status = .signaled(cscout_wtermsig(rawStatus))
        } else {
            status = .exited(cscout_wexitstatus(rawStatus))
        }
        let exitTime = child.exitTime ?? MonotonicTime.now()
        let outcome = ProcessOutcome(
            pid: child.pid, status: status,
            stdout: child.stdout.bytes, stderr: child.stderr.bytes,
            stdoutDroppedBytes: child.stdout.droppedBytes, stderrDroppedBytes: child.stderr.droppedBytes,
            timedOut: child.timedOut, cancelled: child.cancelled,
            duration: .nanoseconds(exitTime - child.spawnTime))
        child.continuation.resume(returning: outcome)
        for index in waiters.indices {
            waiters[index].remaining.remove(child.id)
        }
        resumeSatisfiedWaiters()
    }

    /// Resumes `terminateAll` calls whose children are all reaped.
    private func resumeSatisfiedWaiters() {
        guard !waiters.isEmpty else { return }
        var index = 0
        while index < waiters.count {
            if waiters[index].remaining.isEmpty {
                waiters.remove(at: index).continuation.resume()
            } else {
                index += 1
            }
        }
    }
}
