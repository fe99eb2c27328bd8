import Testing
@testable import Scout

/// `plan`: steps from Markdown and JSON files or prompt text, run with `extract steps`.
/// Serialized: its tests start many processes, and one at a time they leave the
/// supervisor and the machine free enough for the timing tests of other suites.
@Suite(.serialized) struct PlanCommandTests {
    static let markdown = """
        # Release 1.2

        Some words about the release.

        1. Build it: `echo building`
        2. Test it: `echo testing`
        - [x] Write the notes: `echo notes`
        - [ ] Tag it: `echo tagging`

        ```
        3. `echo not a step: inside a fence`
        ```
        """

    @Test func aMarkdownFileGivesItsListItemsAsSteps() async throws {
        let fixture = GitFixture()
        fixture.write(PlanCommandTests.markdown, to: "release.md", in: fixture.root)
        let o = try await ScriptHarness.run("""
            plan dir + "/release.md" store as p
            print len(p.steps), p.steps[0].description, p.steps[2].done
            """, variables: ["dir": .string(fixture.root)])
        #expect(o.lines == ["4 Build it: `echo building` true"])
        #expect(o.value("p.output") == [
            "steps": [
                ["description": "Build it: `echo building`", "done": false],
                ["description": "Test it: `echo testing`", "done": false],
                ["description": "Write the notes: `echo notes`", "done": true],
                ["description": "Tag it: `echo tagging`", "done": false],
            ],
            "file": .string(fixture.root + "/release.md"),
        ])
    }

    @Test func extractStepsRunsAMarkdownPlanAsASubBatch() async throws {
        let fixture = GitFixture()
        fixture.write(PlanCommandTests.markdown, to: "release.md", in: fixture.root)
        let o = try await ScriptHarness.run("""
            plan dir + "/release.md" extract steps store as p
            print p.status, p.sub_batch.summary
            """, variables: ["dir": .string(fixture.root)])
        #expect(o.lines == ["building", "testing", "tagging", #"success {"total":4,"successes":3,"failures":0}"#])
        let results = try #require(o.value("p.sub_batch.sub_batch_results")?.listValue)
        #expect(results.map { $0["status"] } == ["success", "success", "skipped", "success"])
    }

    @Test func aJSONFileGivesItsTasksAndRunsThemInParallel() async throws {
        let fixture = GitFixture()
        fixture.write("""
            {"steps": [
              {"command": "print", "args": {"values": ["one"]}},
              {"command": "run", "args": {"cmd": "echo two"}},
              {"command": "fail", "args": {"message": "three is broken"}}
            ]}
            """, to: "plan.json", in: fixture.root)
        let o = try await ScriptHarness.run("""
            plan dir + "/plan.json" store as listed
            print len(listed.steps), listed.steps[1].args.cmd
            plan dir + "/plan.json" extract steps parallel store as p
            print p.status, p.error, p.sub_batch.summary
            """, variables: ["dir": .string(fixture.root)])
        #expect(o.lines.first == "3 echo two")
        #expect(o.lines.last == #"failure 1 of 3 sub-batch steps failed {"total":3,"successes":2,"failures":1}"#)
        #expect(Set(o.lines.dropFirst().dropLast()) == ["one", "two"])
    }

    @Test func aJSONListIsAPlanToo() async throws {
        let fixture = GitFixture()
        fixture.write(#"[{"command": "print", "args": {"values": ["only step"]}}]"#, to: "steps.json", in: fixture.root)
        let o = try await ScriptHarness.run("""
            plan file: dir + "/steps.json" extract steps store as p
            print p.sub_batch.summary.total, p.file == dir + "/steps.json"
            """, variables: ["dir": .string(fixture.root)])
        #expect(o.lines == ["only step", "1 true"])
    }

    @Test func aPromptIsReadAsMarkdownAsInTheGuidesExample() async throws {
        let o = try await ScriptHarness.run(#"""
            plan prompt: "Add authentication to the app" extract steps sequential store as guide
            print guide.status, guide.steps, guide.file, guide.sub_batch.summary
            plan prompt: "1. `echo create the users table`\n2. `echo add the login route`" extract steps store as auth
            print auth.sub_batch.summary
            """#)
        #expect(o.lines == [
            #"success [] null {"total":0,"successes":0,"failures":0}"#,
            "create the users table", "add the login route",
            #"{"total":2,"successes":2,"failures":0}"#,
        ])
    }

    @Test func badPlansFailWithTheReason() async throws {
        let fixture = GitFixture()
        fixture.write("{not json", to: "broken.json", in: fixture.root)
        fixture.write(#"{"title": "no steps here"}"#, to: "other.json", in: fixture.root)
        let o = try await ScriptHarness.run("""
            plan dir + "/missing.md" store as missing
            plan dir + "/broken.json" store as broken
            plan dir + "/other.json" store as other
            plan store as neither
            plan dir + "/other.json", prompt: "1. `x`" store as both
            for r in [missing, broken, other, neither, both] { print r.status, r.error }
            """, variables: ["dir": .string(fixture.root)])
        #expect(o.lines == [
            "failure cannot read the plan: \(fixture.root)/missing.md: no such file",
            "failure \(fixture.root)/broken.json: invalid JSON: 1:2: expected a string key",
            #"failure \#(fixture.root)/other.json: a JSON plan is a list of steps or an object with "steps", not a map"#,
            "error plan needs a file or a prompt",
            "error plan takes a file or a prompt, not both",
        ])
    }

    @Test func planNeedsTheFileSystemCapability() async throws {
        do {
            _ = try await ScriptHarness.run("plan prompt: \"1. `x`\"") { $0.capabilities = Capabilities([.process]) }
            Issue.record("a script using plan without the file-system capability was accepted")
        } catch let error as DiagnosticList {
            #expect(error.diagnostics.map(\.message) == ["the command 'plan' needs the 'filesystem' capability, which this host does not grant"])
        }
    }
}
