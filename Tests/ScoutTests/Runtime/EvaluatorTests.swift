import Testing
@testable import Scout

extension RuntimeTests {
    /// `Evaluator` and `Operators`: the values of expressions, conditions where undefined names
    /// are null, and the words of evaluation errors.
    @Suite struct EvaluatorTests {
        static func context() -> BatchContext {
            let variables: [(String, Value)] = [
                ("xs", [10, 20, 30]),
                ("m", ["key": "v", "n": 2]),
                ("r", ["status": "success", "ok": true, "output": ["branch": "main", "status": "dirty"]]),
                ("s", "héllo"),
                ("name", "World"),
                ("zero", 0),
                ("flag", false),
                ("nothing", nil),
                ("big", .int(.max)),
            ]
            return BatchContext(variables: ValueMap(variables))
        }

        static func evaluate(_ text: String) throws -> Value {
            let e = try Parser.parseExpression(SourceFile(name: "<expr>", text: text))
            return try Evaluator(scope: context()).evaluate(e)
        }

        static func condition(_ text: String) throws -> Bool {
            let e = try Parser.parseExpression(SourceFile(name: "<expr>", text: text))
            return try Evaluator(scope: context()).condition(e)
        }

        static let values: [(String, Value)] = [
            ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 / 2", 3.5), ("6 / 3", 2), ("7 % 3", 1), ("-7 % 3", -1),
            ("7.5 % 2", 1.5), ("2 ** 10", 1024), ("2 ** -1", 0.5), ("2 ** 3 ** 2", 512), ("-2 ** 2", -4),
            ("1.5 + 1", 2.5), ("10 - 2.5", 7.5), ("-xs[0]", -10),
            ("'a' + \"b\"", "ab"), ("[1] + [2, 3]", [1, 2, 3]), ("{a: 1, b: 1} + {b: 2}", ["a": 1, "b": 2]),
            ("2s + 500ms", .duration(.milliseconds(2500))), ("1m / 2", .duration(.seconds(30))), ("2s * 3", .duration(.seconds(6))),
            ("3 * 2s", .duration(.seconds(6))), ("1m / 1s", 60.0), ("1m - 90s", .duration(.seconds(-30))), ("-1s", .duration(.seconds(-1))),
            ("1 < 2.5", true), ("'a' < 'b'", true), ("250ms < 1s", true), ("2 >= 2", true), ("3 <= 2", false),
            ("1 == 1.0", true), ("null == null", true), ("[1, 2] == [1, 2]", true), ("'1' == 1", false), ("{a: 1} != {a: 1}", false),
            ("2 in xs", false), ("20 in xs", true), ("'key' in m", true), ("'ell' in 'hello'", true), ("'' in 'x'", true),
            ("true && false", false), ("zero || 'x'", true), ("!zero", true), ("not []", true), ("true and not false", true),
            ("flag or nothing", false),
            ("nothing ?? 'default'", "default"), ("flag ?? 'default'", false), ("missing ?? 1", 1), ("m.nope ?? 'd'", "d"),
            ("xs[9] ?? 'none'", "none"), ("missing.deeper.still ?? 0", 0),
            ("xs[0]", 10), ("xs[-1]", 30), ("xs.1", 20), ("m['key']", "v"), ("m.key", "v"), ("s[1]", "é"), ("s[-1]", "o"),
            ("r.branch", "main"), ("r.output.branch", "main"), ("r.status", "success"), ("r['branch']", "main"),
            ("[1, 'a', [true]]", [1, "a", [true]]), ("{'a b': 1, c: [2]}", ["a b": 1, "c": [2]]),
            ("\"Hello ${name}!\"", "Hello World!"), ("\"${xs} ${m}\"", #"[10,20,30] {"key":"v","n":2}"#),
            ("\"${1.0} ${nothing} ${2s}\"", "1.0 null 2s"), ("'raw $HOME'", "raw $HOME"),
        ]

        @Test(arguments: values)
        func expressionValues(text: String, expected: Value) throws {
            let v = try Self.evaluate(text)
            #expect(v == expected)
            #expect(v.typeName == expected.typeName, "\(text) gave \(v.typeName)")
        }

        static let errors: [(String, String)] = [
            ("nme", "undefined variable 'nme' (did you mean 'name'?)"),
            ("missing + 1", "undefined variable 'missing'"),
            ("\"${missing}\"", "undefined variable 'missing'"),
            ("xs[5]", "index 5 is out of range for a list of 3"),
            ("xs[-4]", "index -4 is out of range for a list of 3"),
            ("xs['a']", "a list index must be an int, not a string"),
            ("s[9]", "index 9 is out of range for a string of 5 characters"),
            ("m['nope']", "no key \"nope\" in the map"),
            ("m.nope", "m has no field 'nope'"),
            ("m.kye", "m has no field 'kye' (did you mean 'key'?)"),
            ("r.brnch", "r has no field 'brnch' (did you mean 'branch'?)"),
            ("zero.field", "zero is an int, it has no field 'field'"),
            ("nothing.field", "nothing is null, it has no field 'field'"),
            ("xs.field", "xs is a list, it has no field 'field'"),
            ("zero[0]", "cannot index an int with an int"),
            ("nothing[0]", "cannot index null with an int"),
            ("m[0]", "cannot index a map with an int"),
            ("1 / 0", "division by zero"), ("1 % 0", "division by zero"), ("1.5 / 0", "division by zero"), ("1s / 0", "division by zero"),
            ("'a' - 1", "cannot apply '-' to a string and an int"),
            ("[1] < [2]", "cannot apply '<' to a list and a list"),
            ("1 in 2", "cannot apply 'in' to an int and an int"),
            ("null + 1", "cannot apply '+' to null and an int"),
            ("big + 1", "integer overflow in '+'"),
            ("big * 2", "integer overflow in '*'"),
            ("-name", "cannot negate a string"),
            ("-nothing", "cannot negate null"),
            ("2500000h + 2500000h", "duration out of range (more than 292 years)"),
            ("2500000h - -2500000h", "duration out of range (more than 292 years)"),
            ("2500000h * 3", "duration out of range (more than 292 years)"),
            ("3 * 2500000h", "duration out of range (more than 292 years)"),
            ("1s * 1000000000000.0 * 1000000000000.0", "duration out of range (more than 292 years)"),
            ("1s / 0.000000000001", "duration out of range (more than 292 years)"),
            ("len(1, 2)", "len() takes 1 argument, got 2"),
            ("lenn(xs)", "unknown function 'lenn' (did you mean 'len'?)"),
        ]

        @Test(arguments: errors)
        func evaluationErrorsSayWhatIsWrong(text: String, message: String) {
            #expect {
                _ = try Self.evaluate(text)
            } throws: { error in
                (error as? EvaluationError)?.description == message
            }
        }

