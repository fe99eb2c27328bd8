import Scout
import Testing
@testable import ScoutLanguageServer

/// Each request of the server on a sample script.
@Suite struct RequestTests {
    typealias Client = LanguageServerClient

    static let sample = """
        param env = "staging"  # where to deploy
        let files = ["a", "b"]
        let config = {region: "eu", replicas: 2}

        # check the style
        task lint { run "make lint" }
        parallel {
          task build needs lint {
            retry 3
            run "make", quiet: true store as made
          }
        }
        command notify(message, channel = "#builds") {
          print "[${channel}] ${message}"
        }
        for f in files {
          print f
        }
        notify "done ${env}", channel: "#dev"
        print build.st
        print len(files)

        """

    static func exchange(_ requests: [Value], text: String = sample) -> LanguageServerClient.Exchange {
        Client.exchange(Client.opening(text) + requests + Client.ending)
    }

    static func labels(_ result: Value?) -> [String] {
        guard case .list(let items)? = result?["items"] else { return [] }
        return items.compactMap { $0["label"]?.stringValue }
    }

    static func start(_ v: Value?) -> [Int] {
        [v?["range"]?["start"]?["line"]?.intValue ?? -1, v?["range"]?["start"]?["character"]?.intValue ?? -1]
    }

    @Test func diagnosticsMatchScoutCheckInUTF16() throws {
        let text = "let s = \"é中😀\" + nope\nrun \"x\" retry \"many\"\n"
        let x = RequestTests.exchange([], text: text)
        let published = try #require(x.notifications("textDocument/publishDiagnostics").last)
        guard case .list(let list)? = published["params"]?["diagnostics"] else {
            Issue.record("no diagnostics: \(x.messages)")
            return
        }
        let checked = Interpreter().check(SourceFile(name: "t.scout", text: text))
        #expect(list.count == checked.count)
        let first = try #require(list.first)
        // Column 17 in scalars is 17 UTF-16 units from the start: the emoji takes two.
        #expect(checked.first?.span.column == 17)
        #expect(RequestTests.start(first) == [1 - 1, 17])
        #expect(first["range"]?["end"]?["character"] == .int(21))
        #expect(first["severity"] == .int(1))
        #expect(first["message"]?.stringValue?.hasPrefix("'nope' is never defined") == true)
        #expect(published["params"]?["version"] == .int(1))
    }

    @Test func diagnosticsFollowChangesAndCloses() throws {
        let change = Client.notification("textDocument/didChange", [
            "textDocument": ["uri": .string(Client.uri), "version": 2],
            "contentChanges": [["text": "print 1\n"]],
        ])
        let incremental = Client.notification("textDocument/didChange", [
            "textDocument": ["uri": .string(Client.uri), "version": 3],
            "contentChanges": [["range": ["start": ["line": 0, "character": 6], "end": ["line": 0, "character": 7]], "text": "x + 1"]],
        ])
        let x = RequestTests.exchange([change, incremental], text: "print nope\n")
        // A check whose document changed again before it was sent may be skipped, never the last.
        let published = x.notifications("textDocument/publishDiagnostics").map { $0["params"]! }
        let versions = published.compactMap { $0["version"]?.intValue }
        #expect(versions == versions.sorted() && versions.last == 3)
        let last = published.last { $0["version"] == .int(3) }
        #expect(last?["diagnostics"]?[0]?["message"]?.stringValue?.hasPrefix("'x' is never defined") == true)
        let closed = RequestTests.exchange([Client.notification("textDocument/didClose", ["textDocument": ["uri": .string(Client.uri)]])], text: "print nope\n")
        let after = closed.notifications("textDocument/publishDiagnostics").last?["params"]
        #expect(after?["diagnostics"] == .list([]))
        #expect(after?["uri"] == .string(Client.uri))
    }

    @Test func changesAfterShutdownStillApply() {
        let text = "print 1\n"
        let change = Client.notification("textDocument/didChange", [
            "textDocument": ["uri": .string(Client.uri), "version": 2],
            "contentChanges": [["range": ["start": ["line": 0, "character": 6], "end": ["line": 0, "character": 7]], "text": "😀 + x"]],
        ])
        let x = Client.exchange(Client.opening(text) + [change] + Client.ending)
        let last = x.notifications("textDocument/publishDiagnostics").last?["params"]
        #expect(last?["version"] == .int(2))
        #expect(last?["diagnostics"]?[0]?["message"] != nil)
    }

