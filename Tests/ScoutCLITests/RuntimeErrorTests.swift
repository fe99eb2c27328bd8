import Scout
import Testing

/// Errors found while a script runs are shown as the checker shows its errors: the place,
/// the source line and carets under the expression at fault.
@Suite struct RuntimeErrorTests {
    @Test func anArgumentThatCannotBeEvaluatedIsShownAtItsPlace() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        let script = dir + "/json.scout"
        CommandLineTests.write("""
            run "true" store as rel
            print rel.nonexistent
            print "after"
            """, to: script)
        let run = try await ScoutBinary.run([script])
        #expect(run.status == 1)
        #expect(run.stdout == "after\n")
        #expect(run.stderr.contains("""
              ✗ print rel.nonexistent
            \(script):2:7: error: rel has no field 'nonexistent'
              |
            2 | print rel.nonexistent
              |       ^^^^^^^^^^^^^^^

            """), "\(run)")
        #expect(run.stderr.contains("FAILED  print rel.nonexistent ("), "\(run)")
        #expect(run.stderr.contains("): rel has no field 'nonexistent'\n"), "\(run)")
        #expect(!run.stderr.contains(" in argument 1 of print"))
    }

    @Test func theHelpOfAnErrorIsShownAndQuietStillShowsIt() async throws {
        let run = try await ScoutBinary.run(["-q", "-e", """
            let versions = ["1.2"]
            print "v${version}"
            let version = "1.3"
            """])
        #expect(run.status == 1)
        #expect(run.stderr.contains("""
            -e:2:11: error: undefined variable 'version'
              |
            2 | print "v${version}"
              |           ^^^^^^^
              = help: did you mean 'versions'?

            """), "\(run)")
    }

    @Test func aScriptReadsThePlainMessageAndEventsCarryThePlace() async throws {
        let run = try await ScoutBinary.run(["--events", "json", "-e", """
            print len(3) store as p
            print p.error
            """])
        #expect(run.status == 1)
        #expect(run.stdout == "len() needs a string, list or map, not an int\n", "\(run)")
        #expect(run.stderr.contains(#""location":"-e:1:11""#), "\(run)")
    }

    @Test func aStepOfATaskBlockIsShownAtItsPlace() async throws {
        let run = try await ScoutBinary.run(["-e", """
            task build {
              print "x" + [1]
            }
            """])
        #expect(run.status == 1)
        #expect(run.stderr.contains("✗ build › print (\"x\" + [1])\n-e:2:9: error: "), "\(run)")
        #expect(run.stderr.contains("2 |   print \"x\" + [1]\n"), "\(run)")
        #expect(!run.stderr.contains("✗ build:"), "\(run)")
    }
}
