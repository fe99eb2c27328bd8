import Testing
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

extension RuntimeTests {
    /// The built-in functions of expressions (language.md §4): results and argument errors.
    @Suite struct BuiltinFunctionsTests {
        static func evaluate(_ text: String, capabilities: Capabilities = .all) throws -> Value {
            let scope = BatchContext(initialVars: ["xs": [3, 1, 2], "m": ["b": 1, "a": 2], "text": "  Hello World  "])
            let e = try Parser.parseExpression(SourceFile(name: "<expr>", text: text))
            return try Evaluator(scope: scope, capabilities: capabilities).evaluate(e)
        }

        static let calls: [(String, Value)] = [
            ("len('héllo')", 5), ("len(xs)", 3), ("len(m)", 2), ("len([])", 0),
            ("contains(xs, 2)", true), ("contains(m, 'a')", true), ("contains('abc', 'bc')", true), ("contains('abc', 'x')", false),
            ("starts_with('deploy-prod', 'deploy')", true), ("ends_with('a.py', '.py')", true), ("ends_with('a.py', '.c')", false),
            ("matches('v1.2.3', '^v[0-9]+\\.')", true), ("matches('v1x2', '^v[0-9]+\\.')", false), ("matches('main', 'release/.*')", false),
            ("lower('MiXeD')", "mixed"), ("upper('MiXeD')", "MIXED"), ("trim(text)", "Hello World"),
            ("split('a b  c')", ["a", "b", "c"]), ("split('a,b,,c', ',')", ["a", "b", "", "c"]), ("split('ab', '')", ["a", "b"]),
            ("join(['a', 1, true])", "a 1 true"), ("join(xs, ',')", "3,1,2"),
            ("replace('a-b-c', '-', '+')", "a+b+c"),
            ("keys(m)", ["b", "a"]), ("values(m)", [1, 2]),
            ("range(3)", [0, 1, 2]), ("range(2, 5)", [2, 3, 4]), ("range(10, 0, -4)", [10, 6, 2]), ("range(0)", []),
            ("range(5, 2)", []), ("range(9223372036854775806, 9223372036854775807, 5)", [.int(.max - 1)]),
            ("range(-9223372036854775807 - 1, -9223372036854775806, 5)", [.int(.min)]),
            ("env('SCOUT_TEST_SURELY_UNSET_VARIABLE')", nil), ("env('SCOUT_TEST_SURELY_UNSET_VARIABLE', 'dflt')", "dflt"),
            ("env('PATH') != null", true),
            ("exists('/')", true), ("exists('/no/such/path/scout')", false),
            ("json({a: [1, 'x']})", #"{"a":[1,"x"]}"#), ("parse_json('{\"a\": [1, 2.5]}')", ["a": [1, 2.5]]),
            ("int('42')", 42), ("int(' 7 ')", 7), ("int(3.9)", 3), ("int(true)", 1), ("int('2.5')", 2), ("int(1500ms)", 1),
            ("float(2)", 2.0), ("float('0.5')", 0.5), ("float(false)", 0.0), ("float(1500ms)", 1.5),
            ("string(1)", "1"), ("string([1])", "[1]"), ("string('s')", "s"), ("string(2s)", "2s"),
            ("type(1)", "int"), ("type(1.0)", "float"), ("type(2s)", "duration"), ("type(null)", "null"),
            ("raw('a b')", "a b"), ("now() > 1600000000", true),
            ("min(3, 1, 2)", 1), ("max(xs)", 3), ("min(1s, 500ms)", .duration(.milliseconds(500))), ("max('a', 'b')", "b"),
            ("sort(xs)", [1, 2, 3]), ("sort(['b', 'a'])", ["a", "b"]), ("sort([])", []),
            ("basename('/a/b/c.txt')", "c.txt"), ("basename('dir/')", "dir"), ("basename('/')", "/"),
            ("dirname('/a/b/c.txt')", "/a/b"), ("dirname('c.txt')", "."), ("dirname('/c')", "/"),
            ("glob('/no/such/dir/*')", []),
        ]

        @Test(arguments: calls)
        func builtinResults(text: String, expected: Value) throws {
            let v = try Self.evaluate(text)
            #expect(v == expected)
            #expect(v.typeName == expected.typeName, "\(text) gave \(v.typeName)")
        }

        static let errors: [(String, String)] = [
            ("len(3)", "len() needs a string, list or map, not an int"),
            ("contains(1, 2)", "contains() needs a list, a map with a string key, or two strings"),
            ("lower(1)", "lower() needs a string, not an int"),
            ("split('a', 1)", "split() needs a string, not an int"),
            ("join('a')", "join() needs a list, not a string"),
            ("replace('a', '', 'b')", "replace() needs a non-empty string to replace"),
            ("keys([])", "keys() needs a map, not a list"),
            ("range(1, 2, 0)", "range() step cannot be 0"),
            ("range(-9223372036854775807 - 1, 9223372036854775807)", "range() of 9223372036854775807 elements is larger than the limit of 268435456 elements"),
            ("range(9223372036854775807, -9223372036854775807 - 1, -1)", "range() of 9223372036854775807 elements is larger than the limit of 268435456 elements"),
            ("range('a')", "range() needs ints, not a string"),
            ("parse_json('{')", "parse_json(): invalid JSON at 1:2: expected a string key"),
            ("int('x')", "int(): \"x\" is not a number"),
            ("int(null)", "int() cannot convert null"),
            ("float('x')", "float(): \"x\" is not a number"),
            ("matches('a', '(')", "invalid regular expression"),
            ("min([])", "min() of an empty list"),
            ("max(1, 'a')", "max() cannot compare a string and an int"),
            ("sort([1, 'a'])", "sort() cannot order an int and a string"),
            ("now(1)", "now() takes 0 arguments, got 1"),
            ("split()", "split() takes 1 or 2 arguments, got 0"),
            ("range()", "range() takes 1 to 3 arguments, got 0"),
        ]

        @Test(arguments: errors)
        func builtinErrors(text: String, message: String) {
            #expect {
                _ = try Self.evaluate(text)
            } throws: { error in
                guard let e = error as? EvaluationError else { return false }
                return e.description == message || e.description.hasPrefix(message + ": ")
            }
        }

