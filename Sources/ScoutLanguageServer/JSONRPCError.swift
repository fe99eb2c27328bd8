import Scout

/// A JSON-RPC error: its code and message, as a response's `error` member.
struct JSONRPCError: Error, Sendable, Equatable {
    var code: Int
    var message: String

    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603
    static let serverNotInitialized = -32002
    static let requestFailed = -32803
    static let requestCancelled = -32800

    init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The `error` member of a response.
    var value: Value { ["code": .int(code), "message": .string(message)] }
}
