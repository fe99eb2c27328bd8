/// Evaluates expressions against a scope.
///
/// Names: in a condition (``condition(_:)``) and on the left of `??` an undefined name or a
/// missing field is `null`; everywhere else, and always inside `${...}`, it is an error that
/// names the variable.
package struct Evaluator: Sendable {
    /// Where variables are looked up.
    package var scope: any VariableScope
    /// The functions calls may use.
    package var functions: FunctionTable
    /// The largest string or list an operation may build (bytes or elements).
    package var maxValueSize: Int
    /// What functions may touch (`env`, `exists`, `glob`).
    package var capabilities: Capabilities
    /// The directory relative paths of `exists` and `glob` are read from; nil for the current one.
    package var workingDirectory: String?
    /// Environment variables set for tasks (`use env`), which `env()` sees first.
    package var environment: [String: String] = [:]
    /// Where `secret(...)` puts the values it marks; nil where nothing can be marked.
    package var secrets: SecretMask?
    /// Asked now and then during long evaluations (a `matches` over a large text): true
    /// ends them with an error. By default, whether the current task is cancelled.
    package var shouldStop: @Sendable () -> Bool = { Task.isCancelled }

    /// An evaluator over `scope` with the given functions.
    package init(scope: any VariableScope, functions: FunctionTable = .builtins, maxValueSize: Int = 256 << 20, capabilities: Capabilities = .all) {
        self.scope = scope
        self.functions = functions
        self.maxValueSize = maxValueSize
        self.capabilities = capabilities
    }

    /// Takes the script-wide settings that functions read: the working directory (`use cwd`),
    /// the environment (`use env`) and where `secret()` marks values.
    mutating func adopt(_ settings: ExecutorConfiguration) {
        workingDirectory = settings.workingDirectory
        environment = settings.environment
        secrets = settings.secrets
    }

    /// The value of an expression; an undefined name is an error.
    package func evaluate(_ expression: Expression) throws(EvaluationError) -> Value {
        try eval(expression, lenient: false)
    }

    /// The truthiness of a condition; undefined names and missing fields are `null`.
    package func condition(_ expression: Expression) throws(EvaluationError) -> Bool {
        try eval(expression, lenient: true).isTruthy
    }

    /// The value of a command argument. With `shell`, the interpolations of a string written
    /// in place are shell-quoted (a list becomes several words; `${raw(x)}` is inserted as is).
    package func argument(_ expression: Expression, shell: Bool) throws(EvaluationError) -> Value {
        if shell, case .interpolated(let parts) = expression.kind {
            return .string(try interpolate(parts, shell: true))
        }
        return try eval(expression, lenient: false)
    }

    /// Joins the parts of an interpolated string.
    package func interpolate(_ parts: [StringPart], shell: Bool) throws(EvaluationError) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t):
                out += t
            case .interpolation(let e):
                if shell, case .call("raw", let args) = e.kind, args.count == 1 {
                    out += try eval(args[0], lenient: false).description
                } else if shell {
                    out += ShellQuote.words(try eval(e, lenient: false))
                } else {
                    out += try eval(e, lenient: false).description
                }
            }
            if out.utf8.count > maxValueSize { throw .runtime(sizeMessage("string"), SourceSpan.none) }
        }
        return out
    }

    func sizeMessage(_ what: String) -> String {
        "\(what) larger than the limit of \(maxValueSize) \(what == "string" ? "bytes" : "elements")"
    }

    /// A value about to become an element of a list or map, when that keeps the nesting
    /// within ``Value/maxDepth``.
    func nested(_ v: Value, in what: String, span: SourceSpan) throws(EvaluationError) -> Value {
        if v.isContainer, v.nestsDeeper(than: Value.maxDepth - 1) {
            throw .runtime("\(what) nested deeper than the limit of \(Value.maxDepth) levels", span)
        }
        return v
    }

    // MARK: - Evaluation

    func eval(_ e: Expression, lenient: Bool) throws(EvaluationError) -> Value {
        switch e.kind {
        case .literal(let v):
            return v
        case .interpolated(let parts):
            return .string(try interpolate(parts, shell: false))
        case .variable(let name):
            if let v = scope.lookup(name) { return v }
            if lenient { return .null }
            throw EvaluationError(.undefinedVariable(name, suggestion: Suggestion.closest(to: name, in: scope.visibleNames())), e.span)
        case .list(let elements):
            var out: [Value] = []
            out.reserveCapacity(elements.count)
            for element in elements { out.append(try nested(try eval(element, lenient: lenient), in: "list", span: e.span)) }
            return .list(out)
        case .map(let entries):
            var m = ValueMap()
            for entry in entries { m[entry.key] = try nested(try eval(entry.value, lenient: lenient), in: "map", span: e.span) }
            return .map(m)
        case .member(let base, let name):
            let b = try eval(base, lenient: lenient)
            if let v = b.member(name) { return v }
            if lenient { return .null }
            throw missingField(name, of: b, base: base, span: e.span)
        case .index(let base, let indexExpression):
            let b = try eval(base, lenient: lenient)
            let index = try eval(indexExpression, lenient: lenient)
            return try subscripted(b, index, lenient: lenient, span: e.span, indexSpan: indexExpression.span)
        case .call(let name, let arguments):
            guard let function = functions[name] else {
                throw EvaluationError(.unknownFunction(name, suggestion: Suggestion.closest(to: name, in: functions.names)), e.span)
            }
            if let needed = function.capability, !capabilities.contains(needed) {
                throw EvaluationError(.capabilityDenied(capability: needed.rawValue, what: "\(name)()"), e.span)
            }
            guard function.arity.contains(arguments.count) else {
                throw EvaluationError(.wrongArgumentCount(function: name, expected: function.arityDescription, got: arguments.count), e.span)
            }
            var values: [Value] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try eval(argument, lenient: lenient)) }
            return try function.body(values, FunctionCall(span: e.span, argumentSpans: arguments.map(\.span), evaluator: self))
        case .unary(let op, let operand):
            let v = try eval(operand, lenient: lenient)
            switch op {
            case .not: return .bool(!v.isTruthy)
            case .negate:
                switch v {
                case .int(let i):
                    let (r, overflow) = Int(0).subtractingReportingOverflow(i)
                    if overflow { throw .runtime("integer overflow", e.span) }
                    return .int(r)
                case .double(let d): return .double(-d)
                case .duration(let d): return .duration(.zero - d)
                default: throw .runtime("cannot negate \(Operators.article(v))", e.span)
                }
            }
        case .binary(let op, let left, let right):
            return try binary(op, left, right, lenient: lenient, span: e.span)
        }
    }

    func missingField(_ name: String, of value: Value, base: Expression, span: SourceSpan) -> EvaluationError {
        let path = ExpressionPrinter.path(base) ?? "the value"
        guard case .map(let m) = value else {
            return .runtime("\(path) is \(Operators.article(value)), it has no field '\(name)'", span)
        }
        var names = m.keys
        if case .map(let output)? = m["output"] { names += output.keys }
        let hint = Suggestion.closest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        return .runtime("\(path) has no field '\(name)'\(hint)", span)
    }

    func subscripted(_ base: Value, _ index: Value, lenient: Bool, span: SourceSpan, indexSpan: SourceSpan) throws(EvaluationError) -> Value {
        switch (base, index) {
        case (.list(let l), _):
            guard let i = index.intValue else { throw .runtime("a list index must be an int, not \(Operators.article(index))", indexSpan) }
            if let v = base[i] { return v }
            if lenient { return .null }
            throw .runtime("index \(i) is out of range for a list of \(l.count)", indexSpan)
        case (.map, .string(let k)):
            if let v = base.member(k) { return v }
            if lenient { return .null }
            throw .runtime("no key \"\(k)\" in the map", indexSpan)
        case (.string(let s), _):
            guard let i = index.intValue else { throw .runtime("a string index must be an int, not \(Operators.article(index))", indexSpan) }
            let chars = Array(s)
            let j = i < 0 ? chars.count + i : i
            if chars.indices.contains(j) { return .string(String(chars[j])) }
            if lenient { return .null }
            throw .runtime("index \(i) is out of range for a string of \(chars.count) characters", indexSpan)
        case (.null, _) where lenient:
            return .null
        default:
            throw .runtime("cannot index \(Operators.article(base)) with \(Operators.article(index))", span)
        }
    }

    func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, lenient: Bool, span: SourceSpan) throws(EvaluationError) -> Value {
        switch op {
        case .and:
            guard try eval(left, lenient: lenient).isTruthy else { return .bool(false) }
            return .bool(try eval(right, lenient: lenient).isTruthy)
        case .or:
            if try eval(left, lenient: lenient).isTruthy { return .bool(true) }
            return .bool(try eval(right, lenient: lenient).isTruthy)
        case .coalesce:
            let l = try eval(left, lenient: true)
            return l.isNull ? try eval(right, lenient: lenient) : l
        default:
            break
        }
        let l = try eval(left, lenient: lenient)
        let r = try eval(right, lenient: lenient)
        return try Operators.apply(op, l, r, span: span, maxSize: maxValueSize)
    }
}

/// What a function receives besides its arguments.
public struct FunctionCall: Sendable {
    /// The span of the whole call.
    public var span: SourceSpan
    /// The span of each argument.
    public var argumentSpans: [SourceSpan]
    /// The evaluator making the call.
    package var evaluator: Evaluator

    /// The span of argument `i`, or of the call.
    public func span(of i: Int) -> SourceSpan { i < argumentSpans.count ? argumentSpans[i] : span }

    /// A runtime error at argument `i`.
    public func error(_ message: String, argument i: Int? = nil) -> EvaluationError {
        .runtime(message, i.map { span(of: $0) } ?? span)
    }
}
