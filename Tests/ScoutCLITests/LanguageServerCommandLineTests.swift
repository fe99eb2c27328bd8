import Glibc
import Scout
import Testing

/// `scout lsp` as a process: framed JSON-RPC on its standard input and output, the exit
/// status the protocol asks for, and its place in the command line's help and completions.
@Suite struct LanguageServerCommandLineTests {
    static func frame(_ json: String) -> String {
        "Content-Length: \(json.utf8.count)\r\n\r\n\(json)"
    }

    static let initialize = frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
    static let shutdown = frame(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#)
    static let exit = frame(#"{"jsonrpc":"2.0","method":"exit"}"#)

    @Test func exitAfterShutdownIsStatusZero() async throws {
        let run = try await ScoutBinary.run(["lsp"], stdin: Self.initialize + Self.shutdown + Self.exit)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Content-Length: "), "\(run)")
        #expect(run.stdout.contains(#""id":1,"result":{"capabilities":"#), "\(run)")
        #expect(run.stdout.contains(#""id":2,"result":null"#), "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
    }

    @Test func exitWithoutShutdownOrAClosedInputIsStatusOne() async throws {
        let abrupt = try await ScoutBinary.run(["lsp"], stdin: Self.initialize + Self.exit)
        #expect(abrupt.status == 1, "\(abrupt)")
        let closed = try await ScoutBinary.run(["lsp"], stdin: Self.initialize)
        #expect(closed.status == 1, "\(closed)")
        let afterShutdown = try await ScoutBinary.run(["lsp"], stdin: Self.initialize + Self.shutdown)
        #expect(afterShutdown.status == 0, "\(afterShutdown)")
    }

    @Test func garbageIsAnsweredWithErrors() async throws {
        let run = try await ScoutBinary.run(["lsp"], stdin: Self.frame("{not json") + "Content-Length: x\r\n\r\n" + Self.initialize + Self.shutdown + Self.exit)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.ranges(of: #""code":-32700"#).count == 2, "\(run)")
    }

    @Test func stdioIsTheOnlyOption() async throws {
        let stdio = try await ScoutBinary.run(["lsp", "--stdio"], stdin: Self.initialize + Self.shutdown + Self.exit)
        #expect(stdio.status == 0, "\(stdio)")
        let run = try await ScoutBinary.run(["lsp", "--port", "8080"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("lsp takes no arguments but --stdio"), "\(run)")
        let help = try await ScoutBinary.run(["--help"])
        #expect(help.stdout.contains("scout lsp "), "\(help)")
        let topic = try await ScoutBinary.run(["help", "lsp"])
        #expect(topic.status == 0 && topic.stdout.hasPrefix("scout lsp: the language server"), "\(topic)")
    }
}
