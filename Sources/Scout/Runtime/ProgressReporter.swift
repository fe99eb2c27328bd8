/// Receives the executor's progress events and hands them to handlers, streams and a history.
///
/// ```swift
/// let reporter = ProgressReporter()
/// reporter.on { event in print("\(event.status): \(event.message)") }
/// reporter.on(.complete) { event in print(event.metadata) }
/// executor.setReporter(reporter)
/// ```
public final class ProgressReporter: Sendable {
    /// A handler for events.
    public typealias Handler = @Sendable (ProgressEvent) async -> Void

    struct State: Sendable {
        var handlers: [(id: Int, status: Status?, handler: Handler)] = []
        var continuations: [Int: AsyncStream<ProgressEvent>.Continuation] = [:]
        var history: [ProgressEvent] = []
        var nextID = 0
    }

    private let state = SanitizerVisibleMutex(State())
    /// How many events the history keeps (the most recent).
    public let historyLimit: Int

    /// A reporter keeping at most `historyLimit` events in its history.
    public init(historyLimit: Int = 10_000) {
        self.historyLimit = historyLimit
    }

    /// Registers a handler for every event, or only for events of `status`. Returns an id for ``remove(_:)``.
    @discardableResult
    public func on(_ status: Status? = nil, _ handler: @escaping Handler) -> Int {
        state.withLock { s in
            s.nextID += 1
            s.handlers.append((s.nextID, status, handler))
            return s.nextID
        }
    }

    /// Removes a handler registered with ``on(_:_:)``.
    public func remove(_ id: Int) {
        state.withLock { s in s.handlers.removeAll { $0.id == id } }
    }

    /// A stream of the events emitted from now on; it ends when ``finish()`` is called. It keeps
    /// every event until it is read, whatever the history limit.
    public func events() -> AsyncStream<ProgressEvent> {
        let (stream, continuation) = AsyncStream<ProgressEvent>.makeStream(bufferingPolicy: .unbounded)
        let id = state.withLock { s in
            s.nextID += 1
            s.continuations[s.nextID] = continuation
            return s.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every stream returned by ``events()``.
    public func finish() {
        let continuations = state.withLock { s in
            let c = Array(s.continuations.values)
            s.continuations.removeAll()
            return c
        }
        for c in continuations { c.finish() }
    }

    /// The most recent events, oldest first.
    public var history: [ProgressEvent] { state.withLock { Array($0.history.suffix(historyLimit)) } }

    /// Forgets the history.
    public func clearHistory() { state.withLock { $0.history.removeAll() } }

    /// Delivers an event to the history, the streams and the handlers (in registration order).
    public func emit(_ event: ProgressEvent) async {
        let (handlers, continuations) = state.withLock { s in
            if historyLimit > 0 {
                // Trimmed in batches so that each event costs O(1) on average.
                if s.history.count >= 2 * historyLimit { s.history.removeFirst(s.history.count - historyLimit) }
                s.history.append(event)
            }
            // The lists themselves, not copies: a handler added meanwhile gets the next event.
            return (s.handlers, s.continuations.isEmpty ? [] : Array(s.continuations.values))
        }
        for c in continuations { c.yield(event) }
        for h in handlers where h.status == nil || h.status == event.status { await h.handler(event) }
    }

    /// True when an event would reach someone: a handler, a stream or the history.
    package var isListened: Bool {
        historyLimit > 0 || state.withLock { !$0.handlers.isEmpty || !$0.continuations.isEmpty }
    }
}
