#if canImport(Glibc)
import Glibc
#endif

/// The arithmetic, comparison and membership operators on values.
enum Operators {
    static func apply(_ op: BinaryOperator, _ l: Value, _ r: Value, span: SourceSpan, maxSize: Int) throws(EvaluationError) -> Value {
        func mismatch() -> EvaluationError {
            .runtime("cannot apply '\(op.rawValue)' to \(article(l)) and \(article(r))", span)
        }
        switch op {
        case .equal: return .bool(l == r)
        case .notEqual: return .bool(l != r)
        case .less, .lessEqual, .greater, .greaterEqual:
            guard let order = compare(l, r) else { throw mismatch() }
            switch op {
            case .less: return .bool(order < 0)
            case .lessEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in:
            switch r {
            case .list(let elements): return .bool(elements.contains(l))
            case .map(let m):
                guard case .string(let k) = l else { throw mismatch() }
                return .bool(m[k] != nil)
            case .string(let s):
                guard case .string(let sub) = l else { throw mismatch() }
                return .bool(sub.isEmpty || s.contains(sub))
            default: throw mismatch()
            }
        case .add:
            switch (l, r) {
            case (.int(let a), .int(let b)):
                let (v, o) = a.addingReportingOverflow(b)
                if o { throw .runtime("integer overflow in '+'", span) }
                return .int(v)
            case (.string(let a), .string(let b)):
                if a.utf8.count + b.utf8.count > maxSize { throw tooLarge("string", maxSize, span) }
                return .string(a + b)
            case (.list(let a), .list(let b)):
                if a.count + b.count > maxSize { throw tooLarge("list", maxSize, span) }
                return .list(a + b)
            case (.map(var a), .map(let b)):
                for (k, v) in b { a[k] = v }
                return .map(a)
            case (.duration(let a), .duration(let b)): return try duration(a.seconds + b.seconds, span) { a + b }
            default:
                if let a = l.doubleValue, let b = r.doubleValue { return .double(a + b) }
                throw mismatch()
            }
        case .subtract:
            switch (l, r) {
            case (.int(let a), .int(let b)):
                let (v, o) = a.subtractingReportingOverflow(b)
                if o { throw .runtime("integer overflow in '-'", span) }
                return .int(v)
            case (.duration(let a), .duration(let b)): return try duration(a.seconds - b.seconds, span) { a - b }
            default:
                if let a = l.doubleValue, let b = r.doubleValue { return .double(a - b) }
                throw mismatch()
            }
        case .multiply:
            switch (l, r) {
            case (.int(let a), .int(let b)):
                let (v, o) = a.multipliedReportingOverflow(by: b)
                if o { throw .runtime("integer overflow in '*'", span) }
                return .int(v)
            case (.duration(let d), _) where r.doubleValue != nil:
                let k = r.doubleValue!
                return try duration(d.seconds * k, span) { d * k }
            case (_, .duration(let d)) where l.doubleValue != nil:
                let k = l.doubleValue!
                return try duration(d.seconds * k, span) { d * k }
            default:
                if let a = l.doubleValue, let b = r.doubleValue { return .double(a * b) }
                throw mismatch()
            }
        case .divide:
            switch (l, r) {
            case (.int(let a), .int(let b)):
                if b == 0 { throw .runtime("division by zero", span) }
                // Int.min / -1 has no int result (and `a % b` would trap on it): a float, like
                // every quotient that is not whole.
                if b != -1 || a != Int.min, a % b == 0 { return .int(a / b) }
                return .double(Double(a) / Double(b))
            case (.duration(let a), .duration(let b)):
                if b == .zero { throw .runtime("division by zero", span) }
                return .double(a / b)
            case (.duration(let d), _) where r.doubleValue != nil:
                if r.doubleValue == 0 { throw .runtime("division by zero", span) }
                let k = r.doubleValue!
                return try duration(d.seconds / k, span) { d / k }
            default:
                guard let a = l.doubleValue, let b = r.doubleValue else { throw mismatch() }
                if b == 0 { throw .runtime("division by zero", span) }
                return .double(a / b)
            }
        case .remainder:
            switch (l, r) {
            case (.int(let a), .int(let b)):
                if b == 0 { throw .runtime("division by zero", span) }
                if b == -1 { return .int(0) }  // Int.min % -1 would trap.
                return .int(a % b)
            default:
                guard let a = l.doubleValue, let b = r.doubleValue else { throw mismatch() }
                if b == 0 { throw .runtime("division by zero", span) }
                return .double(fmod(a, b))
            }
        case .power:
            switch (l, r) {
            case (.int(let a), .int(let b)) where b >= 0:
                var result = 1
                var base = a
                var e = b
                while e > 0 {
                    if e & 1 == 1 {
                        let (v, o) = result.multipliedReportingOverflow(by: base)
                        if o { throw .runtime("integer overflow in '**'", span) }
                        result = v
                    }
                    e >>= 1
                    if e > 0 {
                        let (sq, o) = base.multipliedReportingOverflow(by: base)
                        if o { throw .runtime("integer overflow in '**'", span) }
                        base = sq
                    }
                }
                return .int(result)
            default:
                guard let a = l.doubleValue, let b = r.doubleValue else { throw mismatch() }
                return .double(pow(a, b))
            }
        case .and, .or, .coalesce:
            return .null  // Short-circuit operators are evaluated by the evaluator.
        }
    }

    /// A duration computed by `make`, when `seconds` (the same result as a float) is within
    /// what a duration literal may be (about 292 years, what Int64 nanoseconds hold); beyond
    /// that `Duration`'s arithmetic would trap.
    static func duration(_ seconds: Double, _ span: SourceSpan, _ make: () -> Duration) throws(EvaluationError) -> Value {
        guard seconds.isFinite, abs(seconds) < 9.2e9 else { throw .runtime("duration out of range (more than 292 years)", span) }
        return .duration(make())
    }

    static func tooLarge(_ what: String, _ limit: Int, _ span: SourceSpan) -> EvaluationError {
        .runtime("\(what) larger than the limit of \(limit) \(what == "string" ? "bytes" : "elements")", span)
    }

    /// -1, 0 or 1 for values that have an order (numbers, strings, durations); nil otherwise.
    static func compare(_ l: Value, _ r: Value) -> Int? {
        switch (l, r) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.duration(let a), .duration(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        default:
            guard let a = l.doubleValue, let b = r.doubleValue else { return nil }
            return a < b ? -1 : (a == b ? 0 : 1)
        }
    }

    static func article(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int: return "an int"
        default: return "a \(v.typeName)"
        }
    }
}
