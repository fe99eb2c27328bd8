/// Ends one task's command on its host when the task times out or is cancelled.
///
/// Killing the local `ssh` alone would leave the remote command running (without a terminal
/// nothing tells it its connection is gone), so ``end(_:)`` sends SIGTERM to the remote
/// process group over a second connection, then SIGKILL once the local `ssh` has ended (the
/// group's output closed: a last sweep) or the grace has passed (the group is still there).
/// The local `ssh` normally ends by itself as the remote group dies; if it has not shortly
/// after the SIGKILL, it is ended too. If the group id has not arrived yet, the kill waits
/// for it; when it does not come within ``pgidWait`` the local `ssh` is ended anyway.
final class SSHTaskControl: Sendable {
    /// Why the task is being ended.
    enum Reason: Sendable, Equatable {
        case timeout
        case cancel
    }

    /// How long an ended task waits for the remote group id before ending its local ssh.
    static let pgidWait: Duration = .seconds(5)
    /// How long the local ssh may take to end after its remote group was sent SIGKILL.
    static let localGrace: Duration = .seconds(2)

    private struct State {
        var pgid: Int32?
        var reason: Reason?
        var finished = false
        var kill: Task<Bool, Never>?
        var watchdog: Task<Void, Never>?
        var endLocal: (@Sendable () -> Void)?
    }

    private let state = SanitizerVisibleMutex(State())
    private let grace: Duration
    private let signal: @Sendable (_ pgid: Int32, _ signal: String) async -> Void

    /// A control that waits `grace` between SIGTERM and SIGKILL and sends a signal to a
    /// remote group with `signal(pgid, "TERM")`.
    init(grace: Duration, signal: @escaping @Sendable (_ pgid: Int32, _ signal: String) async -> Void) {
        self.grace = grace
        self.signal = signal
    }

    /// How to end the local ssh (cancel the task running it).
    func attach(endLocal: @escaping @Sendable () -> Void) {
        state.withLock { $0.endLocal = endLocal }
    }

    /// The remote process group id arrived.
    func sawPgid(_ pgid: Int32) {
        state.withLock { s in
            s.pgid = pgid
            if s.reason != nil, !s.finished, s.kill == nil { startKill(&s, pgid: pgid) }
        }
    }

    /// The task timed out or was cancelled: end its remote group, then its local ssh.
    func end(_ reason: Reason) {
        state.withLock { s in
            guard !s.finished, s.reason == nil else { return }
            s.reason = reason
            if let pgid = s.pgid {
                startKill(&s, pgid: pgid)
            } else {
                let endLocal = s.endLocal
                s.watchdog = Task {
                    do { try await Task.sleep(for: Self.pgidWait) } catch { return }
                    endLocal?()
                }
            }
        }
    }

    /// The local ssh ended: no kill starts after this. Returns why it was ended (nil when it
    /// ended by itself) and the remote kill, if one was started, to wait for; the kill's
    /// value is true when the group outlived the grace.
    func finish() -> (reason: Reason?, kill: Task<Bool, Never>?) {
        state.withLock { s in
            s.finished = true
            s.watchdog?.cancel()
            return (s.reason, s.kill)
        }
    }

    private func startKill(_ s: inout State, pgid: Int32) {
        s.watchdog?.cancel()
        s.watchdog = nil
        let (signal, grace, endLocal) = (self.signal, self.grace, s.endLocal)
        s.kill = Task { [self] in
            await signal(pgid, "TERM")
            let ended = await localEnds(within: grace)
            await signal(pgid, "KILL")
            if !ended, await !localEnds(within: Self.localGrace) { endLocal?() }
            return !ended
        }
    }

    /// Waits until the local ssh has ended, at most `limit`; true when it has.
    private func localEnds(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !state.withLock({ $0.finished }) {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}