        @Test func anErrorPointsAtTheFaultyPart() throws {
            let source = SourceFile(name: "<expr>", text: "1 +\n  xs[7]")
            let e = try Parser.parseExpression(source)
            do {
                _ = try Evaluator(scope: Self.context()).evaluate(e)
                Issue.record("expected an error")
            } catch {
                #expect(error.span.line == 2)
                #expect(error.span.column == 6)
                #expect(source.text(of: error.span) == "7")
            }
        }

        static let conditions: [(String, Bool)] = [
            ("missing", false), ("missing.field", false), ("!missing", true), ("r.ok", true), ("r.failed", false),
            ("r.branch == 'main'", true), ("xs[10]", false), ("nothing[0]", false), ("m['nope']", false),
            ("zero", false), ("xs", true), ("m.n > 1", true), ("len(xs) == 3 && r.ok", true),
            ("missing.a && missing.b", false), ("missing.a || r.ok", true),
        ]

        @Test(arguments: conditions)
        func inAConditionUndefinedNamesAndMissingFieldsAreNull(text: String, expected: Bool) throws {
            #expect(try Self.condition(text) == expected)
        }

        @Test func interpolationIsStrictEvenInAConditionAndTypeErrorsStillCount() {
            #expect(throws: EvaluationError.self) { _ = try Self.condition("\"${missing}\" == ''") }
            #expect(throws: EvaluationError.self) { _ = try Self.condition("'a' < 1") }
            #expect(throws: EvaluationError.self) { _ = try Self.condition("1 / 0") }
        }

        @Test func andOrShortCircuit() throws {
            #expect(try Self.condition("false && (1 / 0)") == false)
            #expect(try Self.condition("true || (1 / 0)") == true)
            #expect(try Self.evaluate("r ?? (1 / 0)")["ok"] == true)
        }

        @Test func valuesLargerThanTheLimitAreAnError() throws {
            let e = try Parser.parseExpression(SourceFile(name: "<expr>", text: "'abcd' + 'efgh'"))
            #expect {
                _ = try Evaluator(scope: Self.context(), maxValueSize: 6).evaluate(e)
            } throws: { error in
                (error as? EvaluationError)?.description == "string larger than the limit of 6 bytes"
            }
            let range = try Parser.parseExpression(SourceFile(name: "<expr>", text: "range(100)"))
            #expect {
                _ = try Evaluator(scope: Self.context(), maxValueSize: 10).evaluate(range)
            } throws: { error in
                (error as? EvaluationError)?.description == "range() of 100 elements is larger than the limit of 10 elements"
            }
        }

        @Test func anEvaluatorOverATaskScopeSeesItsOwnVariablesFirst() throws {
            let context = Self.context()
            let own = TaskVariableScope(over: context)
            own.set("name", "Task")
            #expect(context.lookup("name") == "Task")
            context.assign("name", "Other")
            let e = try Parser.parseExpression(SourceFile(name: "<expr>", text: "name + ' ' + m.key"))
            #expect(try Evaluator(scope: own).evaluate(e) == "Task v")
            own.assign("name", "Changed")
            #expect(own.lookup("name") == "Changed")
            #expect(context.lookup("name") == "Changed")
            own.assign("fresh", 1)
            #expect(context.lookup("fresh") == 1)
            #expect(own.visibleNames().first == "name")
            #expect(Set(own.visibleNames()) == Set(context.visibleNames()))
        }
    }
}
