/// A usage error: a bad flag, a missing file. Printed as `scout: error: ...`, exit status 2.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    var description: String { message }
}
