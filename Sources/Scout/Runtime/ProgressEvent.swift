#if canImport(Glibc)
import Glibc
#endif

/// One progress event: `batch:start`, `task:<i>:<command>` with a status, `batch:complete`.
public struct ProgressEvent: Sendable, Equatable {
    /// `batch:start`, `batch:complete`, or `task:<index>:<command>`.
    public var taskId: String
    /// What happened.
    public var status: Status
    /// A line a person can read.
    public var message: String
    /// Details: `duration_ms`, `attempt`, `delay_ms`, `success_count`, `error`, ...
    public var metadata: ValueMap
    /// Seconds since 1970.
    public var timestamp: Double

    /// An event stamped with the current time.
    public init(taskId: String, status: Status, message: String, metadata: ValueMap = ValueMap(), timestamp: Double? = nil) {
        self.taskId = taskId
        self.status = status
        self.message = message
        self.metadata = metadata
        self.timestamp = timestamp ?? ProgressEvent.currentTime()
    }

    static func currentTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The event as a map: `task_id`, `status`, `message`, `metadata`, `timestamp`.
    public func toValue() -> Value {
        .map(ValueMap([
            ("task_id", .string(taskId)),
            ("status", .string(status.rawValue)),
            ("message", .string(message)),
            ("metadata", .map(metadata)),
            ("timestamp", .double(timestamp)),
        ]))
    }

    /// One line of NDJSON.
    public func jsonLine() -> String { toValue().jsonText() }
}
