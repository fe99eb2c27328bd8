#if canImport(Glibc)
import Glibc
#endif

/// Where tasks write what they print: the terminal (streamed, grouped or prefixed), a
/// buffer in tests, or nowhere.
public protocol TaskOutput: Sendable {
    /// Bytes a task wrote to one of its streams.
    func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, taskId: String, label: String)
    /// The task will write no more (grouped output flushes here).
    func finish(taskId: String)
    /// Bytes a background service wrote (under `key`, finished when the service stops):
    /// shown line by line with its label, never held back behind other tasks.
    func writeService(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, key: String, label: String)
    /// Whether ``write(_:stream:taskId:label:)`` reads its `label` (false: it is given empty,
    /// and not worked out for every write).
    var readsLabels: Bool { get }
}

extension TaskOutput {
    /// Labels are worked out for every write unless an output says it does not read them.
    public var readsLabels: Bool { true }

    /// Writes a service's bytes as a task's.
    public func writeService(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, key: String, label: String) {
        write(bytes, stream: stream, taskId: key, label: label)
    }
}

/// Writes task output straight to the process's stdout and stderr.
public struct StandardOutput: TaskOutput {
    /// The passthrough output.
    public init() {}

    public func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, taskId: String, label: String) {
        FileDescriptorWriter.writeAll(stream == .stdout ? 1 : 2, bytes)
    }

    public func finish(taskId: String) {}
}

/// Discards task output.
public struct DiscardedOutput: TaskOutput {
    /// The discarding output.
    public init() {}
    public func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind, taskId: String, label: String) {}
    public func finish(taskId: String) {}
}

/// Writes whole buffers to file descriptors, retrying short writes and interrupted calls.
/// What goes to stdout and stderr is masked with ``SecretMask/standardStreams`` first.
public enum FileDescriptorWriter {
    /// Writes every byte, or stops at the first error (a closed pipe). Returns false on error.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        if fd == 1 || fd == 2, !SecretMask.standardStreams.isEmpty {
            return write(fd, SecretMask.standardStreams.mask(bytes)[...])
        }
        return write(fd, bytes)
    }

    private static func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Writes a string.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        writeAll(fd, Array(text.utf8)[...])
    }
}
