import Scout
import Testing

/// `for X in EXPR store as NAME` and `parallel for ... store as NAME`: the iterations'
/// results as a list in iteration order, through the binary.
@Suite struct LoopResultsTests {
    @Test func parallelForStoresOneResultPerIterationInOrder() async throws {
        let script = """
            let files = ["a.c", "b.c", "bad.c", "d.c"]
            parallel(max: 4) for f in files store as builds {
              sleep 300ms if f == "a.c"
              run "test ${f} != bad.c"
            }
            for b in builds { print "${b.item}: ${b.status}" }
            print len(builds), builds[0].ok, builds[2].failed, builds[2].exit_code
            """
        let run = try await ScoutBinary.run(["-q", "-e", script])
        #expect(run.stdout == "a.c: success\nb.c: success\nbad.c: failure\nd.c: success\n4 true true 1\n", "\(run)")
        #expect(run.status == 1, "\(run)")
    }

    @Test func forStoresTheBodyResultAsATaskBlockDoes() async throws {
        let script = """
            for n in range(3) store as rs {
              run "echo out-${n}", quiet: true
              print "step ${n}" if n == 2
            }
            print rs[0].output, rs[0].stdout == "out-0\\n", rs[2].output, rs[1].item, rs[2].command
            for x in [] store as none { print x }
            print none
            """
        let run = try await ScoutBinary.run(["-q", "-e", script])
        #expect(run.stdout == "step 2\nout-0 true step 2 1 for\n[]\n", "\(run)")
        #expect(run.status == 0, "\(run)")
    }

    @Test func theStoredNameIsDefinedForTheChecker() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("for x in [1] store as rs {\n  print x\n}\nprint rs[0].status\n", to: dir + "/ok.scout")
        let check = try await ScoutBinary.run(["check", dir + "/ok.scout"])
        #expect(check.status == 0, "\(check)")
        CommandLineTests.write("for x in [1] store as results {\n  print x\n}\nprint resuls[0].status\n", to: dir + "/bad.scout")
        let bad = try await ScoutBinary.run(["check", dir + "/bad.scout"])
        #expect(bad.status == 2, "\(bad)")
        #expect(bad.stderr.contains("did you mean 'results'?"), "\(bad)")
    }

    @Test func formattingKeepsTheClause() async throws {
        let source = "parallel(max:4) for f in files  store as builds {\nrun \"cc -c ${f}\"\n}\nfor x in xs store as rs { print x }\n"
        let run = try await ScoutBinary.run(["fmt", "-"], stdin: source)
        #expect(run.stdout == "parallel(max: 4) for f in files store as builds {\n  run \"cc -c ${f}\"\n}\nfor x in xs store as rs { print x }\n", "\(run)")
        #expect(run.status == 0, "\(run)")
    }

    @Test func aMisspeltClauseIsASyntaxError() async throws {
        let run = try await ScoutBinary.run(["-e", "for x in [1] store rs { print x }"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("expected 'as'"), "\(run)")
    }
}
