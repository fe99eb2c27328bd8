#if canImport(Glibc)
import Glibc
#endif

/// The functions every script can call.
enum BuiltinFunctions {
    static let all: [ScoutFunction] = [
        ScoutFunction("len", parameters: "value", arity: 1...1, summary: "the number of elements of a list or map, or characters of a string") { args, call throws(EvaluationError) in
            switch args[0] {
            case .string(let s): return .int(s.count)
            case .list(let l): return .int(l.count)
            case .map(let m): return .int(m.count)
            default: throw call.error("len() needs a string, list or map, not \(Operators.article(args[0]))", argument: 0)
            }
        },
        ScoutFunction("contains", parameters: "collection, item", arity: 2...2, summary: "whether a list holds an item, a map a key, or a string a substring") { args, call throws(EvaluationError) in
            switch (args[0], args[1]) {
            case (.list(let l), let item): return .bool(l.contains(item))
            case (.map(let m), .string(let k)): return .bool(m[k] != nil)
            case (.string(let s), .string(let sub)): return .bool(sub.isEmpty || s.contains(sub))
            default: throw call.error("contains() needs a list, a map with a string key, or two strings")
            }
        },
        ScoutFunction("starts_with", parameters: "text, prefix", arity: 2...2, summary: "whether a string starts with a prefix") { args, call throws(EvaluationError) in
            let (s, p) = try strings(args, call, "starts_with")
            return .bool(s.hasPrefix(p))
        },
        ScoutFunction("ends_with", parameters: "text, suffix", arity: 2...2, summary: "whether a string ends with a suffix") { args, call throws(EvaluationError) in
            let (s, p) = try strings(args, call, "ends_with")
            return .bool(s.hasSuffix(p))
        },
        ScoutFunction("matches", parameters: "text, pattern", arity: 2...2, summary: "whether a string contains a match of a regular expression") { args, call throws(EvaluationError) in
            let (s, p) = try strings(args, call, "matches")
            let regex: ScoutRegex
            do { regex = try ScoutRegex(p) } catch { throw call.error("invalid regular expression: \(error)", argument: 1) }
            do { return .bool(try regex.matches(in: s, shouldStop: call.evaluator.shouldStop)) } catch {
                throw call.error("matches() stopped: the run was cancelled or reached its time limit")
            }
        },
        ScoutFunction("lower", parameters: "text", arity: 1...1, summary: "a string in lower case") { args, call throws(EvaluationError) in
            .string(try string(args[0], call, "lower").lowercased())
        },
        ScoutFunction("upper", parameters: "text", arity: 1...1, summary: "a string in upper case") { args, call throws(EvaluationError) in
            .string(try string(args[0], call, "upper").uppercased())
        },
        ScoutFunction("trim", parameters: "text", arity: 1...1, summary: "a string without leading and trailing white space") { args, call throws(EvaluationError) in
            .string(try string(args[0], call, "trim").trimmingSpaces())
        },
        ScoutFunction("split", parameters: "text[, separator]", arity: 1...2, summary: "a string split at a separator (default: runs of white space)") { args, call throws(EvaluationError) in
            let s = try string(args[0], call, "split")
            if args.count == 1 {
                return .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
            }
            let sep = try string(args[1], call, "split", argument: 1)
            if sep.isEmpty { return .list(s.map { .string(String($0)) }) }
            return .list(s.split(separator: sep, omittingEmptySubsequences: false).map { .string(String($0)) })
        },
        ScoutFunction("join", parameters: "list[, separator]", arity: 1...2, summary: "the elements of a list joined into a string (default separator: a space)") { args, call throws(EvaluationError) in
            guard case .list(let l) = args[0] else { throw call.error("join() needs a list, not \(Operators.article(args[0]))", argument: 0) }
            let sep = args.count > 1 ? try string(args[1], call, "join", argument: 1) : " "
            return .string(l.map(\.description).joined(separator: sep))
        },
        ScoutFunction("replace", parameters: "text, old, new", arity: 3...3, summary: "a string with every occurrence of old replaced by new") { args, call throws(EvaluationError) in
            let s = try string(args[0], call, "replace")
            let old = try string(args[1], call, "replace", argument: 1)
            let new = try string(args[2], call, "replace", argument: 2)
            if old.isEmpty { throw call.error("replace() needs a non-empty string to replace", argument: 1) }
            return .string(s.replacing(old, with: new))
        },
        ScoutFunction("keys", parameters: "map", arity: 1...1, summary: "the keys of a map, in order") { args, call throws(EvaluationError) in
            guard case .map(let m) = args[0] else { throw call.error("keys() needs a map, not \(Operators.article(args[0]))", argument: 0) }
            return .list(m.keys.map { .string($0) })
        },
        ScoutFunction("values", parameters: "map", arity: 1...1, summary: "the values of a map, in key order") { args, call throws(EvaluationError) in
            guard case .map(let m) = args[0] else { throw call.error("values() needs a map, not \(Operators.article(args[0]))", argument: 0) }
            return .list(m.values)
        },
        ScoutFunction("range", parameters: "[start, ]end[, step]", arity: 1...3, summary: "the list of ints from start (default 0) up to but not including end") { args, call throws(EvaluationError) in
            let r = try IntRange(args, call)
            let limit = call.evaluator.maxValueSize
            guard r.count <= limit else {
                throw call.error("range() of \(r.count) elements is larger than the limit of \(limit) elements")
            }
            return .list(r.map { .int($0) })
        },
        ScoutFunction("env", parameters: "name[, default]", arity: 1...2, summary: "an environment variable (as `use env` sets it for tasks), or the default (null) when it is not set", capability: .environment) { args, call throws(EvaluationError) in
            let name = try string(args[0], call, "env")
            if let v = call.evaluator.environment[name] { return .string(v) }
            if let v = getenv(name) { return .string(String(cString: v)) }
            return args.count > 1 ? args[1] : .null
        },
        ScoutFunction("exists", parameters: "path", arity: 1...1, summary: "whether a file or directory exists", capability: .fileSystem) { args, call throws(EvaluationError) in
            let path = try string(args[0], call, "exists")
            return .bool(access(WorkingDirectory.resolve(path, from: call.evaluator.workingDirectory), F_OK) == 0)
        },
        ScoutFunction("glob", parameters: "pattern", arity: 1...1, summary: "the paths matching a shell pattern, sorted", capability: .fileSystem) { args, call throws(EvaluationError) in
            let pattern = try string(args[0], call, "glob")
            return .list(FileGlob.match(pattern, in: call.evaluator.workingDirectory).map { .string($0) })
        },
        ScoutFunction("basename", parameters: "path", arity: 1...1, summary: "the last component of a path") { args, call throws(EvaluationError) in
            let path = try string(args[0], call, "basename")
            let trimmedPath = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            return .string(trimmedPath.split(separator: "/").last.map(String.init) ?? trimmedPath)
        },
        ScoutFunction("dirname", parameters: "path", arity: 1...1, summary: "a path without its last component") { args, call throws(EvaluationError) in
            let path = try string(args[0], call, "dirname")
            guard let slash = path.lastIndex(of: "/") else { return .string(".") }
            return .string(slash == path.startIndex ? "/" : String(path[..<slash]))
        },
        ScoutFunction("secret", parameters: "value", arity: 1...1, summary: "the value, marked secret: scout shows it as *** wherever it writes it (commands still get it)") { args, call throws(EvaluationError) in
            guard let secrets = call.evaluator.secrets else { return args[0] }
            let text: String
            switch args[0] {
            case .null: return .null
            case .string(let s): text = s
            default: text = args[0].description
            }
            do throws(SecretMask.TooShort) { try secrets.add(text) } catch { throw call.error(error.description, argument: 0) }
            return args[0]
        },
        ScoutFunction("json", parameters: "value", arity: 1...1, summary: "a value encoded as compact JSON text") { args, _ in
            .string(args[0].jsonText())
        },
        ScoutFunction("parse_json", parameters: "text", arity: 1...1, summary: "the value that JSON text encodes") { args, call throws(EvaluationError) in
            let text = try string(args[0], call, "parse_json")
            do { return try JSONParser.parse(text) } catch { throw call.error("parse_json(): invalid JSON at \(error)", argument: 0) }
        },
        ScoutFunction("int", parameters: "value", arity: 1...1, summary: "a number, bool, numeric string or duration (in whole seconds) as an int") { args, call throws(EvaluationError) in
            switch args[0] {
            case .int: return args[0]
            case .double(let d):
                guard d.isFinite, abs(d) < 9.2e18 else { throw call.error("int(): \(d) does not fit in an int", argument: 0) }
                return .int(Int(d))
            case .bool(let b): return .int(b ? 1 : 0)
            case .duration(let d): return .int(Int(d.seconds.rounded(.towardZero)))
            case .string(let s):
                if let i = Int(s.trimmingSpaces()) { return .int(i) }
                if let d = Double(s.trimmingSpaces()), d.isFinite, abs(d) < 9.2e18 { return .int(Int(d)) }
                throw call.error("int(): \"\(s)\" is not a number", argument: 0)
            default: throw call.error("int() cannot convert \(Operators.article(args[0]))", argument: 0)
            }
        },
        ScoutFunction("float", parameters: "value", arity: 1...1, summary: "a number, bool or numeric string as a float") { args, call throws(EvaluationError) in
            switch args[0] {
            case .int(let i): return .double(Double(i))
            case .double: return args[0]
            case .bool(let b): return .double(b ? 1 : 0)
            case .duration(let d): return .double(d.seconds)
            case .string(let s):
                if let d = Double(s.trimmingSpaces()) { return .double(d) }
                throw call.error("float(): \"\(s)\" is not a number", argument: 0)
            default: throw call.error("float() cannot convert \(Operators.article(args[0]))", argument: 0)
            }
        },
        ScoutFunction("string", parameters: "value", arity: 1...1, summary: "a value as text (strings as they are, other values as JSON)") { args, _ in
            .string(args[0].description)
        },
        ScoutFunction("type", parameters: "value", arity: 1...1, summary: "the name of a value's type") { args, _ in
            .string(args[0].typeName)
        },
        ScoutFunction("raw", parameters: "value", arity: 1...1, summary: "inside a run string, inserts a value without shell quoting") { args, _ in
            .string(args[0].description)
        },
        ScoutFunction("now", parameters: "", arity: 0...0, summary: "the current time in seconds since 1970 (a float)") { _, _ in
            var ts = timespec()
            clock_gettime(CLOCK_REALTIME, &ts)
            return .double(Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
        },
        ScoutFunction("min", parameters: "a, b, ...", arity: 1...Int.max, summary: "the smallest of its arguments, or of a list") { args, call throws(EvaluationError) in
            try extreme(args, call, "min", wantLess: true)
        },
        ScoutFunction("max", parameters: "a, b, ...", arity: 1...Int.max, summary: "the largest of its arguments, or of a list") { args, call throws(EvaluationError) in
            try extreme(args, call, "max", wantLess: false)
        },
        ScoutFunction("sort", parameters: "list", arity: 1...1, summary: "a list of numbers or strings in ascending order") { args, call throws(EvaluationError) in
            guard case .list(let l) = args[0] else { throw call.error("sort() needs a list, not \(Operators.article(args[0]))", argument: 0) }
            for v in l.dropFirst() where Operators.compare(l[0], v) == nil {
                throw call.error("sort() cannot order \(Operators.article(l[0])) and \(Operators.article(v))", argument: 0)
            }
            return .list(l.sorted { Operators.compare($0, $1)! < 0 })
        },
    ]

    static func string(_ v: Value, _ call: FunctionCall, _ name: String, argument: Int = 0) throws(EvaluationError) -> String {
        guard case .string(let s) = v else {
            throw call.error("\(name)() needs a string, not \(Operators.article(v))", argument: argument)
        }
        return s
    }

    static func strings(_ args: [Value], _ call: FunctionCall, _ name: String) throws(EvaluationError) -> (String, String) {
        (try string(args[0], call, name), try string(args[1], call, name, argument: 1))
    }

    static func extreme(_ args: [Value], _ call: FunctionCall, _ name: String, wantLess: Bool) throws(EvaluationError) -> Value {
        var items = args
        if args.count == 1, case .list(let l) = args[0] { items = l }
        guard var best = items.first else { throw call.error("\(name)() of an empty list") }
        for v in items.dropFirst() {
            guard let order = Operators.compare(v, best) else {
                throw call.error("\(name)() cannot compare \(Operators.article(v)) and \(Operators.article(best))")
            }
            if wantLess ? order < 0 : order > 0 { best = v }
        }
        return best
    }
}

/// The ints `range()` produces; a `for` loop walks it without building the list.
package struct IntRange: Sequence, Sendable {
    /// First value.
    package let start: Int
    /// The bound, not included.
    package let end: Int
    /// The step, never 0.
    package let step: Int

    /// Reads `range(end)`, `range(start, end)` or `range(start, end, step)` arguments.
    package init(_ args: [Value], _ call: FunctionCall) throws(EvaluationError) {
        var ints: [Int] = []
        for (n, v) in args.enumerated() {
            guard let i = v.intValue else { throw call.error("range() needs ints, not \(Operators.article(v))", argument: n) }
            ints.append(i)
        }
        switch ints.count {
        case 1: (start, end, step) = (0, ints[0], 1)
        case 2: (start, end, step) = (ints[0], ints[1], 1)
        default: (start, end, step) = (ints[0], ints[1], ints[2])
        }
        if step == 0 { throw call.error("range() step cannot be 0", argument: 2) }
    }

    /// How many values it holds (`Int.max` when there are more).
    package var count: Int {
        guard step > 0 ? start < end : start > end else { return 0 }
        // The distance between two ints always fits in a UInt.
        let distance = step > 0 ? UInt(bitPattern: end &- start) : UInt(bitPattern: start &- end)
        let n = (distance - 1) / step.magnitude + 1
        return n > UInt(Int.max) ? Int.max : Int(n)
    }

    package func makeIterator() -> StrideTo<Int>.Iterator {
        stride(from: start, to: end, by: step).makeIterator()
    }
}
