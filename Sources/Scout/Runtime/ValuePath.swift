/// A path into nested values, as `BatchContext.getVar` takes it: `result.output`,
/// `items[0].name`, `m["key with spaces"]`, `items.0` (a number after a dot indexes a list).
package struct ValuePath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    package enum Segment: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps, the first always a key (the variable's name).
    package var segments: [Segment]

    /// The variable a path starts from.
    package var root: String {
        if case .key(let k) = segments[0] { return k }
        return ""
    }

    /// A path of the given steps.
    package init(_ segments: [Segment]) {
        self.segments = segments
    }

    /// Parses a path; `nil` when the text is not a path.
    package init?(parsing text: String) {
        var segments: [Segment] = []
        let bytes = Array(text.utf8)
        var i = 0
        func readName() -> String? {
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "."), bytes[i] != UInt8(ascii: "[") { i += 1 }
            guard i > start else { return nil }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        guard let first = readName() else { return nil }
        segments.append(.key(first))
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard let name = readName() else { return nil }
                if let n = Int(name), n >= 0 { segments.append(.index(n)) } else { segments.append(.key(name)) }
            } else {
                i += 1  // "["
                if i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                    let quote = bytes[i]
                    i += 1
                    let start = i
                    while i < bytes.count, bytes[i] != quote { i += 1 }
                    guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "]") else { return nil }
                    segments.append(.key(String(decoding: bytes[start..<i], as: UTF8.self)))
                    i += 2
                } else {
                    let start = i
                    while i < bytes.count, bytes[i] != UInt8(ascii: "]") { i += 1 }
                    guard i < bytes.count,
                        let n = Int(String(decoding: bytes[start..<i], as: UTF8.self))
                    else { return nil }
                    segments.append(.index(n))
                    i += 1
                }
            }
        }
        self.segments = segments
    }

    package var description: String {
        var out = ""
        for (n, s) in segments.enumerated() {
            switch s {
            case .key(let k): out += n == 0 ? k : "." + k
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }
}

extension Value {
    /// The value at `segments` below this one, or `nil` when some step does not exist.
    package func lookup(_ segments: ArraySlice<ValuePath.Segment>) -> Value? {
        var current = self
        for segment in segments {
            switch segment {
            case .key(let k):
                guard let next = current.member(k) else { return nil }
                current = next
            case .index(let i):
                if case .map = current {
                    guard let next = current.member(String(i)) else { return nil }
                    current = next
                } else {
                    guard let next = current[i] else { return nil }
                    current = next
                }
            }
        }
        return current
    }

    /// Sets the value at `segments` below this one, creating maps for missing keys.
    /// Throws when a step goes through a value that is neither a map nor a list, or past a list's end.
    package mutating func assign(_ newValue: Value, at segments: ArraySlice<ValuePath.Segment>) throws(ValuePathError) {
        guard let first = segments.first else {
            self = newValue
            return
        }
        let rest = segments.dropFirst()
        switch (first, self) {
        case (.key(let k), .map(var m)):
            var child = m[k] ?? .null
            if child.isNull, !rest.isEmpty { child = .map(ValueMap()) }
            self = .null  // release the reference so the map is mutated in place
            try child.assign(newValue, at: rest)
            m[k] = child
            self = .map(m)
        case (.key(let k), .null):
            var child: Value = .null
            if !rest.isEmpty { child = .map(ValueMap()) }
            try child.assign(newValue, at: rest)
            self = .map(ValueMap([(k, child)]))
        case (.index(let i), .list(var l)):
            let index = i < 0 ? l.count + i : i
            guard l.indices.contains(index) else { throw .indexOutOfRange(i, count: l.count) }
            var child = l[index]
            self = .null
            try child.assign(newValue, at: rest)
            l[index] = child
            self = .list(l)
        case (.index(let i), .map):
            try assign(newValue, at: [.key(String(i))] + rest)
        default:
            throw .notAContainer(typeName)
        }
    }
}

/// Why a value could not be set at a path.
public enum ValuePathError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPath(String)
    case notAContainer(String)
    case indexOutOfRange(Int, count: Int)

    public var description: String {
        switch self {
        case .invalidPath(let p): return "'\(p)' is not a variable path"
        case .notAContainer(let type): return "cannot set a field inside a \(type)"
        case .indexOutOfRange(let i, let count): return "index \(i) is out of range for a list of \(count)"
        }
    }
}
