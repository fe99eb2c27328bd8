@testable import Scout

/// Runs scripts in-process and returns what a user would see.
struct ScriptHarness {
    struct Outcome {
        var stdout: String
        var result: RunResult
        var context: BatchContext
        var events: [ProgressEvent]
        var interpreter: Interpreter

        /// The printed lines.
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        /// A variable's value.
        func value(_ path: String) -> Value? { context.getVar(path) }
    }

    /// Runs `code`; syntax and check errors are thrown as `DiagnosticList`.
    static func run(_ code: String, variables: [String: Value] = [:], arguments: [String] = [],
                    configure: (inout InterpreterConfiguration) -> Void = { _ in }) async throws -> Outcome {
        let output = CapturedOutput()
        let reporter = ProgressReporter(historyLimit: 100_000)
        var configuration = InterpreterConfiguration(reporter: reporter)
        configuration.executor.output = output
        configure(&configuration)
        let context = BatchContext(initialVars: variables)
        let interpreter = Interpreter(context: context, configuration: configuration)
        let result = try await interpreter.run(SourceFile(name: "test.scout", text: code), arguments: arguments)
        return Outcome(stdout: output.stdout, result: result, context: context, events: reporter.history, interpreter: interpreter)
    }

    /// The diagnostics a script is rejected with, rendered without colour.
    static func rejection(_ code: String) async -> [Diagnostic] {
        do {
            _ = try await run(code)
            return []
        } catch let error as DiagnosticList {
            return error.diagnostics
        } catch {
            return []
        }
    }
}
