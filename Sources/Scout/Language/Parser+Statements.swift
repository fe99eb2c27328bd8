/// The statement rules of the grammar (`grammar/scout.ebnf`), one method per rule.
extension Parser {
    /// Parses a whole script. Never fails: what it cannot parse is in the diagnostics, and
    /// parsing goes on at the next statement so one run reports several errors.
    package static func parse(_ source: SourceFile, functions: Set<String> = FunctionTable.builtins.names, namespaces: Set<String> = []) -> (program: Program, diagnostics: [Diagnostic]) {
        var statements: [Statement] = []
        let diagnostics = parse(source, functions: functions, namespaces: namespaces) { statements.append($0) }
        return (Program(source: source, statements: statements), diagnostics)
    }

    /// Parses a whole script as ``parse(_:functions:)`` does, handing each top-level statement
    /// to `each` as soon as it is read instead of keeping them: memory stays small however
    /// long the script. Returns the diagnostics.
    static func parse(_ source: SourceFile, functions: Set<String>, namespaces: Set<String> = [], each: (Statement) -> Void) -> [Diagnostic] {
        var parser = Parser(streaming: source, functionNames: functions, namespaces: namespaces)
        parser.program(each)
        let more = parser.dropped > 0 ? [Diagnostic(.moreErrors(parser.dropped), at: .none, in: source)] : []
        return merge(parser.lexical, parser.diagnostics + more)
    }

    /// `program = { separator } [ statement { separator { separator } statement } ] EOF`
    package mutating func program() -> [Statement] {
        var statements: [Statement] = []
        program { statements.append($0) }
        return statements
    }

    /// Parses the program, handing each top-level statement to `each`.
    mutating func program(_ each: (Statement) -> Void) {
        while true {
            skipSeparators()
            if isAtEnd { break }
            if peek.kind == .rightBrace {
                report(.unexpectedToken(found: "'}'", expected: ["a statement"]), peek.span)
                advance()
                continue
            }
            if let s = statementRecovering() { each(s) }
        }
    }

    mutating func skipSeparators() {
        while peek.kind == .newline || peek.kind == .semicolon { advance() }
    }

    /// One statement and its end; on an error, skips to the next statement.
    mutating func statementRecovering() -> Statement? {
        let level = openBrackets.count
        do {
            let s = try statement()
            try endOfStatement()
            return s
        } catch {
            synchronize(to: level)
            return nil
        }
    }

    /// A statement ends at a line break, `;`, a closing `}` or the end of the file.
    mutating func endOfStatement() throws(Abort) {
        switch peek.kind {
        case .newline, .semicolon: advance()
        case .rightBrace, .endOfFile: break
        default:
            expect("end of line")
            throw error()
        }
    }

    /// Skips to the end of the statement that started with `level` brackets open: the next
    /// line break or `;` once the brackets it opened are closed (also those opened before the
    /// error), or (not consumed) the `}` that closes the enclosing block.
    mutating func synchronize(to level: Int) {
        while true {
            switch peek.kind {
            case .endOfFile: return
            case .rightBrace where !openBrackets.dropFirst(level).contains(.leftBrace):
                return
            case .newline where openBrackets.count <= level, .semicolon where openBrackets.count <= level:
                advance()
                return
            default: break
            }
            advance()
        }
    }

    /// `statement = let | task_block | parallel | sequential | for | if | stop | fail | command | use | param | task_line | expression`
    mutating func statement() throws(Abort) -> Statement {
        let start = peek
        switch start.kind {
        case .keyword(.let): return try letStatement()
        case .keyword(.task): return try taskBlock()
        case .keyword(.parallel): return try parallel()
        case .keyword(.sequential):
            advance()
            let body = try block()
            return Statement(.sequential(body), start.span.through(previous.span))
        case .keyword(.for): return try forLoop(parallel: false, max: nil, start: start)
        case .keyword(.if):
            advance()
            return try ifStatement(condition: try condition(), start: start)
        case .keyword(.stop): return try stop()
        case .keyword(.fail): return try stop()
        case .keyword(.param): return try param()
        case .keyword(.command): return try commandDefinition()
        case .keyword(.use): return try use()
        case .keyword(.import): return try importStatement()
        case .keyword(.else):
            report(.misplacedStatement("'else' without an 'if' before it"), start.span)
            throw Abort()
        case .keyword(let k) where k.startsClause:
            report(.misplacedStatement("the clause '\(k.rawValue)' must follow a task on its line, or stand at the top of a task block"), start.span)
            throw Abort()
        case .identifier where Parser.isElif(start.text) && peek(1).kind != .colon:
            throw elif()
        case .identifier: return try taskLineOrExpression()
        default:
            let e = try expression()
            return Statement(.expression(e), e.span)
        }
    }

