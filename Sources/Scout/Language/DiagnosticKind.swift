/// Every kind of diagnostic, with typed details. The words live only in ``message`` and ``help``.
public enum DiagnosticKind: Sendable, Equatable {
    // Lexical.
    case invalidUTF8(byte: UInt8)
    case unexpectedCharacter(String)
    case unterminatedString
    case unterminatedMultilineString
    case unterminatedRawString
    case unterminatedInterpolation
    case unknownEscape(String)
    case invalidUnicodeEscape
    case interpolationInRawString
    case invalidNumber(String)
    case integerTooLarge(String)
    case unknownDurationUnit(String)
    case multilineStringLayout(String)
    // Syntax.
    case unexpectedToken(found: String, expected: [String])
    case nestingTooDeep(limit: Int)
    case emptyInterpolation
    case unknownStatement(String, suggestion: String?)
    case clauseAfterSteps(String)
    case duplicateClause(String)
    case positionalAfterNamed
    case duplicateArgument(String)
    case duplicateParameter(String)
    case invalidAssignmentTarget
    case invalidClause(String)
    case misplacedStatement(String)
    case unclosedBlock(openedAt: Int)
    case misspeltKeyword(String, suggestion: String)
    case assignmentWithoutLet(String)
    case mapInCondition
    /// A mistake people make first (`if x = 3`, `elif`, `run make test`), with how to write it.
    case hint(String, help: String)
    /// Stands last in a list whose diagnostics were cut: how many more there were.
    case moreErrors(Int)
    // Names and checks.
    case unknownCommand(String, suggestion: String?)
    case unknownFunction(String, suggestion: String?)
    case undefinedVariable(String, suggestion: String?)
    case neverDefined(String, suggestion: String?)
    case wrongArgumentCount(function: String, expected: String, got: Int)
    case unknownArgument(command: String, argument: String, suggestion: String?)
    case missingArgument(command: String, argument: String)
    case wrongArgumentType(command: String, argument: String, expected: String, got: String)
    case needsCycle([String])
    case unknownNeed(String, suggestion: String?)
    case unknownPolicy(String, suggestion: String?)
    case needsOutsideParallel
    case duplicateTaskName(String)
    case duplicateCommand(String)
    case capabilityDenied(capability: String, what: String)
    // Evaluation.
    case runtime(String)
    // Formatting.
    /// `scout fmt` laid a statement out in a way that parses differently: a bug of the
    /// formatter, reported instead of rewriting the file.
    case formattingChangesMeaning

