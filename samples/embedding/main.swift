// A host program embedding Scout, as a Swift program would: it offers two commands of its own
// (`open_ticket`, `notify`) and a function (`ticket_count()`), grants no process spawning, file
// system or git access, bounds what a script may use, and runs the script named on its
// command line.
//
//   swift run scout-embedding-sample samples/embedding/triage.scout

import Glibc
import Scout

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileDescriptorWriter.writeAll(2, "usage: scout-embedding-sample SCRIPT.scout\n")
    exit(2)
}

let source: SourceFile
do {
    source = SourceFile(name: arguments[1], bytes: try LocalFile.read(arguments[1]))
} catch {
    FileDescriptorWriter.writeAll(2, "scout-embedding-sample: cannot read \(error)\n")
    exit(2)
}

// What scripts may touch: environment variables only. No `run`, no plugins, no files, no git.
var configuration = InterpreterConfiguration(capabilities: Capabilities([.environment]))
configuration.limits = ScriptLimits(wallClock: .seconds(10), maxTasks: 1_000, maxLoopIterations: 10_000,
                                    maxCallDepth: 20, maxValueSize: 1 << 20)

let tickets = TicketDesk()
let interpreter = Interpreter(context: BatchContext(initialVars: ["team": "platform"]), configuration: configuration)

interpreter.register(CommandSpec(
    "open_ticket", summary: "opens a ticket and returns its id",
    parameters: [
        ParameterSpec("title", .string, required: true, positional: true, summary: "what is wrong"),
        ParameterSpec("priority", .int, summary: "1 (urgent) to 4"),
    ]
) { call in
    let priority = call["priority"]?.intValue ?? 3
    guard (1...4).contains(priority) else { return .failure("priority must be 1 to 4, not \(priority)") }
    let id = tickets.open(title: call.string("title") ?? "", priority: priority)
    call.print("opened ticket #\(id): \(call.string("title") ?? "")")
    return .success(output: ["id": .int(id), "priority": .int(priority)])
})

interpreter.register(CommandSpec(
    "notify", summary: "posts a message to a channel",
    parameters: [
        ParameterSpec("message", .string, required: true, positional: true, summary: "the text"),
        ParameterSpec("channel", .string, summary: "where to post (default: the team's)"),
    ]
) { call in
    call.print("[#\(call.string("channel") ?? "general")] \(call.string("message") ?? "")")
    return .success()
})

interpreter.register(ScoutFunction("ticket_count", parameters: "", arity: 0...0, summary: "how many tickets are open") { _, _ in
    .int(tickets.count)
})

let renderer = DiagnosticRenderer(color: false)
do {
    let result = try await interpreter.run(source)
    if !result.errors.isEmpty { FileDescriptorWriter.writeAll(2, renderer.render(result.errors)) }
    let failed = result.results.filter(\.failed).count
    print("\(result.results.count) tasks, \(failed) failed, \(tickets.count) tickets open")
    exit(result.failed ? 1 : 0)
} catch {
    FileDescriptorWriter.writeAll(2, renderer.render(error.diagnostics))
    exit(2)
}
