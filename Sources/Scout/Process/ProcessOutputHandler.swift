/// Called on the supervisor thread with each chunk of a child's output as it arrives, in
/// order per stream. It must not block: every child's I/O waits while it runs. The slice
/// is a whole fresh array (its `startIndex` is 0); it is also appended to the capture.
package typealias ProcessOutputHandler = @Sendable (OutputStreamKind, ArraySlice<UInt8>) -> Void
