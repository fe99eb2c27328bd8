import Testing
@testable import Scout

extension RuntimeTests {
    /// Templates and conditions of the JSON task list (`Parser.parseTemplate`,
    /// `Parser.parseCondition`): what `${...}` becomes, what passes through to the shell,
    /// and errors with their place.
    @Suite struct TemplateTests {
        static let scope = BatchContext(initialVars: [
            "name": "World", "files": ["a.py", "b c.py"], "n": 3, "cfg": ["debug": true, "level": 2], "ok": true, "empty": "",
        ])

        static func render(_ text: String) throws -> Value {
            let e = try Parser.parseTemplate(SourceFile(name: "<template>", text: text))
            return try Evaluator(scope: scope).evaluate(e)
        }

        static let templates: [(String, Value)] = [
            ("plain text", "plain text"),
            ("", ""),
            ("${files}", ["a.py", "b c.py"]),
            ("${n}", 3),
            ("${cfg}", ["debug": true, "level": 2]),
            ("${n + 1}", 4),
            ("Hello ${name}!", "Hello World!"),
            ("${name}${name}", "WorldWorld"),
            ("files: ${files}", #"files: ["a.py","b c.py"]"#),
            ("cfg=${cfg}", #"cfg={"debug":true,"level":2}"#),
            ("level ${cfg.level}, debug ${cfg.debug}", "level 2, debug true"),
            ("${cfg[\"level\"] * 2}", 4),
            ("${ {a: 1}.a }", 1),
            ("${missing ?? \"none\"} here", "none here"),
            ("[${empty}]", "[]"),
            ("$HOME and $(pwd) and $$ and $1", "$HOME and $(pwd) and $$ and $1"),
            ("echo \\${HOME}", "echo ${HOME}"),
            ("a\\b \\n", "a\\b \\n"),
            ("cost: $5", "cost: $5"),
            ("${len(files)} files", "2 files"),
            ("multi\nline ${n}", "multi\nline 3"),
        ]

        @Test(arguments: templates)
        func templatesRender(text: String, expected: Value) throws {
            let v = try Self.render(text)
            #expect(v == expected)
            #expect(v.typeName == expected.typeName, "\(text) gave \(v.typeName)")
        }

        static let templateErrors: [(String, String)] = [
            ("echo ${name", "<template>:1:6: error: unterminated interpolation: '${' has no closing '}'"),
            ("echo ${}", "<template>:1:6: error: empty interpolation '${}'"),
            ("${1 +}", "<template>:1:6: error: expected an expression, found '}'"),
            ("ok\n${a b}", "<template>:2:5: error: expected '}', found 'b'"),
            ("${'unclosed}", "<template>:1:3: error: unterminated raw string"),
        ]

        @Test(arguments: templateErrors)
        func templateErrorsHaveTheirPlace(text: String, message: String) {
            do {
                _ = try Parser.parseTemplate(SourceFile(name: "<template>", text: text))
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.diagnostics.map(\.description).contains(message), "\(error.diagnostics)")
            }
        }

        @Test func anUndefinedNameInATemplateIsAnErrorAtItsPlace() throws {
            let source = SourceFile(name: "<template>", text: "deploy ${env} now")
            let e = try Parser.parseTemplate(source)
            do {
                _ = try Evaluator(scope: Self.scope).evaluate(e)
                Issue.record("expected an error")
            } catch {
                #expect(error.description == "undefined variable 'env'")
                #expect(error.span.line == 1)
                #expect(error.span.column == 10)
                #expect(source.text(of: error.span) == "env")
            }
        }

        static let conditions: [(String, Bool)] = [
            ("${ok}", true), (" ${ok} ", true), ("${missing}", false), ("${!missing}", true), ("ok && n > 2", true),
            ("${cfg.debug && cfg.level == 2}", true), ("cfg.level in [1, 3]", false), ("${empty}", false),
            ("true", true), ("false", false), ("files", true), ("${files[5]}", false),
        ]

        @Test(arguments: conditions)
        func conditionsAreOneExpression(text: String, expected: Bool) throws {
            let e = try Parser.parseCondition(text)
            #expect(try Evaluator(scope: Self.scope).condition(e) == expected)
        }

        @Test func aBareConditionMayHoldAnInterpolatedString() throws {
            let e = try Parser.parseCondition(#"name == "W${'orld'}" && "${n}" == '3'"#)
            #expect(try Evaluator(scope: Self.scope).condition(e))
        }

        @Test func textAroundAConditionsInterpolationIsAnError() {
            for text in ["x ${ok}", "${ok} && ${n}", "${a}${b}"] {
                do {
                    _ = try Parser.parseCondition(text, name: "if")
                    Issue.record("expected an error for \(text)")
                } catch {
                    #expect(error.description == #"if:1:1: error: a condition must be one expression: write "${a && b}" or "a && b", not text around ${...}"#)
                }
            }
        }
    }
}