    @Test func completionAfterADotListsTheResultFields() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/completion", line: 19, character: 14),
                                       Client.at(3, "textDocument/completion", line: 19, character: 12)])
        let fields = RequestTests.labels(x.result(2))
        for field in ["status", "ok", "failed", "stdout", "stderr", "exit_code", "duration_ms"] {
            #expect(fields.contains(field), "\(field) in \(fields)")
        }
        #expect(!fields.contains("let"))
        #expect(RequestTests.labels(x.result(3)) == fields)
    }

    @Test func completionOfAMapsKeys() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/completion", line: 20, character: 13)],
                                      text: RequestTests.sample.replacingLastLine(with: "print config.r\n"))
        #expect(RequestTests.labels(x.result(2)) == ["region", "replicas"])
    }

    @Test func completionElsewhereListsNamesCommandsFunctionsAndKeywords() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/completion", line: 20, character: 6),
                                       Client.at(3, "textDocument/completion", line: 18, character: 22),
                                       Client.at(4, "textDocument/completion", line: 16, character: 8),
                                       Client.at(5, "textDocument/completion", line: 9, character: 17)])
        let top = RequestTests.labels(x.result(2))
        for name in ["env", "files", "config", "lint", "build", "made", "notify", "run", "print", "glob", "len", "retry", "parallel"] {
            #expect(top.contains(name), "\(name) in \(top)")
        }
        #expect(!top.contains("f"), "the loop variable is not visible after the loop")
        #expect(!top.contains("channel:"))
        let notify = RequestTests.labels(x.result(3))
        #expect(notify.contains("message:") && notify.contains("channel:"))
        let inLoop = RequestTests.labels(x.result(4))
        #expect(inLoop.contains("f"))
        let run = RequestTests.labels(x.result(5))
        #expect(run.contains("quiet:") && run.contains("timeout:"))
    }

    @Test func nothingIsCompletedInTextOrComments() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/completion", line: 0, character: 30),
                                       Client.at(3, "textDocument/completion", line: 18, character: 10),
                                       Client.at(4, "textDocument/completion", line: 18, character: 16),
                                       Client.at(5, "textDocument/completion", line: 13, character: 9),
                                       Client.at(6, "textDocument/completion", line: 4, character: 3)])
        #expect(RequestTests.labels(x.result(2)).isEmpty)
        #expect(RequestTests.labels(x.result(3)).isEmpty)
        #expect(RequestTests.labels(x.result(4)).contains("env"), "in an interpolation names are completed")
        #expect(RequestTests.labels(x.result(5)).isEmpty)
        #expect(RequestTests.labels(x.result(6)).isEmpty)
    }

    @Test func documentHighlightMarksDefinitionsAndUses() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/documentHighlight", line: 1, character: 5)])
        guard case .list(let marks)? = x.result(2) else {
            Issue.record("no highlights")
            return
        }
        #expect(marks.map(RequestTests.start) == [[1, 4], [15, 9], [20, 10]])
        #expect(marks.map { $0["kind"]?.intValue ?? 0 } == [3, 2, 2])
    }

    @Test func hoverShowsKeywordCommandFunctionAndDefinitionHelp() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/hover", line: 8, character: 6),
                                       Client.at(3, "textDocument/hover", line: 9, character: 5),
                                       Client.at(4, "textDocument/hover", line: 20, character: 7),
                                       Client.at(5, "textDocument/hover", line: 7, character: 20),
                                       Client.at(6, "textDocument/hover", line: 18, character: 16),
                                       Client.at(7, "textDocument/hover", line: 18, character: 2),
                                       Client.at(8, "textDocument/hover", line: 3, character: 0),
                                       Client.at(9, "textDocument/hover", line: 9, character: 17),
                                       Client.at(10, "textDocument/hover", line: 19, character: 13)])
        func text(_ id: Int) -> String { x.result(id)?["contents"]?["value"]?.stringValue ?? "" }
        #expect(text(2).hasPrefix("TASK retry N"))
        #expect(RequestTests.start(x.result(2)) == [8, 4])
        #expect(text(3).contains("runs a command line"))
        #expect(text(4).hasPrefix("len("))
        #expect(text(5) == "(task) lint\n\ntask lint { run \"make lint\" }\n\ncheck the style\n")
        #expect(text(6) == "(script parameter) env\n\nparam env = \"staging\"  # where to deploy\n\nwhere to deploy\n")
        #expect(text(7).hasPrefix("(command) notify\n\ncommand notify(message, channel = \"#builds\") {"))
        #expect(x.result(8) == .null)
        #expect(text(9).hasPrefix("(argument of run) quiet: "), "\(text(9))")
        #expect(x.result(10) == .null, "st is no field of a result")
    }

    @Test func hoverOnAResultField() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/hover", line: 19, character: 14)],
                                      text: RequestTests.sample.replacingOccurrences(of: "print build.st", with: "print build.stdout"))
        #expect(x.result(2)?["contents"]?["value"] == "(result field) stdout\n")
    }

    @Test func definitionAndReferences() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/definition", line: 7, character: 19),
                                       Client.at(3, "textDocument/definition", line: 18, character: 3),
                                       Client.at(4, "textDocument/definition", line: 13, character: 31),
                                       Client.at(5, "textDocument/references", line: 1, character: 5, [("context", ["includeDeclaration": true])]),
                                       Client.at(6, "textDocument/definition", line: 19, character: 8),
                                       Client.at(7, "textDocument/definition", line: 9, character: 4)])
        #expect(RequestTests.start(x.result(2)) == [5, 5])
        #expect(x.result(2)?["uri"] == .string(Client.uri))
        #expect(RequestTests.start(x.result(3)) == [12, 8])
        #expect(RequestTests.start(x.result(4)) == [12, 15])
        guard case .list(let refs)? = x.result(5) else {
            Issue.record("no references")
            return
        }
        #expect(refs.map(RequestTests.start) == [[1, 4], [15, 9], [20, 10]])
        #expect(RequestTests.start(x.result(6)) == [7, 7])
        #expect(x.result(7) == .null, "run is a built-in command: no definition in the file")
    }

    @Test func renameAVariableTaskAndCommand() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/rename", line: 5, character: 6, [("newName", "style")]),
                                       Client.at(3, "textDocument/rename", line: 18, character: 1, [("newName", "announce")]),
                                       Client.at(4, "textDocument/rename", line: 16, character: 8, [("newName", "file")]),
                                       Client.at(5, "textDocument/rename", line: 5, character: 6, [("newName", "if")]),
                                       Client.at(6, "textDocument/rename", line: 5, character: 6, [("newName", "9x")]),
                                       Client.at(7, "textDocument/rename", line: 9, character: 4, [("newName", "go")]),
                                       Client.at(8, "textDocument/prepareRename", line: 5, character: 6),
                                       Client.at(9, "textDocument/rename", line: 18, character: 23, [("newName", "room")])])
        func edits(_ id: Int) -> [[Int]] {
            guard case .list(let list)? = x.result(id)?["changes"]?[Client.uri] else { return [] }
            return list.map(RequestTests.start)
        }
        #expect(edits(2) == [[5, 5], [7, 19]])
        #expect(edits(3) == [[12, 8], [18, 0]])
        #expect(edits(4) == [[15, 4], [16, 8]])
        #expect(x.errorCode(5) == JSONRPCError.invalidParams)
        #expect(x.errorCode(6) == JSONRPCError.invalidParams)
        #expect(x.errorCode(7) == JSONRPCError.requestFailed)
        #expect(RequestTests.start(["range": x.result(8) ?? .null]) == [5, 5])
        // A command's parameter is renamed where it is declared, read, and named in a call.
        #expect(edits(9) == [[12, 24], [13, 12], [18, 22]])
    }

    @Test func documentSymbolsNestTasksAndListCommandsAndTopLevelNames() {
        let x = RequestTests.exchange([Client.request(2, "textDocument/documentSymbol", ["textDocument": ["uri": .string(Client.uri)]])])
        guard case .list(let symbols)? = x.result(2) else {
            Issue.record("no symbols")
            return
        }
        #expect(symbols.compactMap { $0["name"]?.stringValue } == ["env", "files", "config", "lint", "build", "notify"])
        #expect(symbols[4]["children"]?[0]?["name"] == "made")
        #expect(symbols[5]["kind"] == .int(12))
    }

    @Test func formattingIsScoutFmtsLayout() throws {
        let x = RequestTests.exchange([Client.request(2, "textDocument/formatting", ["textDocument": ["uri": .string(Client.uri)], "options": ["tabSize": 2, "insertSpaces": true]])],
                                      text: "let  x=1;print x\n")
        #expect(x.result(2)?[0]?["newText"] == "let x = 1\nprint x\n")
        #expect(x.result(2)?[0]?["range"]?["end"]?["line"] == .int(1))
        let broken = RequestTests.exchange([Client.request(2, "textDocument/formatting", ["textDocument": ["uri": .string(Client.uri)]])], text: "let = \n")
        #expect(broken.errorCode(2) == JSONRPCError.requestFailed)
        let formatted = try Formatter.format(SourceFile(name: "t", text: RequestTests.sample))
        let same = RequestTests.exchange([Client.request(2, "textDocument/formatting", ["textDocument": ["uri": .string(Client.uri)]])], text: formatted)
        #expect(same.result(2) == .list([]))
    }

    @Test func signatureHelpForFunctionsAndCommands() {
        let x = RequestTests.exchange([Client.at(2, "textDocument/signatureHelp", line: 20, character: 10),
                                       Client.at(3, "textDocument/signatureHelp", line: 18, character: 22),
                                       Client.at(4, "textDocument/signatureHelp", line: 18, character: 9),
                                       Client.at(5, "textDocument/signatureHelp", line: 9, character: 18)])
        #expect(x.result(2)?["signatures"]?[0]?["label"]?.stringValue?.hasPrefix("len(") == true)
        #expect(x.result(3)?["signatures"]?[0]?["label"] == "notify message, channel")
        #expect(x.result(3)?["activeParameter"] == .int(1))
        #expect(x.result(4)?["activeParameter"] == .int(0))
        #expect(x.result(5)?["signatures"]?[0]?["label"]?.stringValue?.hasPrefix("run cmd") == true)
        #expect(x.result(5)?["signatures"]?[0]?["parameters"]?[x.result(5)?["activeParameter"]?.intValue ?? 0]?["label"] == "quiet:")
    }
}

extension String {
    /// The text with the first occurrence of `target` replaced.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var text = self
        text.replaceSubrange(range, with: replacement)
        return text
    }

    /// The text with its last line (before the final line break) replaced.
    func replacingLastLine(with line: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        lines.removeLast()
        return lines.joined(separator: "\n") + "\n" + line
    }
}
