/// The type a command parameter accepts.
public enum ParameterType: Sendable, Hashable {
    case string
    case int
    case number
    case bool
    /// A duration, or a number of seconds.
    case duration
    case list
    case map
    /// A list of strings, or one string.
    case strings
    /// A shell command line (a string, whose `${...}` are shell-quoted) or an argv list.
    case shellCommand
    case any

    /// How the type is named in messages: "a string", "a duration".
    public var description: String {
        switch self {
        case .string: return "a string"
        case .int: return "an int"
        case .number: return "a number"
        case .bool: return "true or false"
        case .duration: return "a duration (such as 30s) or a number of seconds"
        case .list: return "a list"
        case .map: return "a map"
        case .strings: return "a string or a list of strings"
        case .shellCommand: return "a command line (string) or an argv list"
        case .any: return "any value"
        }
    }

    /// `value` converted to this type, or nil when it does not fit.
    package func coerce(_ value: Value) -> Value? {
        switch (self, value) {
        case (.any, _): return value
        case (.string, .string), (.bool, .bool), (.int, .int), (.list, .list), (.map, .map), (.duration, .duration): return value
        case (.int, .double): return value.intValue.map(Value.int)
        case (.number, .int), (.number, .double): return value
        case (.duration, .int(let i)) where i >= 0 && i < 9_200_000_000: return .duration(.seconds(i))
        case (.duration, .double(let d)) where d >= 0 && d < 9.2e9: return .duration(.nanoseconds(Int64(d * 1e9)))
        case (.duration, .string(let s)): return DurationUnit.parse(s).map(Value.duration)
        case (.strings, .string): return .list([value])
        case (.strings, .list(let l)) where l.allSatisfy({ $0.stringValue != nil }): return value
        case (.shellCommand, .string): return value
        case (.shellCommand, .list(let l)) where !l.isEmpty && l.allSatisfy({ $0.stringValue != nil }): return value
        default: return nil
        }
    }
}
