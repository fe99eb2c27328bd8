/// Finds what is wrong with a script without running it: unknown commands and functions,
/// arguments that do not fit, names never defined, `needs` that cannot be met, policies
/// that do not exist, capabilities the host does not grant.
struct Checker {
    let commands: CommandRegistry
    let functions: FunctionTable
    let userCommands: [String: CommandDefinition]
    let definedNames: Set<String>
    let capabilities: Capabilities

    var diagnostics: [Diagnostic] = []
    var source: SourceFile?
    var defined: Set<String> = []
    private var commandsHere: [String: CommandDefinition] = [:]
    private var params: Set<String> = []

    init(commands: CommandRegistry, functions: FunctionTable, userCommands: [String: CommandDefinition], definedNames: Set<String>, capabilities: Capabilities) {
        self.commands = commands
        self.functions = functions
        self.userCommands = userCommands
        self.definedNames = definedNames
        self.capabilities = capabilities
    }

    static let autoJSONFlags: Set<String> = ["json", "json_output"]

    static let policies = ["retry": ["max_retries", "base_delay", "max_delay", "jitter_factor"],
                           "circuit_breaker": ["failure_threshold", "success_threshold", "timeout_seconds", "per_command"],
                           "fail_fast": ["enabled"],
                           "env": [], "timeout": ["duration"], "cwd": ["path"]]

    /// The diagnostics for a parsed program, in source order.
    mutating func check(_ program: Program) -> [Diagnostic] {
        source = program.source
        diagnostics = []
        commandsHere = userCommands
        defined = definedNames
        for statement in program.statements {
            if case .command(let d) = statement.kind {
                if commands.spec(d.name.text)?.origin == "built-in" {
                    report(.misplacedStatement("'\(d.name.text)' is a built-in command; give this command another name"), d.name.span)
                } else if commandsHere[d.name.text] != nil, userCommands[d.name.text] == nil {
                    report(.duplicateCommand(d.name.text), d.name.span)
                }
                commandsHere[d.name.text] = d
            }
        }
        collectDefinitions(program.statements)
        walk(program.statements, inParallel: false, topLevel: true)
        return diagnostics.sorted { $0.span.offset < $1.span.offset }
    }

