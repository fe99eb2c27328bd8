import Glibc
import Scout
import Testing
@testable import ScoutLanguageServer

/// A script that imports another: the imported names are checked as `scout check` checks
/// them, and definition and hover lead into the imported file.
@Suite struct ImportTests {
    typealias Client = LanguageServerClient

    static func write(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        FileDescriptorWriter.writeAll(fd, text)
        close(fd)
    }

    @Test func importedCommandsAndLetsLeadToTheirFile() throws {
        var template = Array("/tmp/scout lsp import-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        defer {
            unlink(dir + "/lib.scout")
            rmdir(dir)
        }
        ImportTests.write("# says hello\ncommand hello(name) {\n  print \"hi ${name}\"\n}\nlet shared = 1\n", to: dir + "/lib.scout")
        let text = "import \"lib.scout\"\nhello \"x\"\nprint shared\nprint nope\n"
        let uri = Document.uri(ofPath: dir + "/main.scout")
        func at(_ id: Int, _ method: String, _ line: Int, _ character: Int) -> Value {
            Client.request(id, method, ["textDocument": ["uri": .string(uri)], "position": ["line": .int(line), "character": .int(character)]])
        }
        let x = Client.exchange([
            Client.request(1, "initialize", ["capabilities": [:]]),
            Client.notification("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "scout", "version": 1, "text": .string(text)]]),
            at(2, "textDocument/definition", 1, 2),
            at(3, "textDocument/definition", 2, 8),
            at(4, "textDocument/definition", 0, 10),
            at(5, "textDocument/hover", 1, 2),
        ] + Client.ending)
        let libURI = Document.uri(ofPath: dir + "/lib.scout")
        #expect(libURI.contains("%20"))
        #expect(x.result(2)?["uri"] == .string(libURI))
        #expect(RequestTests.start(x.result(2)) == [1, 8])
        #expect(RequestTests.start(x.result(3)) == [4, 4])
        #expect(x.result(4)?["uri"] == .string(libURI))
        #expect(x.result(5)?["contents"]?["value"] == .string("(command of \(dir)/lib.scout) hello\n\ncommand hello(name) {\n\nsays hello\n"))
        let diagnostics = x.notifications("textDocument/publishDiagnostics").last?["params"]?["diagnostics"]
        guard case .list(let list)? = diagnostics else {
            Issue.record("no diagnostics")
            return
        }
        #expect(list.compactMap { $0["message"]?.stringValue } == ["'nope' is never defined"])
    }

    @Test func completionOffersWhatImportedFilesDefine() throws {
        var template = Array("/tmp/scout-lsp-import-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        defer {
            for f in ["lib.scout", "deeper.scout"] { unlink(dir + "/" + f) }
            rmdir(dir)
        }
        ImportTests.write("import \"deeper.scout\"\ncommand hello(name) {\n  print name\n}\nlet shared = 1\n", to: dir + "/lib.scout")
        ImportTests.write("command helper() {\n  print 2\n}\nlet hidden_in_task = 3\n", to: dir + "/deeper.scout")
        let text = "import \"lib.scout\"\nhe\n"
        let uri = Document.uri(ofPath: dir + "/main.scout")
        let x = Client.exchange([
            Client.request(1, "initialize", ["capabilities": [:]]),
            Client.notification("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "scout", "version": 1, "text": .string(text)]]),
            Client.request(2, "textDocument/completion", ["textDocument": ["uri": .string(uri)], "position": ["line": 1, "character": 2]]),
        ] + Client.ending)
        let items = x.result(2)?["items"]?.listValue ?? x.result(2)?.listValue ?? []
        let labels = Set(items.compactMap { $0["label"]?.stringValue })
        #expect(labels.isSuperset(of: ["hello", "shared", "helper", "hidden_in_task"]), "\(labels.sorted())")
        let hello = items.first { $0["label"] == "hello" }
        #expect(hello?["detail"] == "command hello(name), from lib.scout")
    }

    @Test func aNamespacedImportCompletesAfterItsNameAndLeadsToItsFile() throws {
        var template = Array("/tmp/scout-lsp-namespace-XXXXXX".utf8CString)
        let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        defer {
            unlink(dir + "/lib.scout")
            rmdir(dir)
        }
        ImportTests.write("command push(target) {\n  print target\n}\nlet region = \"eu\"\n", to: dir + "/lib.scout")
        let text = "import \"lib.scout\" as deploy\ndeploy.push \"x\"\ndeploy.\npu\n"
        let uri = Document.uri(ofPath: dir + "/main.scout")
        func at(_ id: Int, _ method: String, _ line: Int, _ character: Int) -> Value {
            Client.request(id, method, ["textDocument": ["uri": .string(uri)], "position": ["line": .int(line), "character": .int(character)]])
        }
        let x = Client.exchange([
            Client.request(1, "initialize", ["capabilities": [:]]),
            Client.notification("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "scout", "version": 1, "text": .string(text)]]),
            at(2, "textDocument/completion", 2, 7),
            at(3, "textDocument/completion", 3, 2),
            at(4, "textDocument/definition", 1, 9),
        ] + Client.ending)
        func labels(_ id: Int) -> Set<String> {
            Set((x.result(id)?["items"]?.listValue ?? x.result(id)?.listValue ?? []).compactMap { $0["label"]?.stringValue })
        }
        #expect(labels(2) == ["push", "region"], "after 'deploy.': \(labels(2).sorted())")
        #expect(labels(3).contains("deploy") && !labels(3).contains("push"), "a namespaced command is not offered bare: \(labels(3).sorted())")
        #expect(x.result(4)?["uri"] == .string(Document.uri(ofPath: dir + "/lib.scout")))
        #expect(RequestTests.start(x.result(4)) == [0, 8])
    }
}
