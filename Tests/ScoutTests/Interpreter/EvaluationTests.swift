import Glibc
import Testing
@testable import Scout

/// Expressions and strings as scripts see them: undefined names, interpolation, quoting,
/// runtime errors with their place.
@Suite struct EvaluationTests {
    @Test func anUndefinedNameInAConditionIsNull() async throws {
        let o = try await ScriptHarness.run("let flag = 1\nprint \"x\" if undefined_flag_name\nprint flag")
        #expect(o.lines == ["1"])
    }

    @Test func anUndefinedNameInAnInterpolationIsAnErrorBeforeAnythingRuns() async throws {
        let diagnostics = await ScriptHarness.rejection("let version = 1\nprint \"start\"\nrun \"echo ${verison}\"")
        let d = try #require(diagnostics.first)
        #expect(d.kind == .neverDefined("verison", suggestion: "version"))
        #expect(d.span.line == 3)
        #expect(d.span.column == 13)
        #expect(d.span.length == 7)
    }

    @Test func anUndefinedNameFoundOnlyAtRunTimeNamesTheVariableAndItsPlace() async throws {
        // `later` is defined somewhere, so the checker accepts it; at run time it is not yet.
        let o = try await ScriptHarness.run("""
            print "start"
            let x = later + 1
            let later = 2
            """)
        #expect(o.lines == ["start"])
        let e = try #require(o.result.errors.first)
        #expect(e.kind == .undefinedVariable("later", suggestion: nil))
        #expect(e.span.line == 2)
        #expect(e.span.column == 9)
        #expect(o.result.failed)
    }

    @Test func aBadArgumentMakesAnErrorResultNamingTheTaskAndPlace() async throws {
        let o = try await ScriptHarness.run("""
            let later = 0
            run "echo ${missing_field.x}" store as r
            let missing_field = 1
            """)
        let r = try #require(o.value("r"))
        #expect(r["status"] == "error")
        #expect(r["error"]?.stringValue?.contains("undefined variable 'missing_field'") == true)
        // The message is plain; the place is the result's diagnostic, which the CLI renders.
        #expect(r["error"]?.stringValue?.contains("test.scout") == false)
        let diagnostic = try #require(o.result.results.first { $0.name == "r" }?.diagnostic)
        #expect(diagnostic.description == "test.scout:2:13: error: undefined variable 'missing_field'")
    }

    @Test func coalesceGivesADefaultForNullAndUndefined() async throws {
        let o = try await ScriptHarness.run("let n = null\nprint n ?? 1, nothing ?? 2, 0 ?? 3")
        #expect(o.lines == ["1 2 0"])
    }

    @Test func interpolationIntoRunIsShellQuoted() async throws {
        let marker = "/tmp/scout-quoting-\(UInt32.random(in: 0...UInt32.max))"
        let o = try await ScriptHarness.run("""
            let x = "a; touch \(marker)"
            run "echo ${x}"
            """)
        #expect(o.stdout == "a; touch \(marker)\n")
        #expect(access(marker, F_OK) != 0)
    }

    @Test func aListInterpolatesAsSeveralWordsAndRawIsUnquoted() async throws {
        let o = try await ScriptHarness.run("""
            let words = ["a b", "c"]
            run "printf '[%s]' ${words}; echo"
            run "echo ${raw("x y") }"
            """)
        #expect(o.lines == ["[a b][c]", "x y"])
    }

    @Test func otherCommandsReceivePlainStrings() async throws {
        let o = try await ScriptHarness.run("let x = \"a b\"\nprint \"<${x}>\"")
        #expect(o.lines == ["<a b>"])
    }

    @Test func resultsExposeOutputFieldsDirectly() async throws {
        let o = try await ScriptHarness.run(#"""
            run "echo '{\"branch\": \"main\", \"status\": \"dirty\"}'", quiet: true store as git
            print git.branch, git.status, git.output.status
            """#)
        #expect(o.lines == ["main success dirty"])
    }

    @Test func jsonTrueFailsOnOutputThatIsNotJSON() async throws {
        let o = try await ScriptHarness.run(#"run "echo plain", json: true, quiet: true store as r"# + "\nprint r.status, r.error")
        #expect(o.lines == ["failure output is not JSON"])
    }

    @Test func typeErrorsAreRuntimeErrorsWithTheirPlace() async throws {
        let o = try await ScriptHarness.run("let x = \"a\" - 1")
        let e = try #require(o.result.errors.first)
        #expect(e.message == "cannot apply '-' to a string and an int")
        #expect(e.span.column == 9)
    }

    @Test func divisionByZeroIsAnError() async throws {
        let o = try await ScriptHarness.run("let x = 1 / 0")
        #expect(o.result.errors.first?.message == "division by zero")
    }

    @Test func integerOverflowIsAnErrorNotACrash() async throws {
        let o = try await ScriptHarness.run("let x = 9223372036854775807 + 1")
        #expect(o.result.errors.first?.message == "integer overflow in '+'")
    }
}
