import Glibc
@testable import ScoutCLI
import Scout
import Testing

/// What Tab offers: names by the word before the cursor, fields after a dot, meta-commands
/// and files; nothing inside a string.
@Suite(.serialized) struct CompleterTests {
    static let build: Value = TaskResult(status: .success, output: ["branch": "main", "status": "clean"], exitCode: 0, command: "run", name: "build").toValue()

    static var completer: Completer {
        var c = Completer()
        c.commands = ["fail", "print", "run", "sleep", "deploy"]
        c.functions = ["len", "keys", "range"]
        c.variables = ["build", "builds", "env"]
        c.metaCommands = MetaCommand.names
        c.value = { path in
            let context = BatchContext(variables: ValueMap([("build", CompleterTests.build), ("env", "prod")]))
            return context.getVar(path)
        }
        return c
    }

    static func candidates(_ text: String, cursor: Int? = nil) -> [String]? {
        completer.complete(text, cursor: cursor ?? text.count)?.candidates
    }

    @Test func commandsAndKeywordsStartAStatement() {
        #expect(CompleterTests.candidates("prin") == ["print "])
        #expect(CompleterTests.candidates("pa") == ["parallel", "param"])
        #expect(CompleterTests.candidates("para") == ["parallel", "param"])
        #expect(CompleterTests.candidates("paral") == ["parallel "])
        #expect(CompleterTests.candidates("s") == ["sequential", "skip_if", "sleep", "sources", "stop", "stop_if", "store"])
        #expect(CompleterTests.candidates("task x {\n  dep") == ["deploy "])
        #expect(CompleterTests.completer.complete("print 1; ru", cursor: 11) == Completion(start: 9, candidates: ["run "], labels: ["run"]))
    }

    /// As shells do after a unique completion, a command or keyword gets a space after it; a
    /// variable does not (it may go on with `.field`), nor a function (it goes on with `(`).
    @Test func aUniqueCommandOrKeywordGetsASpace() {
        #expect(CompleterTests.completer.complete("prin", cursor: 4)?.listed == ["print"])
        #expect(CompleterTests.candidates("print 1 if tr") == ["true "])
        #expect(CompleterTests.candidates("print bui") == ["build", "builds"])
        #expect(CompleterTests.candidates("print en") == ["env"])
        #expect(CompleterTests.candidates("en") == ["env"])
        #expect(CompleterTests.candidates("let n = ran") == ["range"])
        #expect(CompleterTests.candidates("prin x", cursor: 4) == ["print"], "no second space before one that is there")
        #expect(CompleterTests.candidates("print") == ["print "])
    }

    @Test func expressionsGetVariablesFunctionsAndKeywords() {
        #expect(CompleterTests.candidates("let n = le") == ["len", "let"])
        #expect(CompleterTests.candidates("print bu") == ["build", "builds"])
        #expect(CompleterTests.completer.complete("print bu", cursor: 7) == Completion(start: 6, candidates: ["build", "builds"]),
                "only what is before the cursor counts")
        #expect(CompleterTests.candidates("if en") == ["env"])
        #expect(CompleterTests.candidates("print 3") == nil)
    }

    @Test func fieldsOfAResultAndOfItsOutput() throws {
        let all = try #require(CompleterTests.candidates("build."))
        for field in ["ok", "status", "output", "exit_code", "duration_ms", "stdout", "branch"] {
            #expect(all.contains(field))
        }
        #expect(all == all.sorted())
        #expect(all.filter { $0 == "status" }.count == 1, "a field of output hidden by the result's own is offered once")
        #expect(CompleterTests.candidates("print build.ex") == ["exit_code"])
        #expect(CompleterTests.candidates("build.output.br") == ["branch"])
        #expect(CompleterTests.completer.complete("x = build.st", cursor: 12)?.start == 10)
        #expect(CompleterTests.candidates("env.") == nil)
        #expect(CompleterTests.candidates("nothing.") == nil)
    }

    @Test func nothingInsideAString() {
        #expect(CompleterTests.candidates("print \"pri") == nil)
        #expect(CompleterTests.candidates("print 'bu") == nil)
        #expect(CompleterTests.candidates("print \"${bu") == ["build", "builds"])
        #expect(CompleterTests.candidates("print \"x\" + bu") == ["build", "builds"])
    }

    @Test func metaCommandsAndFiles() throws {
        #expect(CompleterTests.candidates(":l") == [":load"])
        #expect(CompleterTests.candidates(":q") == [":q", ":quit"])
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("print 1\n", to: dir + "/deploy.scout")
        CommandLineTests.write("print 2\n", to: dir + "/demo.scout")
        CommandLineTests.write("", to: dir + "/.hidden")
        _ = mkdir(dir + "/defs", 0o755)
        let typed = ":load " + dir + "/de"
        let completion = try #require(CompleterTests.completer.complete(typed, cursor: typed.count))
        #expect(completion.start == 6)
        #expect(completion.candidates == [dir + "/defs/", dir + "/demo.scout", dir + "/deploy.scout"])
        #expect(completion.listed == ["defs/", "demo.scout", "deploy.scout"])
        #expect(CompleterTests.candidates(":save " + dir + "/.h") == [dir + "/.hidden"])
        #expect(CompleterTests.candidates(":vars x") == nil)
    }
}
