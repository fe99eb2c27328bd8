import Scout
import Testing

/// Conditions in a dry run: undecided exactly when they read a value only a task that did
/// not run would have given.
@Suite struct DecisionTests {
    static func decide(_ text: String) throws -> Decision {
        var notRun = TaskResult.success()
        notRun.notRun = true
        notRun.command = "run"
        let context = BatchContext(initialVars: ["env": "prod", "files": ["a.c"], "ran": TaskResult.success(output: "x").toValue()])
        context.assign("lint", notRun.toValue())
        let expression = try Parser.parseExpression(SourceFile(name: "t", text: text))
        return try Evaluator(scope: context).decide(expression)
    }

    @Test(arguments: [
        ("lint.ok", Decision.undecided), ("lint.output != \"\"", .undecided), ("env == \"prod\" && lint.ok", .undecided),
        ("lint", .undecided), ("len(lint.stdout ?? \"\") > 0", .undecided), ("[lint.exit_code][0] == 0", .undecided),
        ("env == \"prod\"", .yes), ("len(files) > 1", .no), ("ran.ok", .yes), ("lint.command == \"run\"", .yes),
        ("missing.ok", .no),
    ])
    func aConditionIsUndecidedWhenItReadsAnUnknownValue(_ text: String, _ expected: Decision) throws {
        #expect(try DecisionTests.decide(text) == expected)
    }
}
