// libFuzzer targets over Scout's front end, formatter, JSON, evaluator and language server. Not a SwiftPM
// target: `.ci/fuzz` compiles these files together with the library's sources, with
// `-sanitize=fuzzer,address`, into one binary; SCOUT_FUZZ_TARGET picks the target.
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The targets, by the name `.ci/fuzz` gives them.
enum FuzzTarget: String, CaseIterable {
    /// Lexer, parser, checker and the diagnostic renderer on arbitrary bytes.
    case parse
    /// Anything that parses: its formatting parses, means the same, and formats to itself.
    case format
    /// The JSON parser (with a round trip of what it accepts) and the task-list decoder.
    case json
    /// The evaluator through the embedding API, with no capabilities and tight limits:
    /// nothing may spawn a process or touch files, and every run ends.
    case evaluate
    /// The language server (`scout lsp`) on a stream: the bytes as they come (first byte
    /// even), or a session that opens the bytes as a document and asks every request at
    /// places they pick (first byte odd). It must end with status 0 or 1, whatever it reads.
    case lsp

    static let current: FuzzTarget = {
        guard let name = getenv("SCOUT_FUZZ_TARGET").map({ String(cString: $0) }) else { return .parse }
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("SCOUT_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))")
        }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .parse: FuzzTarget.parse(bytes)
        case .format: FuzzTarget.format(bytes)
        case .json: FuzzTarget.json(bytes)
        case .evaluate: FuzzTarget.evaluate(bytes)
        case .lsp: FuzzTarget.lsp(bytes)
        }
    }

    static func parse(_ bytes: [UInt8]) {
        let source = SourceFile(name: "fuzz.scout", bytes: bytes)
        let (program, syntax) = Parser.parse(source)
        _ = ASTPrinter.dump(program)
        let checked = Interpreter(configuration: InterpreterConfiguration(capabilities: Capabilities([]))).check(source)
        _ = DiagnosticRenderer(color: false).render(syntax + checked)
        _ = DocComments(source).description(ofLine: 2)
        _ = TaskSelection(program).program(running: Set(TaskSelection(program).names.prefix(1)))
    }

    static func format(_ bytes: [UInt8]) {
        let source = SourceFile(name: "fuzz.scout", bytes: bytes)
        let (program, syntax) = Parser.parse(source)
        guard !syntax.contains(where: { $0.severity == .error }) else { return }
        let formatted: String
        do {
            formatted = try Formatter.format(source)
        } catch {
            fatalError("the formatter refused a script that parses: \(error.diagnostics.map(\.message))\n\(ASTPrinter.dump(program))")
        }
        let again: String
        do {
            again = try Formatter.format(SourceFile(name: "fuzz.scout", text: formatted))
        } catch {
            fatalError("the formatter's output does not format: \(error.diagnostics.map(\.message))\n\(formatted)")
        }
        if again != formatted {
            fatalError("formatting is not idempotent:\n--- once\n\(formatted)--- twice\n\(again)")
        }
    }

    static func json(_ bytes: [UInt8]) {
        if let value = try? JSONParser.parse(bytes) {
            let text = value.jsonText()
            guard let back = try? JSONParser.parse(text) else { fatalError("JSON written does not parse: \(text)") }
            if back.jsonText() != text { fatalError("JSON round trip changed the value: \(text) → \(back.jsonText())") }
        }
        _ = try? TaskList.parse(String(decoding: bytes, as: UTF8.self), name: "fuzz.json")
    }

    static func evaluate(_ bytes: [UInt8]) {
        let source = SourceFile(name: "fuzz.scout", bytes: bytes)
        var configuration = InterpreterConfiguration(capabilities: Capabilities([]))
        configuration.limits = ScriptLimits(wallClock: .seconds(2), maxTasks: 200, maxLoopIterations: 2_000, maxCallDepth: 20,
                                            maxValueSize: 1 << 16, maxCapturedOutput: 1 << 12)
        configuration.executor.output = DiscardedOutput()
        let reporter = ProgressReporter(historyLimit: 0)
        let registry = configuration.commands
        reporter.on { event in
            // A command that needs a capability must never run: it is refused, an error.
            guard event.status == .success || event.status == .failure,
                  let command = event.metadata["command"]?.stringValue, registry.spec(command)?.capability != nil else { return }
            fatalError("'\(command)' ran without the capability it needs: \(event.jsonLine())")
        }
        configuration.reporter = reporter
        let interpreter = Interpreter(configuration: configuration)
        let done = DispatchSemaphore(value: 0)
        Task {
            _ = try? await interpreter.run(source)
            done.signal()
        }
        if done.wait(timeout: .now() + .seconds(20)) == .timedOut {
            fatalError("a run with a 2 s wall-clock limit did not end in 20 s")
        }
        if ProcessSupervisor.shared.runningCount != 0 { fatalError("a process is running after the run") }
    }
}

