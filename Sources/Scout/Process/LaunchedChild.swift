/// A child just spawned: its pid and the parent's ends of its pipes, all owned by whoever
/// holds this value next (the supervisor loop, once it is submitted).
struct LaunchedChild: Sendable {
    /// The child's pid, also its process group id.
    var pid: Int32
    /// A pidfd for the child; readable once it has exited.
    var pidfd: Int32
    /// Read end of the child's stdout pipe (non-blocking).
    var stdoutFD: Int32
    /// Read end of the child's stderr pipe (non-blocking).
    var stderrFD: Int32
    /// Write end of the child's stdin pipe (non-blocking), or -1 when there is none.
    var stdinFD: Int32
    /// The bytes to write to `stdinFD`.
    var stdinBytes: [UInt8]
    /// Write end of a stdin pipe held open and never written (``ProcessSpec/Input/held``),
    /// or -1.
    var heldStdinFD: Int32
    /// CLOCK_MONOTONIC nanoseconds just before `posix_spawn`.
    var spawnTime: Int64
}