    /// The one-line message.
    public var message: String {
        switch self {
        case .invalidUTF8(let b): return "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true))"
        case .unexpectedCharacter(let c):
            return c.unicodeScalars.count == 1 ? "unexpected character '\(Self.shown(c))'" : "unexpected characters '\(Self.shown(c))'"
        case .unterminatedString: return "unterminated string"
        case .unterminatedMultilineString: return "unterminated multi-line string"
        case .unterminatedRawString: return "unterminated raw string"
        case .unterminatedInterpolation: return "unterminated interpolation: '${' has no closing '}'"
        case .unknownEscape(let e): return "unknown escape sequence '\\\(Self.shown(e))'"
        case .invalidUnicodeEscape: return "invalid unicode escape: write \\u{XXXX} with 1 to 8 hex digits of a Unicode scalar"
        case .interpolationInRawString: return "'${' in a raw string is not interpolated"
        case .invalidNumber(let t): return "invalid number '\(Self.shown(t))'"
        case .integerTooLarge(let t): return "integer '\(Self.shown(t))' is too large"
        case .unknownDurationUnit(let u): return "unknown duration unit '\(Self.shown(u))'"
        case .multilineStringLayout(let why): return why
        case .unexpectedToken(let found, let expected):
            return "expected \(DiagnosticKind.list(expected)), found \(found)"
        case .nestingTooDeep(let limit): return "nesting too deep (more than \(limit) levels)"
        case .emptyInterpolation: return "empty interpolation '${}'"
        case .unknownStatement(let name, _): return "unknown statement '\(Self.shown(name))'"
        case .clauseAfterSteps(let c): return "clause '\(c)' must come before the task's first step"
        case .duplicateClause(let c): return "clause '\(c)' is given twice"
        case .positionalAfterNamed: return "positional argument after a named argument"
        case .duplicateArgument(let a): return "argument '\(a)' is given twice"
        case .duplicateParameter(let p): return "parameter '\(p)' is declared twice"
        case .invalidAssignmentTarget: return "only a variable can be assigned"
        case .invalidClause(let why): return why
        case .misplacedStatement(let why): return why
        case .unclosedBlock(let line): return "the block opened on line \(line) is never closed"
        case .misspeltKeyword(let word, _): return "unexpected '\(Self.shown(word))'"
        case .assignmentWithoutLet(let name): return "'\(Self.shown(name)) = ...' is not a statement"
        case .mapInCondition: return "expected an expression, found '{'"
        case .hint(let message, _): return message
        case .moreErrors(let n): return "\(n) more error\(n == 1 ? "" : "s") not shown"
        case .unknownCommand(let n, _): return "unknown command '\(Self.shown(n))'"
        case .unknownFunction(let n, _): return "unknown function '\(Self.shown(n))'"
        case .undefinedVariable(let n, _): return "undefined variable '\(Self.shown(n))'"
        case .neverDefined(let n, _): return "'\(Self.shown(n))' is never defined"
        case .wrongArgumentCount(let f, let expected, let got):
            return "\(f)() takes \(expected), got \(got)"
        case .unknownArgument(let c, let a, _): return "\(c) has no argument '\(a)'"
        case .missingArgument(let c, let a): return "\(c) needs the argument '\(a)'"
        case .wrongArgumentType(let c, let a, let expected, let got):
            return "argument '\(a)' of \(c) must be \(expected), not \(got)"
        case .needsCycle(let names): return "tasks need each other in a cycle: \(names.joined(separator: " -> "))"
        case .unknownNeed(let n, _): return "needs an unknown task '\(Self.shown(n))'"
        case .unknownPolicy(let n, _): return "unknown policy '\(Self.shown(n))'"
        case .needsOutsideParallel: return "'needs' only has a meaning inside a parallel block"
        case .duplicateTaskName(let n): return "task '\(n)' is defined twice in the same block"
        case .duplicateCommand(let n): return "command '\(n)' is defined twice"
        case .capabilityDenied(let cap, let what): return "\(what) needs the '\(cap)' capability, which this host does not grant"
        case .runtime(let m): return m
        case .formattingChangesMeaning: return "formatting would change what this statement means, so the script is left as it is"
        }
    }

    /// A hint shown under the source excerpt, if any.
    public var help: String? {
        switch self {
        case .unterminatedString: return "add a closing '\"' on the same line, or use \"\"\" for a multi-line string"
        case .unterminatedMultilineString: return "add a closing '\"\"\"'"
        case .unterminatedRawString: return "add a closing \"'\" on the same line"
        case .unknownEscape: return "valid escapes: \\n \\t \\r \\0 \\\" \\\\ \\$ \\u{XXXX}"
        case .interpolationInRawString: return "use \"...\" to interpolate, or \"\\${...}\" for a literal '${'"
        case .unknownDurationUnit: return "durations are written 250ms, 2s, 5m or 1h"
        case .integerTooLarge: return "the largest integer is 9223372036854775807; add '.0' for a float"
        case .unknownStatement(_, let s), .unknownCommand(_, let s), .unknownFunction(_, let s),
            .undefinedVariable(_, let s), .neverDefined(_, let s), .unknownNeed(_, let s),
            .unknownArgument(_, _, let s):
            return s.map { "did you mean '\($0)'?" }
        case .unknownPolicy(_, let s):
            return s.map { "did you mean '\($0)'?" } ?? "the policies are retry, circuit_breaker and fail_fast"
        case .nestingTooDeep: return "split the expression or block into smaller parts"
        case .unclosedBlock: return "add a closing '}'"
        case .misspeltKeyword(_, let suggestion): return "did you mean '\(suggestion)'?"
        case .assignmentWithoutLet(let name): return "to set a variable, write 'let \(name) = ...'"
        case .mapInCondition: return "here '{' starts the block; to write a map, put it in parentheses: ({...})"
        case .hint(_, let help): return help
        case .formattingChangesMeaning: return "this is a bug of scout fmt; please report it with the statement"
        default: return nil
        }
    }

    /// Source text as a message shows it: control characters escaped (so a message never
    /// moves the terminal's cursor), and cut after `limit` characters.
    static func shown(_ text: String, limit: Int = 40) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { return out + "..." }
            count += 1
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "something else"
        case 1: return items[0]
        case 2: return "\(items[0]) or \(items[1])"
        default: return items.dropLast().joined(separator: ", ") + " or " + items.last!
        }
    }
}
