import Scout

/// Rows of `scout lsp`: the diagnostics after a one-character edit of a 5,000-line script
/// (the time from sending the change to receiving the diagnostics), and a completion after
/// such an edit (the request parses the new text for its names), in this process over pipes.
extension Bench {
    func languageServer(into report: inout Report) async {
        let lines = 5_000
        let text = CheckText.scout(lines: lines)
        let uri = "file://" + dir + "/lsp.scout"
        let client = LanguageServerPipe()
        client.request("initialize", ["capabilities": [:]])
        client.notify("initialized", [:])
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "scout", "version": 1, "text": .string(text)]])
        client.wait { $0["method"] == "textDocument/publishDiagnostics" }
        // The edit: one letter of a comment in the middle, alternately `a` and `b` (lines
        // 4k + 4, counted from 0, are `# a comment line`).
        let line = lines / 2 + 4
        var version = 1
        func edit() {
            version += 1
            let letter: Value = version % 2 == 0 ? "b" : "a"
            client.notify("textDocument/didChange", [
                "textDocument": ["uri": .string(uri), "version": .int(version)],
                "contentChanges": [["range": ["start": ["line": .int(line), "character": 2], "end": ["line": .int(line), "character": 3]], "text": letter]],
            ])
        }
        let diagnostics = await Samples.timing(repetitions * 3) {
            let start = Child.now()
            edit()
            let v = version
            client.wait { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == .int(v) }
            return Child.now() - start
        }
        let completion = await Samples.timing(repetitions * 3) {
            edit()
            let v = version
            client.wait { $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == .int(v) }
            let start = Child.now()
            // After `if v` on the line below the next (`if v12 > 10 { ... }`): the names that start with v.
            let response = client.request("textDocument/completion", ["textDocument": ["uri": .string(uri)], "position": ["line": .int(line + 2), "character": 4]])
            let items = response["result"]?["items"]?.listValue ?? response["result"]?.listValue ?? []
            if items.isEmpty { print("  warning: no completion items") }
            return Child.now() - start
        }
        await client.close()
        heading("scout lsp on a \(Figure.grouped(lines))-line script")
        detail("diagnostics after a one-character edit", Figure.ms(diagnostics.median))
        detail("completion after an edit", Figure.ms(completion.median))
        report.add(GoalRow(
            workload: "`scout lsp`: diagnostics after a one-character edit of a \(Figure.grouped(lines))-line script",
            scout: Figure.ms(diagnostics.median), peer: "none", ratio: "—", goal: "≤ 50 ms", met: diagnostics.median <= 0.050))
        report.add(GoalRow(
            workload: "`scout lsp`: completion in a \(Figure.grouped(lines))-line script after an edit",
            scout: Figure.ms(completion.median), peer: "none", ratio: "—", goal: "≤ 20 ms", met: completion.median <= 0.020))
    }
}
