/// A strict JSON parser (RFC 8259) producing ``Value``s with object keys in document order.
///
/// ```swift
/// let v = try JSONParser.parse(#"{"steps": [1, 2.5, "x"]}"#)
/// ```
package struct JSONParser {
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    /// When recording: the byte range of each value down to ``maxRecordedDepth`` levels, by
    /// its path (`3.args.cmd`: the key `cmd` of the key `args` of the fourth element).
    private var positions: [String: Range<Int>]?
    private var path: [String] = []
    private static let maxRecordedDepth = 4

    /// Nesting deeper than this is an error rather than a stack overflow (``Value/maxDepth``).
    package static let maxDepth = Value.maxDepth

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document; surrounding whitespace is allowed, anything else after it is an error.
    package static func parse(_ text: String) throws(JSONParseError) -> Value {
        try parse(Array(text.utf8))
    }

    /// Parses one JSON document from UTF-8 bytes.
    package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> Value {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.i < bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses one JSON document and tells where its values are: the byte range of each value
    /// down to four levels, by its path of keys and indexes joined by dots (`3.args.cmd`),
    /// so that messages about a value can point into the text.
    package static func parseWithPositions(_ bytes: [UInt8]) throws(JSONParseError) -> (value: Value, positions: [String: Range<Int>]) {
        var parser = JSONParser(bytes)
        parser.positions = [:]
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.i < bytes.count { throw parser.error("unexpected text after the JSON value") }
        return (value, parser.positions ?? [:])
    }

    private mutating func parseRecorded(_ segment: String) throws(JSONParseError) -> Value {
        guard positions != nil, path.count < JSONParser.maxRecordedDepth else { return try parseValue() }
        path.append(segment)
        defer { path.removeLast() }
        let start = i
        let value = try parseValue()
        positions?[path.joined(separator: ".")] = start..<i
        return value
    }

    private func error(_ message: String) -> JSONParseError {
        var line = 1
        var column = 1
        for b in bytes[..<min(i, bytes.count)] {
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(message: message, line: line, column: column, offset: i)
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> Value {
        guard i < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character '\(Unicode.Scalar(bytes[i]))', expected a value")
        }
    }

    private mutating func literal(_ word: String, _ value: Value) throws(JSONParseError) -> Value {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
            throw error("invalid literal, expected '\(word)'")
        }
        i += w.count
        return value
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func parseObject() throws(JSONParseError) -> Value {
        try enter()
        defer { depth -= 1 }
        i += 1
        var map = ValueMap()
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
            return .map(map)
        }
        while true {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
            i += 1
            skipWhitespace()
            map[key] = try parseRecorded(key)
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input, expected ',' or '}'") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
            } else if bytes[i] == UInt8(ascii: "}") {
                i += 1
                return .map(map)
            } else {
                throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> Value {
        try enter()
        defer { depth -= 1 }
        i += 1
        var list: [Value] = []
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            i += 1
            return .list(list)
        }
        while true {
            skipWhitespace()
            list.append(try parseRecorded(String(list.count)))
            skipWhitespace()
            guard i < bytes.count else { throw error("unexpected end of input, expected ',' or ']'") }
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
            } else if bytes[i] == UInt8(ascii: "]") {
                i += 1
                return .list(list)
            } else {
                throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> Value {
        let start = i
        var isInteger = true
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number") }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: digits expected after '.'") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: digits expected in the exponent") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if isInteger, let n = Int(text) { return .int(n) }
        guard let d = Double(text) else { throw error("invalid number") }
        return .double(d)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func parseString() throws(JSONParseError) -> String {
        i += 1  // opening quote
        var out: [UInt8] = []
        var runStart = i
        // Only bytes of the text itself can be invalid UTF-8 (escapes make valid UTF-8): a
        // string of ASCII bytes is made without validating it, and one without escapes
        // straight from the text.
        var ascii = true
        var escaped = false
        while true {
            guard i < bytes.count else { throw error("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                if !escaped, ascii {
                    let text = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[runStart..<i]), as: UTF8.self) }
                    i += 1
                    return text
                }
                out.append(contentsOf: bytes[runStart..<i])
                i += 1
                break
            }
            if b < 0x20 { throw error("control character in a string") }
            if b >= 0x80 { ascii = false }
            if b != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            escaped = true
            out.append(contentsOf: bytes[runStart..<i])
            i += 1
            guard i < bytes.count else { throw error("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00 {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate in \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw error("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    throw error("unpaired surrogate in \\u escape")
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                i -= 1
                throw error("invalid escape '\\\(Unicode.Scalar(e))'")
            }
            runStart = i
        }
        if ascii { return String(decoding: out, as: UTF8.self) }
        guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
        return s
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }
}

/// A JSON syntax error with its place in the text.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    package var message: String
    /// 1-based line of the error.
    package var line: Int
    /// 1-based column (in characters) of the error.
    package var column: Int
    /// Byte offset of the error.
    package var offset: Int

    package var description: String { "\(line):\(column): \(message)" }
}
