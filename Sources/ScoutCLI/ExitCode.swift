/// An exit status as an error, for a `Result`.
struct ExitCode: Error {
    let status: Int32
    init(_ status: Int32) { self.status = status }
}
