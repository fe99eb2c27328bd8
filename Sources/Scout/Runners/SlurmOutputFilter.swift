/// Passes a step's output on to a task's ``ProcessOutputHandler`` as it comes: standard
/// output as is, standard error through a ``SlurmStderrFilter``.
final class SlurmOutputFilter: Sendable {
    private let target: ProcessOutputHandler?
    private let filter = SanitizerVisibleMutex(SlurmStderrFilter())

    init(_ target: ProcessOutputHandler?) {
        self.target = target
    }

    /// The handler to give the supervisor; nil when there is no one to pass output to.
    var handler: ProcessOutputHandler? {
        guard target != nil else { return nil }
        return { [self] stream, bytes in receive(stream, bytes) }
    }

    private func receive(_ stream: OutputStreamKind, _ bytes: ArraySlice<UInt8>) {
        guard let target else { return }
        guard stream == .stderr else { return target(stream, bytes) }
        let passed = filter.withLock { $0.feed(bytes) }
        if !passed.isEmpty { target(.stderr, passed[...]) }
    }

    /// Passes on what is still held; call once the step has ended.
    func finish() {
        guard let target else { return }
        let rest = filter.withLock { $0.finish() }
        if !rest.isEmpty { target(.stderr, rest[...]) }
    }
}
