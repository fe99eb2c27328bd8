import Scout
import Testing
@testable import ScoutLanguageServer

/// Completion after the clause `on`: the runners, then the variables that may hold one.
@Suite struct RunnerCompletionTests {
    typealias Client = LanguageServerClient

    @Test func afterOnTheRunnersComeFirst() throws {
        let text = "let pool = {runner: \"ssh\", hosts: [\"a\"]}\nrun \"make\" on \n"
        let uri = "file:///tmp/runner-completion.scout"
        let x = Client.exchange([
            Client.request(1, "initialize", ["capabilities": [:]]),
            Client.notification("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "scout", "version": 1, "text": .string(text)]]),
            Client.request(2, "textDocument/completion", ["textDocument": ["uri": .string(uri)], "position": ["line": 1, "character": 14]]),
        ] + Client.ending)
        let items = x.result(2)?["items"]?.listValue ?? []
        let labels = items.compactMap { $0["label"]?.stringValue }
        #expect(Array(labels.prefix(3)) == ["local", "ssh", "slurm"], "\(labels)")
        #expect(labels.contains("pool"), "\(labels)")
        #expect(items.first { $0["label"] == "ssh" }?["insertText"] == "ssh(hosts: [])")
        #expect(items.first { $0["label"] == "slurm" }?["detail"] == "runner slurm(partition, cpus, mem, time, flags, array)")
    }
}
