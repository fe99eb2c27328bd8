/// `param NAME [: TYPE] [= DEFAULT]`: an option a script declares, set on the command line
/// as `--NAME VALUE` (`--NAME` alone for a bool). Without a default it is required.
package struct ScriptParameter: Sendable {
    /// The types a parameter can have; the command line's text is converted to it.
    package enum Kind: String, Sendable, CaseIterable {
        case string, int, float, bool, duration, list
    }

    /// The name: the variable, and the option `--NAME` (underscores also as dashes).
    package var name: Name
    /// The type, as written or taken from the default.
    package var kind: Kind
    /// Where the type was written, if it was.
    package var kindSpan: SourceSpan?
    /// The default, evaluated when the option is not given; nil makes the option required.
    package var defaultValue: Expression?

    /// The option as typed on the command line: `--dry-run` for `dry_run`.
    package var option: String { "--" + String(name.text.map { $0 == "_" ? "-" : $0 }) }
}


extension ScriptParameter {
    /// The type a default implies: `= 3` is an int, `= false` a bool, `= 30s` a duration.
    static func kind(of value: Expression) -> Kind {
        switch value.kind {
        case .literal(.int): return .int
        case .literal(.double): return .float
        case .literal(.bool): return .bool
        case .literal(.duration): return .duration
        case .list: return .list
        default: return .string
        }
    }

    /// What the placeholder of the option says in help: `--region TEXT`.
    package var placeholder: String {
        switch kind {
        case .string: return "TEXT"
        case .int: return "N"
        case .float: return "NUMBER"
        case .bool: return ""
        case .duration: return "DURATION"
        case .list: return "ITEM"
        }
    }

    /// The value of the option's text on the command line, or why it does not fit the type.
    /// A list parameter gets one item per use of the option.
    package func value(fromText text: String) -> Result<Value, ParameterTextError> {
        switch kind {
        case .string, .list:
            return .success(.string(text))
        case .int:
            guard let n = Int(text) else { return .failure(ParameterTextError("expects a whole number, not '\(text)'")) }
            return .success(.int(n))
        case .float:
            guard let d = Double(text), d.isFinite else { return .failure(ParameterTextError("expects a number, not '\(text)'")) }
            return .success(.double(d))
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "on", "1": return .success(.bool(true))
            case "false", "no", "off", "0": return .success(.bool(false))
            default: return .failure(ParameterTextError("expects true or false, not '\(text)'"))
            }
        case .duration:
            if let d = DurationUnit.parse(text) { return .success(.duration(d)) }
            if let s = Double(text), s.isFinite, s >= 0, s < 9e9 { return .success(.duration(.milliseconds(Int64((s * 1000).rounded())))) }
            return .failure(ParameterTextError("expects a duration such as 30s, 5m or 250ms, not '\(text)'"))
        }
    }
}

/// Why an option's text does not fit its parameter's type.
package struct ParameterTextError: Error, Sendable {
    /// What is wrong, for a message: "expects a whole number, not 'x'".
    package let message: String

    init(_ message: String) { self.message = message }
}
