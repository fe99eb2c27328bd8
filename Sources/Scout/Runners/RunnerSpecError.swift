/// Why a runner written in a script, a task list or on the command line is not one.
package struct RunnerSpecError: Error, Sendable, Equatable {
    /// For a person: what is wrong and what would be right.
    package let message: String

    init(_ message: String) {
        self.message = message
    }
}