    /// True for how other languages spell `else if` (asked for every statement that starts with a name).
    static func isElif(_ word: String) -> Bool {
        word == "elif" || word == "elsif" || word == "elseif"
    }

    /// Reports an `elif` (of Python or the shell) at the current token.
    mutating func elif() -> Abort {
        report(.hint("unexpected '\(peek.text)'", help: "write 'else if'"), peek.span)
        return Abort()
    }

    /// `let = "let" NAME "=" expression`
    mutating func letStatement() throws(Abort) -> Statement {
        let start = advance()
        let name = try variableName()
        try consume(.equal)
        let value = try expression()
        return Statement(.let(name, value), start.span.through(value.span))
    }

    /// A name that can be assigned or defined (keywords are reserved); `role` says what
    /// the name is for in the message.
    mutating func variableName(_ role: String = "a name") throws(Abort) -> Name {
        if case .keyword(let k) = peek.kind {
            report(.unexpectedToken(found: "'\(k.rawValue)'", expected: ["\(role) ('\(k.rawValue)' is a reserved word)"]), peek.span)
            throw Abort()
        }
        guard peek.kind == .identifier else {
            expect(role)
            throw error()
        }
        let token = advance()
        return Name(token.text, token.span)
    }

    func isAdjacent(_ a: Token, _ b: Token) -> Bool {
        a.span.offset + a.span.length == b.span.offset
    }

    /// A line that starts with a name: a task (`run "make"`), or an expression (`build.ok`,
    /// `len(xs)`, `x + 1`), which the REPL prints.
    mutating func taskLineOrExpression() throws(Abort) -> Statement {
        let name = peek
        let next = peek(1)
        if next.kind == .dot, !namespaces.isEmpty, namespaces.contains(name.text), let parts = qualifiedCommandLength() {
            return try taskLine(nameTokens: parts)
        }
        switch next.kind {
        case .leftParen where isAdjacent(name, next) && functionNames.contains(name.text),
            .leftBracket where isAdjacent(name, next),
            // `print -1` (a space before the minus, none after) is a command with a negative
            // argument; `x - 1` and `x-1` subtract.
            .minus where isAdjacent(name, next) || !isAdjacent(next, peek(2)),
            .dot,
            _ where Parser.continuesExpression(next.kind):
            let e = try expression()
            return Statement(.expression(e), e.span)
        case .equal:
            report(.assignmentWithoutLet(name.text), name.span.through(next.span))
            throw Abort()
        case .leftBrace:
            // `print {a: 1}` passes a map; `paralel {` misspells a block statement, and
            // `deploy { ... }` lacks the word `task`.
            let blockWords = ["parallel", "sequential", "task", "for", "if", "command"]
            let suggestion = Suggestion.closest(to: name.text, in: blockWords)
            if startsMap(at: current + 1, orEmpty: suggestion == nil) { return try taskLine() }
            report(.unknownStatement(name.text, suggestion: suggestion ?? "task \(name.text)"), name.span)
            throw Abort()
        default:
            return try taskLine()
        }
    }

