import Testing
@testable import Scout

/// Each built-in function, evaluated as a script would.
@Suite struct FunctionTests {
    static func eval(_ code: String) throws -> Value {
        let e = try Parser.parseExpression(SourceFile(name: "t", text: code))
        return try Evaluator(scope: BatchContext(initialVars: ["xs": [3, 1, 2], "m": ["b": 1, "a": 2]])).evaluate(e)
    }

    static let cases: [(String, Value)] = [
        ("len(\"héllo\")", 5), ("len(xs)", 3), ("len(m)", 2),
        ("contains(xs, 2)", true), ("contains(m, \"a\")", true), ("contains(\"abc\", \"bc\")", true), ("contains(xs, 9)", false),
        ("starts_with(\"release-1\", \"release\")", true), ("ends_with(\"a.md\", \".txt\")", false),
        ("matches(\"v1.2\", \"^v[0-9]+\\\\.[0-9]+$\")", true), ("matches(\"x\", \"[0-9]\")", false),
        ("lower(\"AbC\")", "abc"), ("upper(\"abc\")", "ABC"), ("trim(\"  a b \\n\")", "a b"),
        ("split(\"a,b,,c\", \",\")", ["a", "b", "", "c"]), ("split(\" a  b \")", ["a", "b"]),
        ("join([1, \"x\", true], \"-\")", "1-x-true"), ("join([\"a\", \"b\"])", "a b"),
        ("replace(\"a-b-c\", \"-\", \"\")", "abc"),
        ("keys(m)", ["b", "a"]), ("values(m)", [1, 2]),
        ("range(3)", [0, 1, 2]), ("range(1, 4)", [1, 2, 3]), ("range(5, 0, -2)", [5, 3, 1]), ("range(0)", []),
        ("env(\"SCOUT_TEST_SURELY_UNSET\")", nil), ("env(\"SCOUT_TEST_SURELY_UNSET\", \"d\")", "d"),
        ("exists(\"/\")", true), ("exists(\"/surely/not/here\")", false),
        ("basename(\"/a/b.txt\")", "b.txt"), ("dirname(\"/a/b.txt\")", "/a"), ("dirname(\"b.txt\")", "."),
        ("json({a: [1, null]})", #"{"a":[1,null]}"#), ("parse_json(\"[1, {\\\"k\\\": true}]\")", [1, ["k": true]]),
        ("int(\"42\")", 42), ("int(3.9)", 3), ("int(true)", 1), ("int(2s)", 2), ("int(1500ms)", 1), ("float(1500ms)", 1.5),
        ("float(\"2.5\")", 2.5), ("float(2)", 2.0),
        ("string(12)", "12"), ("string([1])", "[1]"), ("string(\"s\")", "s"),
        ("type(1)", "int"), ("type(1.0)", "float"), ("type(\"\")", "string"), ("type([])", "list"), ("type({})", "map"),
        ("type(null)", "null"), ("type(1s)", "duration"), ("type(true)", "bool"),
        ("raw(\"x\")", "x"), ("min(3, 1, 2)", 1), ("max(xs)", 3), ("sort(xs)", [1, 2, 3]), ("sort([\"b\", \"a\"])", ["a", "b"]),
    ]

    @Test(arguments: FunctionTests.cases.indices)
    func builtin(_ i: Int) throws {
        let (code, expected) = FunctionTests.cases[i]
        #expect(try FunctionTests.eval(code) == expected, "\(code)")
    }

    @Test func nowIsTheCurrentTime() throws {
        let t = try #require(try FunctionTests.eval("now()").doubleValue)
        #expect(t > 1_700_000_000)
    }

    static let errors: [(String, String)] = [
        ("len(1)", "len() needs a string, list or map, not an int"),
        ("int(\"x1\")", "int(): \"x1\" is not a number"),
        ("range(1, 2, 0)", "range() step cannot be 0"),
        ("parse_json(\"{\")", "parse_json(): invalid JSON at 1:2: expected a string key"),
        ("matches(\"a\", \"(\")", "invalid regular expression"),
        ("sort([1, \"a\"])", "sort() cannot order an int and a string"),
        ("min([])", "min() of an empty list"),
    ]

    @Test(arguments: FunctionTests.errors.indices)
    func builtinErrors(_ i: Int) {
        let (code, message) = FunctionTests.errors[i]
        do {
            _ = try FunctionTests.eval(code)
            Issue.record("\(code) should fail")
        } catch let error as EvaluationError {
            #expect(error.kind.message.hasPrefix(message), "\(code): \(error.kind.message)")
        } catch {
            Issue.record("\(code): \(error)")
        }
    }

    @Test func aHugeRangeIsRefusedNotBuilt() throws {
        do {
            _ = try FunctionTests.eval("range(10 ** 12)")
            Issue.record("range(10**12) should fail")
        } catch let error as EvaluationError {
            #expect(error.kind.message.contains("larger than the limit"))
        }
    }
}