        @Test func functionsThatTouchTheSystemNeedTheirCapability() {
            for (call, capability) in [("env('HOME')", "environment"), ("exists('/')", "filesystem"), ("glob('*')", "filesystem")] {
                #expect {
                    _ = try Self.evaluate(call, capabilities: .none)
                } throws: { error in
                    (error as? EvaluationError)?.description == "\(call.prefix(while: { $0 != "(" }))() needs the '\(capability)' capability, which this host does not grant"
                }
            }
            #expect((try? Self.evaluate("len('x')", capabilities: .none)) == 1)
        }

        @Test func globMatchesFilesSorted() throws {
            var template = Array("/tmp/scout-glob-test-XXXXXX".utf8CString)
            let directory = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }.map { String(cString: $0) })
            defer {
                for name in ["b.py", "a.py", "c.txt"] { unlink("\(directory)/\(name)") }
                rmdir(directory)
            }
            for name in ["b.py", "a.py", "c.txt"] { close(open("\(directory)/\(name)", O_CREAT | O_WRONLY, 0o644)) }
            #expect(try Self.evaluate("glob('\(directory)/*.py')") == .list([.string("\(directory)/a.py"), .string("\(directory)/b.py")]))
            #expect(try Self.evaluate("len(glob('\(directory)/*'))") == 3)
        }

        @Test func aHostCanAddFunctions() throws {
            var table = FunctionTable.builtins
            table.register(ScoutFunction("double", parameters: "n", arity: 1...1, summary: "twice n") { args, call throws(EvaluationError) in
                guard let n = args[0].intValue else { throw call.error("double() needs an int", argument: 0) }
                return .int(n * 2)
            })
            let e = try Parser.parseExpression(SourceFile(name: "<expr>", text: "double(21)"), functions: table.names)
            #expect(try Evaluator(scope: BatchContext(), functions: table).evaluate(e) == 42)
            #expect(table.all.map(\.name).contains("double"))
            #expect(FunctionTable.builtins["double"] == nil)
        }

        @Test func everyFunctionTheLanguagePromisesExists() {
            let promised = ["len", "contains", "starts_with", "ends_with", "matches", "lower", "upper", "trim", "split", "join",
                            "keys", "values", "range", "env", "exists", "json", "parse_json", "int", "float", "string", "now"]
            #expect(promised.filter { FunctionTable.builtins[$0] == nil } == [])
        }
    }
}
