extension Value: Codable {
    /// Decodes any JSON value. Objects decoded through `Decoder` keep the decoder's key order.
    public init(from decoder: any Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var map = ValueMap()
            for key in keyed.allKeys {
                map[key.stringValue] = try keyed.decode(Value.self, forKey: key)
            }
            self = .map(map)
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var list: [Value] = []
            if let count = unkeyed.count { list.reserveCapacity(count) }
            while !unkeyed.isAtEnd { list.append(try unkeyed.decode(Value.self)) }
            self = .list(list)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let b = try? single.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? single.decode(Int.self) {
            self = .int(i)
        } else if let d = try? single.decode(Double.self) {
            self = .double(d)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// Encodes as JSON-shaped data; a duration is encoded as its text, such as `"2s"`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .int(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .double(let d):
            var c = encoder.singleValueContainer()
            if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .duration(let d):
            var c = encoder.singleValueContainer()
            try c.encode(Value.formatDuration(d))
        case .list(let l):
            var c = encoder.unkeyedContainer()
            for element in l { try c.encode(element) }
        case .map(let m):
            var c = encoder.container(keyedBy: AnyKey.self)
            for (k, v) in m { try c.encode(v, forKey: AnyKey(k)) }
        }
    }
}

/// A coding key for any string.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}
