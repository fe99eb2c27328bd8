/// What callers on any thread may know about a child between spawn and reap.
struct RunningChild: Sendable {
    /// The child's process group id (its pid).
    var pgid: Int32
    /// The awaiting task was cancelled; the supervisor loop terminates the child as soon
    /// as it holds its registration.
    var cancelRequested = false
}
