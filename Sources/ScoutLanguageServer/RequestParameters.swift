import Scout

/// Reads the members of a request's parameters, throwing the error to answer when one is
/// missing or of the wrong type.
struct RequestParameters {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    func member(_ path: String...) -> Value? {
        var v: Value? = value
        for key in path {
            guard case .map(let m)? = v else { return nil }
            v = m[key]
        }
        return v
    }

    func string(_ path: String...) throws(JSONRPCError) -> String {
        var v: Value? = value
        for key in path {
            guard case .map(let m)? = v else { v = nil; break }
            v = m[key]
        }
        guard case .string(let s)? = v else { throw missing(path, "a string") }
        return s
    }

    func int(_ path: String...) throws(JSONRPCError) -> Int {
        var v: Value? = value
        for key in path {
            guard case .map(let m)? = v else { v = nil; break }
            v = m[key]
        }
        guard let i = v?.intValue, i >= 0, i <= Int(Int32.max) else { throw missing(path, "a number from 0") }
        return i
    }

    /// `textDocument.uri`.
    func uri() throws(JSONRPCError) -> String { try string("textDocument", "uri") }

    /// `position`, as the protocol's position.
    func position() throws(JSONRPCError) -> PositionEncoding.Position {
        PositionEncoding.Position(line: try int("position", "line"), character: try int("position", "character"))
    }

    private func missing(_ path: [String], _ what: String) -> JSONRPCError {
        JSONRPCError(JSONRPCError.invalidParams, "params.\(path.joined(separator: ".")) must be \(what)")
    }
}
