/// Bounds on what one run may use; exceeding one ends the run with an error naming it.
public struct ScriptLimits: Sendable, Hashable {
    /// The longest a run may take, or nil.
    public var wallClock: Duration?
    /// The most tasks a run may start.
    public var maxTasks: Int
    /// The most iterations all `for` loops of a run may make together.
    public var maxLoopIterations: Int
    /// How deep user commands may call each other.
    public var maxCallDepth: Int
    /// The largest string (bytes) or list (elements) an expression may build.
    public var maxValueSize: Int
    /// The most bytes of each output stream a task keeps in its result.
    public var maxCapturedOutput: Int

    /// Limits; the defaults suit the command line.
    public init(
        wallClock: Duration? = nil, maxTasks: Int = 10_000_000, maxLoopIterations: Int = 100_000_000,
        maxCallDepth: Int = 200, maxValueSize: Int = 256 << 20, maxCapturedOutput: Int = 1 << 20
    ) {
        self.wallClock = wallClock
        self.maxTasks = maxTasks
        self.maxLoopIterations = maxLoopIterations
        self.maxCallDepth = maxCallDepth
        self.maxValueSize = maxValueSize
        self.maxCapturedOutput = maxCapturedOutput
    }
}
