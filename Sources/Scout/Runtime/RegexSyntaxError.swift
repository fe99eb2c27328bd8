/// Why a pattern is not a regular expression ``ScoutRegex`` accepts.
///
/// ```swift
/// do { _ = try ScoutRegex("(a") } catch { error.description }  // "missing ')' at offset 2"
/// ```
package struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package let message: String
    /// Where, in Unicode scalars from the start of the pattern.
    package let offset: Int

    /// An error at a scalar offset of the pattern.
    package init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    package var description: String { "\(message) at offset \(offset)" }
}