extension FuzzTarget {
    static func lsp(_ bytes: [UInt8]) {
        let stream = bytes.first.map { $0 & 1 == 1 } == true ? session(document: Array(bytes.dropFirst())) : bytes
        // The stream is read from an unlinked file, so it need not fit in a pipe.
        var template = Array("/tmp/scout-fuzz-lsp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { fatalError("mkstemp: \(errno)") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var offset = 0
        while offset < stream.count {
            let n = stream[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { fatalError("writing the stream: \(errno)") }
            offset += n
        }
        lseek(fd, 0, SEEK_SET)
        let sink = open("/dev/null", O_WRONLY | O_CLOEXEC)
        let status = LanguageServer(documentation: .summaries, commands: .standard).run(input: fd, output: sink)
        close(fd)
        close(sink)
        if status != 0, status != 1 { fatalError("the server ended with status \(status)") }
    }

    /// A session that opens `document` and asks each request at a few places, edits it and
    /// asks again, then shuts the server down.
    static func session(document: [UInt8]) -> [UInt8] {
        let text = String(decoding: document, as: UTF8.self)
        let uri = Value.string("file:///fuzz/doc.scout")
        let lines = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
        var out: [UInt8] = []
        var id = 0
        func send(_ method: String, _ params: Value, request: Bool = true) {
            var fields: [(String, Value)] = [("jsonrpc", "2.0"), ("method", .string(method)), ("params", params)]
            if request {
                id += 1
                fields.append(("id", .int(id)))
            }
            let body = Array(Value.map(ValueMap(fields)).jsonText().utf8)
            out += Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
        }
        func position(_ k: Int) -> Value {
            let seed = document.count &* 31 &+ Int(document.first ?? 0) &+ k &* 17
            return .map(ValueMap([("line", .int(seed % (lines + 1))), ("character", .int((seed / 7) % 60))]))
        }
        send("initialize", .map(ValueMap([("processId", .null), ("rootUri", .null), ("capabilities", .map(ValueMap()))])))
        send("initialized", .map(ValueMap()), request: false)
        send("textDocument/didOpen", .map(ValueMap([("textDocument", .map(ValueMap([
            ("uri", uri), ("languageId", "scout"), ("version", 1), ("text", .string(text)),
        ])))])), request: false)
        let document = Value.map(ValueMap([("uri", uri)]))
        for round in 0..<2 {
            for k in 0..<3 {
                let at: [(String, Value)] = [("textDocument", document), ("position", position(k + round * 3))]
                for method in ["completion", "hover", "definition", "documentHighlight", "signatureHelp"] {
                    send("textDocument/" + method, .map(ValueMap(at)))
                }
                send("textDocument/references", .map(ValueMap(at + [("context", .map(ValueMap([("includeDeclaration", true)])))])))
                send("textDocument/rename", .map(ValueMap(at + [("newName", "renamed")])))
            }
            send("textDocument/documentSymbol", .map(ValueMap([("textDocument", document)])))
            send("textDocument/formatting", .map(ValueMap([("textDocument", document),
                                                             ("options", .map(ValueMap([("tabSize", 2), ("insertSpaces", true)])))])))
            send("textDocument/didChange", .map(ValueMap([
                ("textDocument", .map(ValueMap([("uri", uri), ("version", 2)]))),
                ("contentChanges", .list([.map(ValueMap([("text", .string(String(text.dropLast(3)) + "\n"))]))])),
            ])), request: false)
        }
        send("shutdown", .null)
        send("exit", .null, request: false)
        return out
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.current.run(bytes)
    return 0
}
