/// The dynamic value of the Scout language: JSON-shaped, plus durations.
///
/// ```swift
/// let v: Value = ["name": "scout", "tags": ["ci", "batch"], "retries": 3]
/// v["tags"]?[1]   // .string("batch")
/// v.isTruthy      // true
/// ```
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case duration(Duration)
    case list([Value])
    case map(ValueMap)
}

extension Value {
    /// Truthiness: `false`, `null`, `0`, `0.0`, a zero duration, `""`, `[]` and `{}` are false; all else is true.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .duration(let d): return d != .zero
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        }
    }

    /// The name of the value's type, as error messages show it.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "string"
        case .duration: return "duration"
        case .list: return "list"
        case .map: return "map"
        }
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The string, when the value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer, when the value is an int or an integral float.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int(d)
        default: return nil
        }
    }

    /// The number as a `Double`, when the value is an int or a float.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The bool, when the value is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, when the value is a list.
    public var listValue: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }

    /// The map, when the value is one.
    public var mapValue: ValueMap? {
        if case .map(let m) = self { return m }
        return nil
    }

    /// A field of a map. When a map has no such field but has an `output` map, the field
    /// is looked up there: `git_status.branch` reads `git_status.output.branch`.
    public func member(_ name: String) -> Value? {
        guard case .map(let m) = self else { return nil }
        if let v = m[name] { return v }
        if case .map(let output)? = m["output"] { return output[name] }
        return nil
    }

    /// An element of a list (negative indexes count from the end); `nil` past either end.
    public subscript(index: Int) -> Value? {
        guard case .list(let l) = self else { return nil }
        let i = index < 0 ? l.count + index : index
        guard l.indices.contains(i) else { return nil }
        return l[i]
    }

    /// A field of a map, with the `output` fallthrough of ``member(_:)``.
    public subscript(key: String) -> Value? {
        member(key)
    }
}

extension Value: Equatable {
    /// Numbers compare by value across int and float (`1 == 1.0`); other kinds compare structurally.
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int(let a), .double(let b)): return Double(a) == b
        case (.double(let a), .int(let b)): return a == Double(b)
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)): return a == b
        default: return false
        }
    }
}

extension Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(1); hasher.combine(b)
        case .int(let i): hasher.combine(2); hasher.combine(Double(i))
        case .double(let d): hasher.combine(2); hasher.combine(d)
        case .string(let s): hasher.combine(3); hasher.combine(s)
        case .duration(let d): hasher.combine(4); hasher.combine(d)
        case .list(let l): hasher.combine(5); hasher.combine(l)
        case .map(let m): hasher.combine(6); hasher.combine(m)
        }
    }
}

extension Value: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        var m = ValueMap()
        for (k, v) in elements { m[k] = v }
        self = .map(m)
    }
}
