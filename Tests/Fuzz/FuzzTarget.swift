// libFuzzer targets over Scout's front end, formatter, JSON and evaluator. Not a SwiftPM
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

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.current.run(bytes)
    return 0
}
