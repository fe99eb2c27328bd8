/// A command tasks can run: its name, parameters, and the work it does.
///
/// ```swift
/// let greet = CommandSpec("greet", summary: "says hello", parameters: [
///     ParameterSpec("name", .string, required: true, positional: true),
/// ]) { call in
///     call.print("hello \(call.string("name") ?? "")")
///     return .success(output: .string("hello"))
/// }
/// ```
public struct CommandSpec: Sendable {
    /// The work: receives the bound arguments; a thrown error makes the task a failure.
    public typealias Body = @Sendable (CommandCall) async throws -> TaskResult

    /// The name scripts call it by.
    public var name: String
    /// One line for `scout help` and `scout commands`.
    public var summary: String
    /// Its parameters, in positional order.
    public var parameters: [ParameterSpec]
    /// Whether named arguments beyond the declared ones are accepted (plugins take any).
    public var acceptsOtherArguments: Bool
    /// The capability the command needs, if any.
    public var capability: Capability?
    /// Where the command comes from: "built-in", "plugin /usr/bin/scout-x", "host", "script".
    public var origin: String
    /// What it does.
    public var body: Body

    /// A command.
    public init(
        _ name: String, summary: String, parameters: [ParameterSpec] = [], acceptsOtherArguments: Bool = false,
        capability: Capability? = nil, origin: String = "host", body: @escaping Body
    ) {
        self.name = name
        self.summary = summary
        self.parameters = parameters
        self.acceptsOtherArguments = acceptsOtherArguments
        self.capability = capability
        self.origin = origin
        self.body = body
    }

    /// The parameter called `name`.
    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }

    /// True when argument (label, position) is a shell command line.
    package func isShellArgument(label: String?, position: Int) -> Bool {
        if let label { return parameter(label)?.type == .shellCommand }
        var k = 0
        for p in parameters where p.positional {
            if k == position { return p.type == .shellCommand }
            k += 1
        }
        return false
    }

    /// Binds evaluated arguments to parameters: positional ones in order, named ones by name;
    /// checks required parameters and types. The words of an error name the argument.
    package func bind(positional: [Value], named: ValueMap, autoJSONFlags: Set<String> = []) throws(BindingError) -> ValueMap {
        var bound = ValueMap()
        var remaining = positional[...]
        for p in parameters where p.positional {
            if p.variadic {
                if remaining.isEmpty, named[p.name] != nil { break }
                bound[p.name] = .list(Array(remaining))
                remaining = []
                break
            }
            guard let v = remaining.popFirst() else { break }
            bound[p.name] = v
        }
        if let extra = remaining.first {
            let count = parameters.filter(\.positional).count
            throw .tooManyPositional(command: name, accepted: count, got: positional.count, first: extra)
        }
        for (key, value) in named {
            if bound[key] != nil { throw .duplicate(command: name, argument: key) }
            if parameter(key) == nil, !acceptsOtherArguments {
                if autoJSONFlags.contains(key) { continue }
                throw .unknown(command: name, argument: key, suggestion: Suggestion.closest(to: key, in: parameters.map(\.name)))
            }
            bound[key] = value
        }
        for p in parameters {
            guard let v = bound[p.name] else {
                if p.required { throw .missing(command: name, argument: p.name) }
                continue
            }
            if p.variadic {
                // Given by name, a single value is the one element of the list.
                if v.listValue == nil { bound[p.name] = .list([v]) }
                continue
            }
            guard let converted = p.type.coerce(v) else {
                throw .wrongType(command: name, argument: p.name, expected: p.type.description, got: Operators.article(v))
            }
            bound[p.name] = converted
        }
        return bound
    }
}

/// Arguments that do not fit a command's parameters.
package enum BindingError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(command: String, argument: String, suggestion: String?)
    case missing(command: String, argument: String)
    case duplicate(command: String, argument: String)
    case wrongType(command: String, argument: String, expected: String, got: String)
    case tooManyPositional(command: String, accepted: Int, got: Int, first: Value)

    package var description: String {
        switch self {
        case .unknown(let c, let a, let s):
            return "\(c) has no argument '\(a)'" + (s.map { " (did you mean '\($0)'?)" } ?? "")
        case .missing(let c, let a): return "\(c) needs the argument '\(a)'"
        case .duplicate(let c, let a): return "argument '\(a)' of \(c) is given twice"
        case .wrongType(let c, let a, let expected, let got): return "argument '\(a)' of \(c) must be \(expected), not \(got)"
        case .tooManyPositional(let c, let accepted, let got, _):
            return "\(c) takes \(accepted == 0 ? "no" : "at most \(accepted)") positional argument\(accepted == 1 ? "" : "s"), got \(got)"
        }
    }
}
