import Glibc

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
    /// Names a top-level `command` statement not yet read may define.
    private var laterCommands: Set<String> = []
    /// Set while walking a statement whose diagnostics may depend on what later statements define.
    private var deferred = false
    /// Top-level statements checked again once all have been read (``add(_:)``).
    private var pending: [Statement] = []
    /// The files whose imports are being checked, outermost first (absolute paths): an
    /// import of one of them is a cycle.
    var importStack: [String] = []
    /// The files imported so far (absolute paths): a second import of one adds nothing.
    var imported: Set<String> = []
    /// Where each imported command is defined (`lib/deploy.scout:3:9`), for clashes.
    private var importedPlaces: [String: String] = [:]
    /// The namespaces of `import ... as NAME`, with where each was given.
    private var namespaces: [String: String] = [:]
    /// The top-level `let`s of this file and of what it imports: what importing it defines.
    private(set) var exportedLets: Set<String> = []
    /// Calls of registry commands whose arguments were found to fit, by command and
    /// ``callShape(_:of:)``: a call of the same shape fits too.
    private var fittingCalls: Set<CallShape> = []

    /// A command and the shape of the arguments of a call.
    private struct CallShape: Hashable {
        var command: String
        var shape: UInt64
    }

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
        .merging(RunnerSpec.settingNames) { a, _ in a }

    /// The diagnostics for a parsed program, in source order.
    mutating func check(_ program: Program) -> [Diagnostic] {
        var names: Set<String> = []
        for case .command(let d) in program.statements.lazy.map(\.kind) { names.insert(d.name.text) }
        start(program.source, laterCommands: names)
        for statement in program.statements { add(statement) }
        return finish()
    }

    /// The diagnostics for a script, parsed and checked a statement at a time without
    /// keeping its syntax tree: parse errors alone when there are any, as ``check(_:)`` after
    /// ``Parser/parse(_:functions:)``.
    mutating func check(_ source: SourceFile, functions: Set<String>) -> [Diagnostic] {
        start(source, laterCommands: Checker.commandNames(in: source.bytes))
        let syntax = Parser.parse(source, functions: functions) { add($0) }
        if syntax.contains(where: { $0.severity == .error }) { return syntax }
        return syntax + finish()
    }

    // MARK: - Statement by statement

    // A statement is checked as soon as it is read, against the names defined so far. Its
    // diagnostics are kept when nothing read later can change them: it found every name it
    // looked up, reported nothing, and called no command that a later statement may define.
    // Otherwise it is checked again by `finish()`, when all names are known. The result is
    // that of checking the whole program at once.

    mutating func start(_ source: SourceFile?, laterCommands: Set<String>) {
        self.source = source
        self.laterCommands = laterCommands
        diagnostics = []
        commandsHere = userCommands
        defined = definedNames
        params = []
        pending = []
    }

    /// Checks the next top-level statement.
    mutating func add(_ statement: Statement) {
        switch statement.kind {
        case .command(let d):
            if commands.spec(d.name.text)?.origin == "built-in" {
                report(.misplacedStatement("'\(d.name.text)' is a built-in command; give this command another name"), d.name.span)
            } else if let place = importedPlaces[d.name.text] {
                report(.runtime("the command '\(d.name.text)' is also defined in \(place), which this script imports"), d.name.span)
            } else if commandsHere[d.name.text] != nil, userCommands[d.name.text] == nil {
                report(.duplicateCommand(d.name.text), d.name.span)
            }
            commandsHere[d.name.text] = d
        case .param(let p):
            if !params.insert(p.name.text).inserted {
                report(.misplacedStatement("the param '\(p.name.text)' is declared twice"), p.name.span)
            }
        case .let(let name, _):
            if let place = namespaces[name.text] {
                report(.runtime("'\(name.text)' is the namespace of \(place); give the variable another name"), name.span)
            }
            exportedLets.insert(name.text)
        case .import(let path, let namespace):
            importModule(path, as: namespace)
        default:
            break
        }
        collectDefinitions(CollectionOfOne(statement))
        let mark = diagnostics.count
        deferred = false
        walk(statement, inParallel: false, topLevel: true)
        if deferred || diagnostics.count > mark {
            diagnostics.removeSubrange(mark...)
            pending.append(statement)
        }
    }

    /// Checks an imported file and takes its commands and top-level `let`s: as they are, or
    /// with a namespace, as `NAME.command` and the one name `NAME`.
    private mutating func importModule(_ path: Name, as namespace: Name?) {
        guard let source else { return }
        guard capabilities.contains(.fileSystem) else {
            report(.capabilityDenied(capability: Capability.fileSystem.rawValue, what: "import"), path.span)
            return
        }
        let absolute = ModuleLoader.resolve(path.text, from: source)
        let stack = importStack.isEmpty ? [WorkingDirectory.absolute(source.name)] : importStack
        if let at = stack.firstIndex(of: absolute) {
            let chain = (stack[at...] + [absolute]).map { String($0.split(separator: "/").last ?? "") }
            report(.runtime("import cycle: \(chain.joined(separator: " imports "))"), path.span)
            return
        }
        if let namespace {
            let name = namespace.text
            if let place = namespaces[name] {
                report(.runtime("the namespace '\(name)' is already given to \(place)"), namespace.span)
                return
            }
            if defined.contains(name) || exportedLets.contains(name) || params.contains(name) {
                report(.runtime("the namespace '\(name)' is already the name of a variable; import as another name"), namespace.span)
                return
            }
            namespaces[name] = "the import at \(source.name):\(path.span.line):\(path.span.column)"
        }
        let prefix = namespace.map { $0.text + "." } ?? ""
        guard imported.insert(prefix + " " + absolute).inserted else { return }
        let shown = ModuleLoader.shownName(path.text, from: source)
        let program: Program
        do { program = try ModuleLoader.load(absolute, shownAs: shown, functions: functions.names) } catch {
            report(.runtime(ModuleLoader.message(error, path: shown)), path.span)
            return
        }
        var module = Checker(commands: commands, functions: functions, userCommands: [:], definedNames: definedNames, capabilities: capabilities)
        module.importStack = stack + [absolute]
        module.imported = imported
        let found = module.check(program).filter { $0.severity == .error }
        imported.formUnion(module.imported)
        if let first = found.first {
            let more = found.count > 1 ? " (and \(found.count - 1) more)" : ""
            report(.runtime("\(shown) has an error\(more): \(first.source?.name ?? shown):\(first.span.line):\(first.span.column): \(first.kind.message)"), path.span)
        }
        for (unqualified, d) in module.commandsHere {
            let name = prefix + unqualified
            let place = "\(module.importedPlaces[unqualified] ?? "\(shown):\(d.name.span.line):\(d.name.span.column)")"
            if let mine = commandsHere[name], userCommands[name] == nil {
                let other = importedPlaces[name] ?? "\(source.name):\(mine.name.span.line):\(mine.name.span.column)"
                report(.runtime("\(shown) defines the command '\(name)' (at \(place)), which is already defined at \(other)"), path.span)
                continue
            }
            commandsHere[name] = d
            importedPlaces[name] = place
        }
        if let namespace {
            defined.insert(namespace.text)
            exportedLets.insert(namespace.text)
        } else {
            defined.formUnion(module.exportedLets)
            exportedLets.formUnion(module.exportedLets)
        }
    }

    /// The diagnostics of the statements added, in source order.
    mutating func finish() -> [Diagnostic] {
        for statement in pending { walk(statement, inParallel: false, topLevel: true) }
        pending = []
        return diagnostics.sorted { $0.span.offset < $1.span.offset }
    }

    /// The user command called `name`, if any (noting when a later statement may define it).
    private mutating func userCommand(_ name: String) -> CommandDefinition? {
        if !laterCommands.isEmpty, laterCommands.contains(name) { deferred = true }
        return commandsHere.isEmpty ? nil : commandsHere[name]
    }

    /// The names that follow the word `command` anywhere in `bytes`: all the commands a
    /// script may define, and perhaps some more.
    static func commandNames(in bytes: [UInt8]) -> Set<String> {
        let word = Array("command".utf8)
        var names: Set<String> = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > word.count else { return }
            var i = 0
            while i + word.count < buffer.count {
                guard let found = memchr(base + i, Int32(word[0]), buffer.count - i) else { break }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                i = at + 1
                guard at + word.count <= buffer.count, memcmp(base + at, word, word.count) == 0 else { continue }
                var j = at + word.count
                while j < buffer.count, buffer[j] == 0x20 || buffer[j] == 0x09 || buffer[j] == 0x0D { j += 1 }
                let nameStart = j
                while j < buffer.count, Checker.isNameByte(buffer[j]) { j += 1 }
                if j > nameStart { names.insert(String(decoding: UnsafeBufferPointer(rebasing: buffer[nameStart..<j]), as: UTF8.self)) }
                i = max(j, nameStart)
            }
        }
        return names
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    mutating func report(_ kind: DiagnosticKind, _ span: SourceSpan, severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(kind, at: span, in: source, severity: severity))
    }

    // MARK: - Definitions

    private mutating func collectDefinitions<S: Sequence<Statement>>(_ statements: S) {
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
            case .stop, .fail, .use, .import, .expression: break
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
            // A top-level param declared twice is reported by `add(_:)`.
            if !topLevel {
                report(.misplacedStatement("a param can only be declared at the top level of a script"), p.name.span)
            }
            if let d = p.defaultValue { expression(d, lenient: false) }
        case .command(let d):
            if !topLevel {
                report(.misplacedStatement("a command can only be defined at the top level of a script"), d.name.span)
            }
            for p in d.parameters { if let v = p.defaultValue { expression(v, lenient: false) } }
            walk(d.body, inParallel: false, topLevel: false)
        case .import(let path, _):
            // A top-level import is taken by `add(_:)`.
            if !topLevel { report(.misplacedStatement("an import can only stand at the top level of a script"), path.span) }
        case .use(let name, let arguments):
            guard let settings = Checker.policies[name.text] else {
                report(.unknownPolicy(name.text, suggestion: Suggestion.closest(to: name.text, in: Checker.policies.keys)), name.span)
                return
            }
            for a in arguments { expression(a.value, lenient: false) }
            if name.text != "env" { checkLabels(arguments, of: "use \(name.text)", settings) }
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

    /// Each named argument of `use NAME(...)` or `on RUNNER(...)` is one of `settings`.
    private mutating func checkLabels(_ arguments: [TaskArgument], of what: String, _ settings: [String]) {
        for a in arguments {
            if let label = a.label, !settings.contains(label) {
                report(.unknownArgument(command: what, argument: label, suggestion: Suggestion.closest(to: label, in: settings)), a.value.span)
            }
        }
    }

    private mutating func checkClauses(_ c: Clauses, inParallel: Bool) {
        if let e = c.condition { expression(e, lenient: true) }
        if let e = c.skipIf { expression(e, lenient: true) }
        if let e = c.stopIf { expression(e, lenient: true) }
        if let e = c.timeout { expression(e, lenient: false) }
        for e in c.sources + c.generates + (c.runner?.expressions ?? []) { expression(e, lenient: false) }
        if case .named(let name, let arguments)? = c.runner, let settings = RunnerSpec.settingNames[name.text] {
            checkLabels(arguments, of: "on \(name.text)", settings)
        }
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
            if case .variable(let word) = a.value.kind, !defined.contains(word), userCommand(name) == nil,
                commands.isShellArgument(command: name, label: a.label, position: i) {
                report(.hint("'\(word)' is never defined", help: "a command line is a string: did you mean \(name) \"\(word)\"?"), a.value.span)
                continue
            }
            expression(a.value, lenient: false)
        }
        if let user = userCommand(name) {
            checkUserCall(user, line)
            return
        }
        checkCommand(name, at: line.command.span, line.arguments)
    }

    /// A call of a command of the registry: the command exists, the host grants what it
    /// needs, and its arguments fit its parameters (the types of those written as literals).
    mutating func checkCommand(_ name: String, at nameSpan: SourceSpan, _ arguments: [TaskArgument]) {
        let shape = Checker.callShape(arguments).map { CallShape(command: name, shape: $0) }
        if let shape, fittingCalls.contains(shape) { return }
        guard let spec = commands.spec(name) else {
            let known = Set(commands.names).union(commandsHere.keys)
            // `push` for a command imported as `deploy.push`: the namespace is what is missing.
            let qualified = commandsHere.keys.filter { $0.hasSuffix("." + name) }.sorted().first
            // `deploy.region` on a line of its own, where `deploy` is a namespace: a value, not a command.
            if qualified == nil, let dot = name.firstIndex(of: "."), defined.contains(String(name[..<dot])),
               Suggestion.closest(to: name, in: known) == nil {
                report(.hint("'\(name)' is not a command of '\(name[..<dot])'", help: "to show a value: print \(name)"), nameSpan)
                return
            }
            report(.unknownCommand(name, suggestion: qualified ?? Suggestion.closest(to: name, in: known)), nameSpan)
            return
        }
        var remembered = shape
        if let needed = spec.capability, !capabilities.contains(needed) {
            report(.capabilityDenied(capability: needed.rawValue, what: "the command '\(name)'"), nameSpan)
            remembered = nil
        }
        if let s = shape, s.shape & Checker.writtenStrings != 0, spec.parameters.contains(where: { $0.positional && $0.type == .duration }) {
            // A string where a duration may go is read from its text: each call is bound.
            remembered = nil
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
            if let remembered { fittingCalls.insert(remembered) }
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

    /// The bits of a ``callShape(_:)`` that mark arguments written as strings.
    static let writtenStrings: UInt64 = 0x5555_5555 << 4

    /// What decides whether positional arguments fit a command (unless a string may go where
    /// a duration does): their number, and which are written as a string, as `true`/`false`,
    /// or computed (not known before running). Nil when more decides it: a label or another
    /// literal.
    static func callShape(_ arguments: [TaskArgument]) -> UInt64? {
        guard arguments.count < 16 else { return nil }
        var shape = UInt64(arguments.count)
        for (i, a) in arguments.enumerated() {
            guard a.label == nil else { return nil }
            let tag: UInt64
            switch a.value.kind {
            case .literal(.string):
                tag = 1
            case .literal(.bool): tag = 2
            case .literal: return nil
            default: tag = 0
            }
            shape |= tag << (4 + 2 * UInt64(i))
        }
        return shape
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
