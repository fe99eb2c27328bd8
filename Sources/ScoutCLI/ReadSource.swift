import Dispatch

/// A dispatch read source. Dispatch sources may be resumed and cancelled from any thread
/// (libdispatch synchronises them), which is all this program does with them.
struct ReadSource: @unchecked Sendable {
    let source: any DispatchSourceRead
}
