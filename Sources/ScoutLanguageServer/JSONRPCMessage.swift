import Scout

/// One message read from the client: a request (answered), a notification (not answered)
/// or a response to something the server asked (ignored).
enum JSONRPCMessage: Sendable {
    case request(id: Value, method: String, params: Value)
    case notification(method: String, params: Value)
    case response(id: Value)

    /// The message in a body, or the error to answer it with (and the id, when one was read).
    static func decode(_ body: [UInt8]) -> Result<JSONRPCMessage, DecodingFailure> {
        let value: Value
        do {
            value = try JSONParser.parse(body)
        } catch {
            return .failure(DecodingFailure(id: .null, error: JSONRPCError(JSONRPCError.parseError, "invalid JSON: \(error.message)")))
        }
        guard case .map(let object) = value else {
            return .failure(DecodingFailure(id: .null, error: JSONRPCError(JSONRPCError.invalidRequest, "a message must be a JSON object")))
        }
        let id = object["id"]
        if let id {
            switch id {
            case .int, .string: break
            case .null where object["method"] == nil: break
            default:
                return .failure(DecodingFailure(id: .null, error: JSONRPCError(JSONRPCError.invalidRequest, "an id must be a number or a string")))
            }
        }
        guard let method = object["method"] else {
            if let id, object["result"] != nil || object["error"] != nil { return .success(.response(id: id)) }
            return .failure(DecodingFailure(id: id ?? .null, error: JSONRPCError(JSONRPCError.invalidRequest, "a message needs a method")))
        }
        guard case .string(let name) = method else {
            return .failure(DecodingFailure(id: id ?? .null, error: JSONRPCError(JSONRPCError.invalidRequest, "a method must be a string")))
        }
        let params = object["params"] ?? .null
        if let id { return .success(.request(id: id, method: name, params: params)) }
        return .success(.notification(method: name, params: params))
    }

    /// A message that could not be read, and what to answer.
    struct DecodingFailure: Error, Sendable {
        var id: Value
        var error: JSONRPCError
    }
}
