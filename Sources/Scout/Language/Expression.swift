/// An expression of the language, with the span it was written at.
package struct Expression: Sendable, Hashable {
    /// What the expression is.
    package indirect enum Kind: Sendable, Hashable {
        /// A constant: a number, duration, bool, null or a string without interpolation.
        case literal(Value)
        /// A string with `${...}` interpolations.
        case interpolated([StringPart])
        /// A variable by name.
        case variable(String)
        /// `[a, b]`
        case list([Expression])
        /// `{key: value}`
        case map([MapEntry])
        /// `base.name`
        case member(Expression, String)
        /// `base[index]`
        case index(Expression, Expression)
        /// `name(arguments)`
        case call(String, [Expression])
        /// `!x`, `-x`
        case unary(UnaryOperator, Expression)
        /// `a + b`, `a && b`, ...
        case binary(BinaryOperator, Expression, Expression)
    }

    /// What the expression is.
    package var kind: Kind
    /// Where it was written.
    package var span: SourceSpan

    /// An expression of the given kind at a span.
    package init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// A constant expression with no source.
    package static func constant(_ value: Value) -> Expression {
        Expression(.literal(value), .none)
    }
}

/// A piece of an interpolated string.
package enum StringPart: Sendable, Hashable {
    case text(String)
    case interpolation(Expression)
}

/// One `key: value` entry of a map literal.
package struct MapEntry: Sendable, Hashable {
    /// The key, as written (a name or a string).
    package var key: String
    /// The value.
    package var value: Expression

    /// An entry.
    package init(key: String, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// Prefix operators.
package enum UnaryOperator: String, Sendable, Hashable {
    case not = "!"
    case negate = "-"
}

/// Infix operators, from the lowest precedence to the highest.
package enum BinaryOperator: String, Sendable, Hashable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case `in` = "in"
    case coalesce = "??"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
    case power = "**"
}
