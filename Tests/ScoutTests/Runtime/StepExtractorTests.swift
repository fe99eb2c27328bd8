import Testing
@testable import Scout

extension RuntimeTests {
    /// `StepExtractor`: the steps of a plan from a JSON list of tasks, an object with `steps`,
    /// or a Markdown numbered or checkbox list.
    @Suite struct StepExtractorTests {
        /// A step as one line: `lint {...args}`, `run: make test`, `done: text`, `invalid: text`.
        static func describe(_ steps: [StepExtractor.Step]) -> [String] {
            steps.map { step in
                switch step {
                case .task(let t):
                    if t.command == "run", case .literal(let cmd)? = t.arguments.first(where: { $0.label == "cmd" })?.value.kind {
                        return "run: \(cmd.description)"
                    }
                    let args = t.arguments.map { "\($0.label ?? "_")=\(ExpressionPrinter.source($0.value))" }
                    return ([t.command] + args).joined(separator: " ")
                case .done(let text): return "done: \(text)"
                case .invalid(let text, _): return "invalid: \(text)"
                }
            }
        }

        static func steps(_ output: Value) throws -> [String] {
            describe(try StepExtractor.steps(from: output))
        }

        @Test func aJSONListOfTaskObjects() throws {
            let output = try JSONParser.parse(#"[{"command": "lint", "args": {"paths": ["src"]}}, {"command": "test", "store_as": "t"}]"#)
            #expect(try Self.steps(output) == [#"lint paths=["src"]"#, "test"])
            guard case .task(let second) = try StepExtractor.steps(from: output)[1] else {
                Issue.record("expected a task")
                return
            }
            #expect(second.storeAs == "t")
        }

        @Test func anObjectWithSteps() throws {
            #expect(try Self.steps(["steps": [["command": "build"], ["command": "test"]]]) == ["build", "test"])
            #expect(try Self.steps(["steps": "1. `make`\n2. `make install`"]) == ["run: make", "run: make install"])
            #expect(try Self.steps(["plan": "- [ ] `make check`"]) == ["run: make check"])
            #expect(try Self.steps(["summary": "nothing to do"]) == [])
        }

        @Test func textHoldingJSONIsParsedFirst() throws {
            #expect(try Self.steps(#"{"steps": [{"command": "deploy"}]}"#) == ["deploy"])
            #expect(try Self.steps(#" [{"command": "a"}] "#) == ["a"])
        }

        @Test func stringsAndDescriptionsInAListRunTheirCodeSpan() throws {
            let output: Value = [
                "Install: `npm ci`",
                ["description": "Run the tests with `npm test`"],
                ["title": "Old step `make old`", "done": true],
                ["step": "Think hard"],
            ]
            #expect(try Self.steps(output) == ["run: npm ci", "run: npm test", "done: Old step `make old`", "invalid: Think hard"])
        }

        @Test func markdownNumberedAndCheckboxLists() throws {
            let plan = """
                # Plan: add authentication

                Some prose with `code` that is not a step.

                1. Install the library: `npm install passport`
                2) Add the middleware with `npm run codegen -- auth`
                   10. Nested and indented: `npm run lint`
                - [ ] Write tests: `npm test -- auth`
                - [x] Already done: `npm run old`
                * [X] Also done
                + [ ] Build with ``make `uname -m` ``
                - Plain bullet `not a step`
                3. Review the design

                ```
                4. `inside a fence is not a step`
                ```
                ~~~
                - [ ] `nor here`
                ~~~
                5.no space `not a step`
                """
            let steps = try StepExtractor.steps(from: .string(plan))
            #expect(Self.describe(steps) == [
                "run: npm install passport",
                "run: npm run codegen -- auth",
                "run: npm run lint",
                "run: npm test -- auth",
                "done: Already done: `npm run old`",
                "done: Also done",
                "run: make `uname -m`",
                "invalid: Review the design",
            ])
            guard case .invalid(_, let reason) = steps[7] else {
                Issue.record("expected an invalid step")
                return
            }
            #expect(reason == "the step has no command: write it as a code span, such as `make test`")
        }

        @Test func outputsWithoutStepsGiveNone() throws {
            #expect(try Self.steps(.null) == [])
            #expect(try Self.steps(42) == [])
            #expect(try Self.steps("") == [])
            #expect(try Self.steps("just some text") == [])
            #expect(try Self.steps([]) == [])
            #expect(StepExtractor.firstCodeSpan("unclosed `code") == nil)
            #expect(StepExtractor.firstCodeSpan("empty `` here") == nil)
        }

        @Test func aBadTaskObjectIsAnErrorNamingTheStep() {
            do {
                _ = try StepExtractor.steps(from: ["steps": [["command": "ok"], ["command": 3]]])
                Issue.record("expected an error")
            } catch {
                #expect(error.description == #"sub-batch: task 1, field "command": must be a non-empty string, found an int"#)
            }
        }
    }
}
