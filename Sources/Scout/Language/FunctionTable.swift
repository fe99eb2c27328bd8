/// A function callable from expressions: its name, how many arguments it takes, and its body.
public struct ScoutFunction: Sendable {
    /// The body: receives the evaluated arguments.
    public typealias Body = @Sendable ([Value], FunctionCall) throws(EvaluationError) -> Value

    /// The name expressions call it by.
    public let name: String
    /// How the parameters are shown in help and messages, such as `"value, separator"`.
    public let parameters: String
    /// The number of arguments accepted.
    public let arity: ClosedRange<Int>
    /// One line for `scout help functions`.
    public let summary: String
    /// The capability the function needs, if any (``Capability``).
    public let capability: Capability?
    /// What it does.
    public let body: Body

    /// A function.
    public init(_ name: String, parameters: String, arity: ClosedRange<Int>, summary: String, capability: Capability? = nil, body: @escaping Body) {
        self.name = name
        self.parameters = parameters
        self.arity = arity
        self.summary = summary
        self.capability = capability
        self.body = body
    }

    /// "1 argument", "1 or 2 arguments", "2 to 3 arguments".
    package var arityDescription: String {
        let noun = arity.upperBound == 1 ? "argument" : "arguments"
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) \(noun)" }
        if arity.upperBound == arity.lowerBound + 1 { return "\(arity.lowerBound) or \(arity.upperBound) \(noun)" }
        return "\(arity.lowerBound) to \(arity.upperBound) \(noun)"
    }
}

/// The functions expressions may call: the built-ins plus what a host registers.
package struct FunctionTable: Sendable {
    private var functions: [String: ScoutFunction]

    /// A table of the given functions.
    package init(_ functions: [ScoutFunction]) {
        self.functions = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The built-in functions.
    package static let builtins = FunctionTable(BuiltinFunctions.all)

    /// The function called `name`.
    package subscript(name: String) -> ScoutFunction? { functions[name] }

    /// Every function name.
    package var names: Set<String> { Set(functions.keys) }

    /// Every function, sorted by name.
    package var all: [ScoutFunction] { functions.values.sorted { $0.name < $1.name } }

    /// Adds or replaces a function.
    package mutating func register(_ function: ScoutFunction) {
        functions[function.name] = function
    }
}