    /// True when the `{` at `index` starts a map literal: `{}` (when `orEmpty`), or `{` then a
    /// key and a colon, as no block's first statement starts.
    mutating func startsMap(at index: Int, orEmpty: Bool) -> Bool {
        var k = index + 1
        while hasToken(at: k), token(at: k).kind == .newline { k += 1 }
        guard hasToken(at: k) else { return false }
        switch token(at: k).kind {
        case .rightBrace:
            return orEmpty
        case .identifier, .keyword, .rawString:
            return hasToken(at: k + 1) && token(at: k + 1).kind == .colon
        case .stringStart:
            var depth = 0
            while hasToken(at: k) {
                if token(at: k).kind == .stringStart { depth += 1 }
                if token(at: k).kind == .stringEnd {
                    depth -= 1
                    if depth == 0 { break }
                }
                k += 1
            }
            return hasToken(at: k + 1) && token(at: k + 1).kind == .colon
        default:
            return false
        }
    }

    /// True for the binary operators that, after a name at the start of a line, make the line
    /// an expression rather than a task (`x + 1`, `build.ok == true`, `a in xs`).
    static func continuesExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .plus, .star, .starStar, .slash, .percent, .equalEqual, .bangEqual, .less, .lessEqual,
             .greater, .greaterEqual, .ampAmp, .pipePipe, .questionQuestion, .keyword(.and), .keyword(.or), .keyword(.in):
            return true
        default:
            return false
        }
    }

    /// The number of tokens of `NAMESPACE.command` (or `a.b.command`, written without
    /// spaces) at the current token, when the line calls it: not when an operator follows,
    /// which makes the line an expression (`deploy.region == "eu"`).
    func qualifiedCommandLength() -> Int? {
        var end = 0
        while end + 2 < Parser.lookahead, peek(end + 1).kind == .dot, peek(end + 2).kind == .identifier,
              isAdjacent(peek(end), peek(end + 1)), isAdjacent(peek(end + 1), peek(end + 2)) {
            end += 2
        }
        guard end > 0 else { return nil }
        let after = peek(end + 1)
        if after.kind == .dot || after.kind == .equal || Parser.continuesExpression(after.kind) { return nil }
        if after.kind == .leftBracket, isAdjacent(peek(end), after) { return nil }
        return end + 1
    }

    /// `task_line = NAME { "." NAME } [ argument { "," argument } ] { clause }`; the name is
    /// `nameTokens` tokens long (`deploy.push` is three).
    ///
    /// A line that does not parse as a task and starts with a misspelt statement keyword
    /// (`paralel(max: 2) {`, `lett x = 1`) is reported as that.
    mutating func taskLine(nameTokens: Int = 1) throws(Abort) -> Statement {
        var command = advance()
        if nameTokens > 1 {
            for _ in 1..<nameTokens { command.span = command.span.through(advance().span) }
            command.text = source.text(of: command.span)
        }
        let mark = diagnostics.count
        do throws(Abort) {
            let arguments = try argumentList()
            var clauses = Clauses()
            let clausesStart = peek.span.offset
            try clauseList(&clauses)
            try misplacedWords(command, arguments, clausesStart: clausesStart, hasClauses: !clauses.spans.isEmpty)
            if peek.kind == .identifier, let suggestion = Suggestion.closest(to: peek.text, in: Parser.clauseWords) {
                report(.misspeltKeyword(peek.text, suggestion: suggestion), peek.span)
                throw Abort()
            }
            if peek.kind != .newline, peek.kind != .semicolon, peek.kind != .rightBrace, peek.kind != .endOfFile,
                Suggestion.closest(to: command.text, in: Parser.statementWords) != nil {
                throw Abort()
            }
            let line = TaskLine(command: Name(command.text, command.span), arguments: arguments, clauses: clauses)
            return Statement(.task(line), command.span.through(previous.span))
        } catch {
            if let suggestion = Suggestion.closest(to: command.text, in: Parser.statementWords) {
                diagnostics.removeSubrange(min(mark, diagnostics.count)...)
                report(.unknownStatement(command.text, suggestion: suggestion), command.span)
            }
            throw error
        }
    }

    /// After a task's arguments and clauses: an argument written after a clause (`run "x"
    /// store as r, quiet: true`), or a command line without quotes (`run make test`).
    mutating func misplacedWords(_ command: Token, _ arguments: [TaskArgument], clausesStart: Int, hasClauses: Bool) throws(Abort) {
        let named = peek.kind == .comma ? 1 : 0
        if hasClauses, peek(named).kind == .identifier || isKeywordToken(peek(named)), peek(named + 1).kind == .colon {
            let argumentsText = source.text(of: command.span.through(arguments.last?.value.span ?? command.span))
            let clausesText = source.text(of: SourceSpan(offset: clausesStart, length: peek.span.offset - clausesStart, line: 0, column: 0))
            let rest = restOfLine(from: peek(named).span.offset)
            let rewrite = argumentsText + (arguments.isEmpty ? " " : ", ") + rest + " " + clausesText.trimmingSpaces()
            report(.hint("argument '\(peek(named).text)' after a clause", help: "arguments come before the clauses: \(rewrite)"), peek(named).span)
            throw Abort()
        }
        if arguments.count == 1, !hasClauses, case .variable = arguments[0].value.kind,
            [.identifier, .integer, .float, .minus, .dot, .slash].contains(peek.kind) {
            let words = restOfLine(from: arguments[0].value.span.offset, stoppingAtClauses: true)
            guard !words.contains("\""), !words.contains("\\") else { return }
            report(.hint("expected ',', a clause or end of line, found \(describe(peek))",
                         help: "a command line is a string: did you mean \(command.text) \"\(words)\"?"), peek.span)
            throw Abort()
        }
    }

    func isKeywordToken(_ token: Token) -> Bool {
        if case .keyword = token.kind { return true }
        return false
    }

    /// The source text from `offset` to the end of its line (or `;`, or a clause), without
    /// trailing spaces.
    mutating func restOfLine(from offset: Int, stoppingAtClauses: Bool = false) -> String {
        var end = offset
        var index = current
        while hasToken(at: index) {
            let t = token(at: index)
            index += 1
            if [.newline, .semicolon, .endOfFile].contains(t.kind) { break }
            if stoppingAtClauses, case .keyword(let k) = t.kind, k.startsClause { break }
            end = t.span.offset + t.span.length
        }
        return source.text(of: SourceSpan(offset: offset, length: max(0, end - offset), line: 0, column: 0))
    }

    static let clauseWords = ["if", "skip_if", "stop_if", "store", "retry", "timeout", "needs", "extract"]
    /// The keywords that start a statement, for "did you mean".
    static let statementWords = ["let", "task", "parallel", "sequential", "for", "if", "stop", "fail", "command", "use", "param"]

    /// True when the current token can start an argument.
    var startsArgument: Bool {
        switch peek.kind {
        case .identifier, .integer, .float, .duration, .stringStart, .rawString, .leftParen, .leftBracket, .leftBrace,
            .minus, .bang, .keyword(.true), .keyword(.false), .keyword(.null), .keyword(.not):
            return true
        case .keyword:
            return peek(1).kind == .colon
        default:
            return false
        }
    }

    /// `arguments = argument { "," argument }`, `argument = [ NAME ":" ] expression`
    mutating func argumentList() throws(Abort) -> [TaskArgument] {
        var arguments: [TaskArgument] = []
        guard startsArgument else { return arguments }
        var named = Set<String>()
        repeat {
            skipNewlines()
            let token = peek
            var isName = token.kind == .identifier
            if case .keyword = token.kind { isName = true }
            if isName, peek(1).kind == .colon {
                advance()
                advance()
                skipNewlines()
                let value = try expression()
                if !named.insert(token.text).inserted { report(.duplicateArgument(token.text), token.span) }
                arguments.append(TaskArgument(label: token.text, value: value))
            } else {
                let value = try expression()
                if !named.isEmpty { report(.positionalAfterNamed, value.span) }
                arguments.append(TaskArgument(label: nil, value: value))
            }
        } while match(.comma)
        return arguments
    }

    /// Parses clauses while the current token starts one.
    mutating func clauseList(_ clauses: inout Clauses) throws(Abort) {
        while case .keyword(let k) = peek.kind, k.startsClause {
            try clause(&clauses)
        }
        expect("a clause")
    }

    /// `clause = "if" cond | "skip_if" cond | "stop_if" cond | "store" "as" NAME | "retry" retry
    ///          | "timeout" cond | "needs" NAME { "," NAME } | "extract" "steps" [ mode ]
    ///          | "sources" cond { "," cond } | "generates" cond { "," cond }`
    mutating func clause(_ clauses: inout Clauses) throws(Abort) {
        let keyword = advance()
        let word = keyword.text
        if clauses.spans.updateValue(keyword.span, forKey: word) != nil { report(.duplicateClause(word), keyword.span) }
        switch keyword.kind {
        case .keyword(.if): clauses.condition = try condition()
        case .keyword(.skip_if): clauses.skipIf = try condition()
        case .keyword(.stop_if): clauses.stopIf = try condition()
        case .keyword(.store):
            try consume(.keyword(.as))
            clauses.storeAs = try variableName()
        case .keyword(.retry):
            if peek.kind == .leftParen, isAdjacent(keyword, peek) {
                advance()
                var arguments: [TaskArgument] = []
                if !check(.rightParen) { arguments = try argumentList() }
                skipNewlines()
                try consume(.rightParen)
                clauses.retry = .config(arguments)
            } else {
                clauses.retry = .count(try condition())
            }
        case .keyword(.timeout): clauses.timeout = try condition()
        case .keyword(.needs):
            repeat {
                let t = try consume(.identifier)
                clauses.needs.append(Name(t.text, t.span))
            } while match(.comma)
        case .keyword(.sources):
            repeat { clauses.sources.append(try condition()) } while match(.comma)
        case .keyword(.generates):
            repeat { clauses.generates.append(try condition()) } while match(.comma)
        case .keyword(.on):
            // `on ssh(hosts: [...])`, `on local`: a runner by name; else an expression.
            if peek.kind == .identifier, RunnerSpec.kinds.contains(peek.text),
               peek(1).kind != .dot, peek(1).kind != .leftBracket || !isAdjacent(peek, peek(1)) {
                let name = advance()
                var arguments: [TaskArgument] = []
                if peek.kind == .leftParen, isAdjacent(name, peek) {
                    advance()
                    if !check(.rightParen) { arguments = try argumentList() }
                    skipNewlines()
                    try consume(.rightParen)
                }
                clauses.runner = .named(Name(name.text, name.span), arguments)
            } else {
                clauses.runner = .value(try condition())
            }
        case .keyword(.extract):
            guard peek.kind == .identifier, peek.text == "steps" else {
                expect("'steps'")
                throw error()
            }
            advance()
            if match(.keyword(.parallel)) {
                clauses.extractSteps = .parallel
            } else if match(.keyword(.sequential)) {
                clauses.extractSteps = .sequential
            } else {
                clauses.extractSteps = .sequential
            }
        default:
            throw error()
        }
    }

    /// `task_block = "task" NAME { clause } task_body`;
    /// `task_body = "{" { clause_line } { statement } "}"`
    mutating func taskBlock() throws(Abort) -> Statement {
        let start = advance()
        let nameToken = try variableName("a task name")
        var clauses = Clauses()
        try clauseList(&clauses)
        let open = try consume(.leftBrace)
        try enter(open.span)
        defer { leave() }
        var body: [Statement] = []
        while true {
            skipSeparators()
            if match(.rightBrace) { break }
            if isAtEnd {
                if !nestingReported { report(.unclosedBlock(openedAt: open.span.line), open.span) }
                throw Abort()
            }
            let token = peek
            let level = openBrackets.count
            do {
                if case .keyword(let k) = token.kind, k.startsClause, k != .if {
                    if !body.isEmpty { report(.clauseAfterSteps(k.rawValue), token.span) }
                    try clause(&clauses)
                    try endOfStatement()
                } else if token.kind == .keyword(.if) {
                    advance()
                    let cond = try condition()
                    if peek.kind == .leftBrace {
                        body.append(try ifStatement(condition: cond, start: token))
                    } else {
                        if !body.isEmpty { report(.clauseAfterSteps("if"), token.span) }
                        if clauses.spans["if"] != nil { report(.duplicateClause("if"), token.span) }
                        clauses.spans["if"] = token.span
                        clauses.condition = cond
                    }
                    try endOfStatement()
                } else {
                    let s = try statement()
                    try endOfStatement()
                    body.append(s)
                }
            } catch {
                synchronize(to: level)
            }
        }
        let block = TaskBlock(name: nameToken, clauses: clauses, body: body)
        return Statement(.taskBlock(block), start.span.through(previous.span))
    }

    /// `block = "{" { statement } "}"`
    mutating func block() throws(Abort) -> [Statement] {
        let open = try consume(.leftBrace)
        try enter(open.span)
        defer { leave() }
        var body: [Statement] = []
        while true {
            skipSeparators()
            if match(.rightBrace) { return body }
            if isAtEnd {
                if !nestingReported { report(.unclosedBlock(openedAt: open.span.line), open.span) }
                throw Abort()
            }
            if let s = statementRecovering() { body.append(s) }
        }
    }

    /// `parallel = "parallel" [ "(" "max" ":" expression ")" ] ( block | for )`
    mutating func parallel() throws(Abort) -> Statement {
        let start = advance()
        var max: Expression?
        if peek.kind == .leftParen {
            advance()
            expect("'max'")
            guard peek.kind == .identifier, peek.text == "max" else { throw error() }
            advance()
            try consume(.colon)
            max = try expression()
            try consume(.rightParen)
        }
        if peek.kind == .keyword(.for) {
            return try forLoop(parallel: true, max: max, start: start)
        }
        expect("'for'")
        let body = try block()
        return Statement(.parallel(max: max, body: body), start.span.through(previous.span))
    }

    /// `for = "for" NAME "in" cond [ "store" "as" NAME ] block`
    mutating func forLoop(parallel: Bool, max: Expression?, start: Token) throws(Abort) -> Statement {
        try consume(.keyword(.for))
        let variable = try variableName()
        try consume(.keyword(.in))
        let iterable = try condition()
        var storeAs: Name?
        if peek.kind == .keyword(.store) {
            advance()
            try consume(.keyword(.as))
            storeAs = try variableName()
        }
        let body = try block()
        let loop = ForLoop(variable: variable, iterable: iterable, body: body, parallel: parallel, max: max, storeAs: storeAs)
        return Statement(.for(loop), start.span.through(previous.span))
    }

    /// `if = "if" cond block [ "else" ( if | block ) ]` (the `if` and its condition already read)
    mutating func ifStatement(condition: Expression, start: Token) throws(Abort) -> Statement {
        let then = try block()
        var otherwise: [Statement]?
        var k = current
        while token(at: k).kind == .newline { k += 1 }
        if token(at: k).kind == .keyword(.else) {
            current = k
            advance()
            if peek.kind == .keyword(.if) {
                let elseStart = advance()
                // An `else if` nests in the tree, so a long chain counts as deep nesting.
                try enter(elseStart.span)
                defer { leave() }
                let nested = try ifStatement(condition: try self.condition(), start: elseStart)
                otherwise = [nested]
            } else {
                expect("'if'")
                otherwise = try block()
            }
        }
        if peek.kind == .identifier, Parser.isElif(peek.text) { throw elif() }
        return Statement(.if(condition: condition, then: then, else: otherwise), start.span.through(previous.span))
    }

    /// `stop = "stop" [ expression ] [ "if" expression ]`, `fail = "fail" [ expression ] [ "if" expression ]`
    mutating func stop() throws(Abort) -> Statement {
        let start = advance()
        var reason: Expression?
        switch peek.kind {
        case .newline, .semicolon, .rightBrace, .endOfFile, .keyword(.if): break
        default: reason = try expression()
        }
        var cond: Expression?
        if match(.keyword(.if)) {
            cond = try expression()
            try noAssignmentInCondition()
        }
        let span = start.span.through(previous.span)
        if start.kind == .keyword(.fail) { return Statement(.fail(reason: reason, condition: cond), span) }
        return Statement(.stop(reason: reason, condition: cond), span)
    }

    /// `param = "param" NAME [ ":" TYPE ] [ "=" expression ]`
    mutating func param() throws(Abort) -> Statement {
        let start = advance()
        let name = try variableName("a parameter name")
        var kind: ScriptParameter.Kind?
        var kindSpan: SourceSpan?
        if match(.colon) {
            let typeName = peek
            guard typeName.kind == .identifier, let k = ScriptParameter.Kind(rawValue: typeName.text) else {
                let names = ScriptParameter.Kind.allCases.map(\.rawValue)
                report(.unexpectedToken(found: typeName.kind == .identifier ? "'\(typeName.text)'" : typeName.kind.displayName,
                                        expected: ["a type: " + names.joined(separator: ", ")]), typeName.span)
                throw Abort()
            }
            advance()
            kind = k
            kindSpan = typeName.span
        }
        var value: Expression?
        if match(.equal) { value = try expression() }
        let parameter = ScriptParameter(name: name, kind: kind ?? value.map(ScriptParameter.kind(of:)) ?? .string,
                                        kindSpan: kindSpan, defaultValue: value)
        return Statement(.param(parameter), start.span.through(previous.span))
    }

    /// `import = "import" STRING [ "as" NAME ]`: a plain string, so that the file is known
    /// without running anything.
    mutating func importStatement() throws(Abort) -> Statement {
        let start = advance()
        let path = try expression()
        guard case .literal(.string(let text)) = path.kind, !text.isEmpty else {
            report(.hint("import needs the path of a file as a plain string", help: "import \"lib/deploy.scout\""), path.span)
            throw Abort()
        }
        var namespace: Name?
        if match(.keyword(.as)) {
            let name = try variableName("a namespace")
            namespaces.insert(name.text)
            namespace = name
        }
        return Statement(.import(Name(text, path.span), as: namespace), start.span.through(previous.span))
    }

    /// `command_def = "command" NAME "(" [ param { "," param } ] ")" block`, `param = NAME [ "=" expression ]`
    mutating func commandDefinition() throws(Abort) -> Statement {
        let start = advance()
        let name = try variableName("a command name")
        try consume(.leftParen)
        var parameters: [CommandDefinition.Parameter] = []
        skipNewlines()
        while !check(.rightParen) {
            let p = try variableName("a parameter name")
            if parameters.contains(where: { $0.name.text == p.text }) { report(.duplicateParameter(p.text), p.span) }
            var defaultValue: Expression?
            if match(.equal) { defaultValue = try expression() }
            parameters.append(CommandDefinition.Parameter(name: p, defaultValue: defaultValue))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        try consume(.rightParen)
        let body = try block()
        let definition = CommandDefinition(name: name, parameters: parameters, body: body)
        return Statement(.command(definition), start.span.through(previous.span))
    }

    /// `use = "use" NAME [ "(" [ argument { "," argument } ] ")" ]`
    mutating func use() throws(Abort) -> Statement {
        let start = advance()
        let token = peek
        var isName = token.kind == .identifier
        if case .keyword = token.kind { isName = true }
        guard isName else {
            expect("a policy name (retry, circuit_breaker, fail_fast)")
            throw error()
        }
        advance()
        var arguments: [TaskArgument] = []
        if match(.leftParen) {
            skipNewlines()
            if !check(.rightParen) { arguments = try argumentList() }
            skipNewlines()
            try consume(.rightParen)
        } else if ![.newline, .semicolon, .rightBrace, .endOfFile].contains(peek.kind) {
            let value = source.text(of: peek.span)
            let help = token.text == "retry"
                ? "write 'use retry(\(value))' or 'use retry(max_retries: \(value))'"
                : "a policy's settings go in parentheses: 'use \(token.text)(...)'"
            report(.hint("expected '(' or end of line, found \(describe(peek))", help: help), peek.span)
            throw Abort()
        }
        return Statement(.use(Name(token.text, token.span), arguments), start.span.through(previous.span))
    }
}