    mutating func report(_ kind: DiagnosticKind, _ span: SourceSpan, severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(kind, at: span, in: source, severity: severity))
    }

    // MARK: - Definitions

    private mutating func collectDefinitions(_ statements: [Statement]) {
        for s in statements {
            switch s.kind {
            case .let(let name, _): defined.insert(name.text)
            case .task(let line):
                if let n = line.clauses.storeAs { defined.insert(n.text) }
            case .taskBlock(let b):
                defined.insert(b.name.text)
                if let n = b.clauses.storeAs { defined.insert(n.text) }
                collectDefinitions(b.body)
            case .parallel(_, let body), .sequential(let body): collectDefinitions(body)
            case .for(let loop):
                defined.insert(loop.variable.text)
                if let n = loop.storeAs { defined.insert(n.text) }
                collectDefinitions(loop.body)
            case .if(_, let then, let otherwise):
                collectDefinitions(then)
                collectDefinitions(otherwise ?? [])
            case .command(let d):
                for p in d.parameters { defined.insert(p.name.text) }
                collectDefinitions(d.body)
            case .param(let p): defined.insert(p.name.text)
            case .stop, .fail, .use, .expression: break
            }
        }
    }

    // MARK: - Statements

    private mutating func walk(_ statements: [Statement], inParallel: Bool, topLevel: Bool) {
        if inParallel { checkGraph(statements) }
        for s in statements { walk(s, inParallel: inParallel, topLevel: topLevel) }
    }

    private mutating func walk(_ s: Statement, inParallel: Bool, topLevel: Bool) {
        switch s.kind {
        case .let(_, let value): expression(value, lenient: false)
        case .task(let line):
            checkTaskLine(line)
            checkClauses(line.clauses, inParallel: inParallel)
        case .taskBlock(let b):
            checkClauses(b.clauses, inParallel: inParallel)
            walk(b.body, inParallel: false, topLevel: false)
        case .parallel(let max, let body):
            if let max { expression(max, lenient: false) }
            walk(body, inParallel: true, topLevel: false)
        case .sequential(let body): walk(body, inParallel: false, topLevel: false)
        case .for(let loop):
            expression(loop.iterable, lenient: false)
            if let max = loop.max { expression(max, lenient: false) }
            walk(loop.body, inParallel: false, topLevel: false)
        case .if(let condition, let then, let otherwise):
            expression(condition, lenient: true)
            walk(then, inParallel: false, topLevel: false)
            walk(otherwise ?? [], inParallel: false, topLevel: false)
        case .stop(let reason, let condition), .fail(let reason, let condition):
            if let reason { expression(reason, lenient: false) }
            if let condition { expression(condition, lenient: true) }
        case .param(let p):
            if !topLevel {
                report(.misplacedStatement("a param can only be declared at the top level of a script"), p.name.span)
            } else if !params.insert(p.name.text).inserted {
                report(.misplacedStatement("the param '\(p.name.text)' is declared twice"), p.name.span)
            }
            if let d = p.defaultValue { expression(d, lenient: false) }
        case .command(let d):
            if !topLevel {
                report(.misplacedStatement("a command can only be defined at the top level of a script"), d.name.span)
            }
            for p in d.parameters { if let v = p.defaultValue { expression(v, lenient: false) } }
            walk(d.body, inParallel: false, topLevel: false)
        case .use(let name, let arguments):
            guard let settings = Checker.policies[name.text] else {
                report(.unknownPolicy(name.text, suggestion: Suggestion.closest(to: name.text, in: Checker.policies.keys)), name.span)
                return
            }
            for a in arguments {
                expression(a.value, lenient: false)
                if let label = a.label, !settings.contains(label), name.text != "env" {
                    report(.unknownArgument(command: "use \(name.text)", argument: label, suggestion: Suggestion.closest(to: label, in: settings)), a.value.span)
                }
            }
            if ["timeout", "cwd"].contains(name.text), arguments.count != 1 {
                report(.runtime("use \(name.text) takes one argument: use \(name.text == "cwd" ? "cwd(script_dir)" : "timeout(10m)")"), name.span)
            }
            if name.text == "cwd", !capabilities.contains(.fileSystem) {
                report(.capabilityDenied(capability: Capability.fileSystem.rawValue, what: "use cwd"), name.span)
            }
            if name.text == "env", !capabilities.contains(.process) {
                report(.capabilityDenied(capability: Capability.process.rawValue, what: "use env"), name.span)
            }
        case .expression(let e): expression(e, lenient: false)
        }
    }

    private mutating func checkClauses(_ c: Clauses, inParallel: Bool) {
        if let e = c.condition { expression(e, lenient: true) }
        if let e = c.skipIf { expression(e, lenient: true) }
        if let e = c.stopIf { expression(e, lenient: true) }
        if let e = c.timeout { expression(e, lenient: false) }
        switch c.retry {
        case .count(let e)?: expression(e, lenient: false)
        case .config(let arguments)?:
            let settings = Checker.policies["retry"]!
            for a in arguments {
                expression(a.value, lenient: false)
                if let label = a.label, !settings.contains(label) {
                    report(.unknownArgument(command: "retry", argument: label, suggestion: Suggestion.closest(to: label, in: settings)), a.value.span)
                }
            }
        case nil: break
        }
        if !c.needs.isEmpty, !inParallel, let span = c.spans["needs"] {
            report(.needsOutsideParallel, span)
        }
    }

    private mutating func checkGraph(_ statements: [Statement]) {
        var labels: [String?] = []
        var needs: [[String]] = []
        var seen: [String: SourceSpan] = [:]
        for s in statements {
            let label = Interpreter.label(s)
            if let label, seen[label] != nil, case .taskBlock(let b) = s.kind {
                report(.duplicateTaskName(label), b.name.span)
            }
            if let label { seen[label] = s.span }
            labels.append(label)
            needs.append(Interpreter.clauses(s)?.needs.map(\.text) ?? [])
        }
        do {
            _ = try TaskGraph(labels: labels, needs: needs)
        } catch {
            switch error {
            case .unknown(let index, let name, let suggestion):
                let span = Interpreter.clauses(statements[index])?.needs.first { $0.text == name }?.span ?? statements[index].span
                report(.unknownNeed(name, suggestion: suggestion), span)
            case .cycle(let names):
                let first = statements.firstIndex { Interpreter.label($0) == names.first } ?? 0
                report(.needsCycle(names), Interpreter.clauses(statements[first])?.spans["needs"] ?? statements[first].span)
            case .duplicate:
                break
            }
        }
    }

    private mutating func checkTaskLine(_ line: TaskLine) {
        let name = line.command.text
        for (i, a) in line.arguments.enumerated() {
            // `run make`: a command line written without quotes reads as a variable.
            if case .variable(let word) = a.value.kind, !defined.contains(word), commandsHere[name] == nil,
                commands.isShellArgument(command: name, label: a.label, position: i) {
                report(.hint("'\(word)' is never defined", help: "a command line is a string: did you mean \(name) \"\(word)\"?"), a.value.span)
                continue
            }
            expression(a.value, lenient: false)
        }
        if let user = commandsHere[name] {
            checkUserCall(user, line)
            return
        }
        checkCommand(name, at: line.command.span, line.arguments)
    }

    /// A call of a command of the registry: the command exists, the host grants what it
    /// needs, and its arguments fit its parameters (the types of those written as literals).
    mutating func checkCommand(_ name: String, at nameSpan: SourceSpan, _ arguments: [TaskArgument]) {
        guard let spec = commands.spec(name) else {
            let known = Set(commands.names).union(commandsHere.keys)
            report(.unknownCommand(name, suggestion: Suggestion.closest(to: name, in: known)), nameSpan)
            return
        }
        if let needed = spec.capability, !capabilities.contains(needed) {
            report(.capabilityDenied(capability: needed.rawValue, what: "the command '\(name)'"), nameSpan)
        }
        var positional: [Value] = []
        var named = ValueMap()
        for a in arguments {
            let v: Value
            if case .literal(let literal) = a.value.kind { v = literal } else { v = .null }
            if let label = a.label { named[label] = v } else { positional.append(v) }
        }
        do {
            _ = try spec.bind(positional: positional, named: named, autoJSONFlags: Checker.autoJSONFlags)
        } catch {
            let span = arguments.first.map { $0.value.span.through(arguments.last!.value.span) } ?? nameSpan
            switch error {
            case .unknown(let c, let a, let s):
                let at = arguments.first { $0.label == a }?.value.span ?? span
                report(.unknownArgument(command: c, argument: a, suggestion: s), at)
            case .missing(let c, let a):
                report(.missingArgument(command: c, argument: a), nameSpan)
            case .wrongType(let c, let a, let expected, let got):
                // Only literals are known before running; a computed value is checked when the task runs.
                let argument = arguments.enumerated().first { i, x in x.label == a || (x.label == nil && position(of: a, in: spec) == i) }?.element
                if let argument, case .literal = argument.value.kind {
                    report(.wrongArgumentType(command: c, argument: a, expected: expected, got: got), argument.value.span)
                }
            case .tooManyPositional, .duplicate:
                report(.runtime(error.description), span)
            }
        }
    }

    private func position(of parameter: String, in spec: CommandSpec) -> Int? {
        spec.parameters.filter(\.positional).firstIndex { $0.name == parameter }
    }

    private mutating func checkUserCall(_ d: CommandDefinition, _ line: TaskLine) {
        let positional = line.arguments.filter { $0.label == nil }.count
        let name = d.name.text
        if positional > d.parameters.count {
            report(.runtime("\(name) takes \(d.parameters.count) argument\(d.parameters.count == 1 ? "" : "s"), got \(positional)"), line.command.span)
        }
        let labels = d.parameters.map(\.name.text)
        for a in line.arguments {
            if let label = a.label, !labels.contains(label), label != "json", label != "json_output" {
                report(.unknownArgument(command: name, argument: label, suggestion: Suggestion.closest(to: label, in: labels)), a.value.span)
            }
        }
        for (i, p) in d.parameters.enumerated() {
            let named = line.arguments.first { $0.label == p.name.text }
            if i < positional, let named {
                // Given by position and by name: the call would use the first and drop the other.
                report(.duplicateArgument(p.name.text), named.value.span)
            } else if i >= positional, named == nil, p.defaultValue == nil {
                report(.missingArgument(command: name, argument: p.name.text), line.command.span)
            }
        }
    }

    // MARK: - Expressions

    mutating func expression(_ e: Expression, lenient: Bool) {
        switch e.kind {
        case .literal: break
        case .interpolated(let parts):
            for case .interpolation(let inner) in parts { expression(inner, lenient: false) }
        case .variable(let name):
            if !defined.contains(name) {
                let suggestion = Suggestion.closest(to: name, in: defined)
                report(.neverDefined(name, suggestion: suggestion), e.span, severity: lenient ? .warning : .error)
            }
        case .list(let elements): for x in elements { expression(x, lenient: lenient) }
        case .map(let entries): for x in entries { expression(x.value, lenient: lenient) }
        case .member(let base, _): expression(base, lenient: lenient)
        case .index(let base, let index):
            expression(base, lenient: lenient)
            expression(index, lenient: lenient)
        case .call(let name, let arguments):
            if let f = functions[name] {
                if !f.arity.contains(arguments.count) {
                    report(.wrongArgumentCount(function: name, expected: f.arityDescription, got: arguments.count), e.span)
                }
                if let needed = f.capability, !capabilities.contains(needed) {
                    report(.capabilityDenied(capability: needed.rawValue, what: "\(name)()"), e.span)
                }
            } else {
                report(.unknownFunction(name, suggestion: Suggestion.closest(to: name, in: functions.names)), e.span)
            }
            for a in arguments { expression(a, lenient: lenient) }
        case .unary(_, let operand): expression(operand, lenient: lenient)
        case .binary(let op, let l, let r):
            expression(l, lenient: lenient || op == .coalesce)
            expression(r, lenient: lenient)
        }
    }
}
