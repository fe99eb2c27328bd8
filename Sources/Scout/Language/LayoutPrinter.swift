/// Lays out a parsed script in the canonical layout that ``Formatter`` documents, as
/// ``LayoutLine``s that remember which source bytes they print (comments and blank lines
/// are added afterwards by ``CommentWeaver``).
///
/// The statements are printed from the syntax tree; literals, map keys and the words the
/// tree does not keep (`extract steps sequential`, `use retry()`, `else if` against
/// `else { if ... }`, `pair.0`) are taken from the tokens.
struct LayoutPrinter {
    let source: LayoutSource
    /// Names written `name(` that are function calls; a statement starting with another
    /// name followed by `(` is a task.
    let functionNames: Set<String>
    /// The lines laid out so far.
    var lines: [LayoutLine] = []
    /// The line being written, if any.
    var current: LayoutLine?
    /// The indentation level of the next line.
    var indent = 0

    init(source: LayoutSource, functionNames: Set<String>) {
        self.source = source
        self.functionNames = functionNames
    }

    // MARK: - Lines

    /// Starts a line at the current indentation; `start` is the offset of its first source byte.
    mutating func begin(_ role: LayoutLine.Role, at start: Int) {
        if current != nil { finish() }
        current = LayoutLine(indent: indent, text: "", role: role, start: start, end: start)
    }

    mutating func write(_ text: String) {
        current?.text += text
    }

    /// Notes that the current line prints the source byte at `offset`.
    mutating func reach(_ offset: Int) {
        if let end = current?.end, offset > end { current?.end = offset }
    }

    /// Ends the current line; `opens` says it ends with a `{` or `[` whose contents follow.
    mutating func finish(opens: Bool = false) {
        guard var line = current else { return }
        line.opens = opens
        lines.append(line)
        current = nil
    }

    // MARK: - Statements

    mutating func statements(_ body: [Statement]) {
        for s in body { statement(s) }
    }

    mutating func statement(_ s: Statement) {
        begin(.statement, at: s.span.offset)
        statementText(s)
        reach(Self.last(s.span))
        finish()
    }

    /// The offset of the last byte of a span.
    static func last(_ span: SourceSpan) -> Int { span.offset + max(span.length, 1) - 1 }

    /// Writes a statement from the current line on (a block statement ends on the line of
    /// its closing `}`, left open).
    mutating func statementText(_ s: Statement) {
        switch s.kind {
        case .let(let name, let value):
            write("let \(name.text) = ")
            expression(value)
        case .task(let line):
            taskLine(line)
        case .taskBlock(let block):
            taskBlock(block, s)
        case .parallel(let max, let body):
            write("parallel")
            if let max { parallelLimit(max) }
            block(body, close: Self.last(s.span))
        case .sequential(let body):
            write("sequential")
            block(body, close: Self.last(s.span))
        case .for(let loop):
            if loop.parallel {
                write("parallel")
                if let max = loop.max { parallelLimit(max) }
                write(" ")
            }
            write("for \(loop.variable.text) in ")
            expression(loop.iterable, condition: true)
            if let name = loop.storeAs { write(" store as \(name.text)") }
            block(loop.body, close: Self.last(s.span))
        case .if:
            ifChain(s)
        case .stop(let reason, let condition), .fail(let reason, let condition):
            if case .fail = s.kind { write("fail") } else { write("stop") }
            if let reason {
                write(" ")
                expression(reason)
            }
            if let condition {
                write(" if ")
                expression(condition)
            }
        case .import(let path, let namespace):
            // The string as written: its quotes and escapes are the author's.
            write("import " + source.file.text(of: path.span))
            if let namespace { write(" as " + namespace.text) }
        case .param(let p):
            write("param \(p.name.text)")
            if p.kindSpan != nil { write(": \(p.kind.rawValue)") }
            if let d = p.defaultValue {
                write(" = ")
                expression(d)
            }
        case .command(let definition):
            write("command \(definition.name.text)(")
            for (n, p) in definition.parameters.enumerated() {
                if n > 0 { write(", ") }
                write(p.name.text)
                if let value = p.defaultValue {
                    write(" = ")
                    expression(value)
                }
            }
            write(")")
            block(definition.body, close: Self.last(s.span))
        case .use(let name, let arguments):
            write("use \(name.text)")
            let next = source.firstToken(atOrAfter: name.span.offset + name.span.length)
            if !arguments.isEmpty || source.tokens[next].kind == .leftParen {
                write("(")
                self.arguments(arguments)
                write(")")
            }
        case .expression(let e):
            if startsLikeTask(e) {
                write("(")
                expression(e)
                write(")")
            } else {
                expression(e)
            }
        }
    }

    mutating func parallelLimit(_ max: Expression) {
        write("(max: ")
        expression(max)
        write(")")
    }

    /// A statement that fits in a one-line block: `task lint { run "make lint" }`.
    static func isSimple(_ s: Statement) -> Bool {
        switch s.kind {
        case .let, .task, .stop, .fail, .param, .use, .expression: return true
        default: return false
        }
    }

    /// The offset of the `{` of a block that `close` closes.
    func openBrace(of body: [Statement], closingAt close: Int) -> Int {
        let bound = body.first?.span.offset ?? close
        return source.lastToken(.leftBrace, endingBy: bound).map { source.tokens[$0].span.offset } ?? close
    }

    /// True when a block was written on one line (its `{` and `}` on the same line) and
    /// holds at most one simple statement, or is empty, and no comment stands in it (after
    /// `commentsFrom`, by default its `{`): it then stays on one line.
    func fitsOnOneLine(_ body: [Statement], closingAt close: Int, commentsFrom: Int? = nil) -> Bool {
        let open = openBrace(of: body, closingAt: close)
        if source.hasComment(between: commentsFrom ?? open, and: close) { return false }
        return body.isEmpty || (body.count == 1 && Self.isSimple(body[0]) && source.line(of: open) == source.line(of: close))
    }

    /// Writes ` { BODY }` on the current line (when `oneLine`, or by default when the block
    /// fits on one line), ` {}` for a block with nothing in it, or ` {`, the body on lines of
    /// their own one level deeper, and a closing line `}` left open (for `} else {` and the
    /// like). Comments after `commentsFrom` (by default the `{`) count as inside the block.
    mutating func block(_ body: [Statement], oneLine: Bool? = nil, close: Int, commentsFrom: Int? = nil) {
        let open = openBrace(of: body, closingAt: close)
        if body.isEmpty, !source.hasComment(between: commentsFrom ?? open, and: close) {
            write(" {}")
            return
        }
        if oneLine ?? fitsOnOneLine(body, closingAt: close), let only = body.first {
            write(" { ")
            statementText(only)
            write(" }")
            return
        }
        write(" {")
        finish(opens: true)
        indent += 1
        statements(body)
        indent -= 1
        begin(.closing, at: close)
        write("}")
    }

    // MARK: - Tasks

    /// `command arg, arg, name: value` then the clauses in source order.
    mutating func taskLine(_ line: TaskLine) {
        write(line.command.text)
        if !line.arguments.isEmpty {
            write(" ")
            if line.arguments[0].label == nil, case .map(let entries) = line.arguments[0].value.kind, entries.isEmpty,
               Suggestion.closest(to: line.command.text, in: ["parallel", "sequential", "task", "for", "if", "command"]) != nil {
                // `paralel {}` would read as a misspelt block: keep the empty map in parentheses.
                write("(")
                expression(line.arguments[0].value)
                write(")")
                if line.arguments.count > 1 { write(", ") }
                arguments(Array(line.arguments.dropFirst()))
            } else {
                arguments(line.arguments)
            }
        }
        for word in Self.clauseWords(line.clauses) {
            write(" ")
            clause(word, line.clauses)
        }
    }

    /// `value` or `label: value`, separated by commas.
    mutating func arguments(_ arguments: [TaskArgument]) {
        for (n, argument) in arguments.enumerated() {
            if n > 0 { write(", ") }
            if let label = argument.label { write(label + ": ") }
            expression(argument.value)
        }
    }

    /// The clause keywords that are set, in source order.
    static func clauseWords(_ clauses: Clauses) -> [String] {
        clauses.spans.sorted { $0.value.offset < $1.value.offset }.map(\.key)
    }

    /// One clause, by its keyword.
    mutating func clause(_ word: String, _ clauses: Clauses) {
        switch word {
        case "if", "skip_if", "stop_if", "timeout":
            let value = word == "if" ? clauses.condition : word == "skip_if" ? clauses.skipIf : word == "stop_if" ? clauses.stopIf : clauses.timeout
            write(word + " ")
            if let value { expression(value, condition: true) }
        case "store":
            write("store as " + (clauses.storeAs?.text ?? ""))
        case "retry":
            switch clauses.retry {
            case .count(let e)?:
                write("retry ")
                expression(e, condition: true)
            case .config(let settings)?:
                write("retry(")
                arguments(settings)
                write(")")
            case nil:
                write("retry")
            }
        case "needs":
            write("needs " + clauses.needs.map(\.text).joined(separator: ", "))
        case "on":
            switch clauses.runner {
            case .named(let name, let settings)?:
                write("on " + name.text)
                if !settings.isEmpty {
                    write("(")
                    arguments(settings)
                    write(")")
                }
            case .value(let e)?:
                write("on ")
                expression(e, condition: true)
            case nil:
                write("on")
            }
        case "sources", "generates":
            write(word + " ")
            for (n, e) in (word == "sources" ? clauses.sources : clauses.generates).enumerated() {
                if n > 0 { write(", ") }
                expression(e, condition: true)
            }
        case "extract":
            write("extract steps")
            // `extract steps` and `extract steps sequential` are the same: keep the word as written.
            if let at = clauses.spans["extract"] {
                let i = source.firstToken(atOrAfter: at.offset) + 2
                if i < source.tokens.count, source.tokens[i].kind == .keyword(.parallel) || source.tokens[i].kind == .keyword(.sequential) {
                    write(" " + source.tokens[i].text)
                }
            }
        default:
            write(word)
        }
    }

    /// `task NAME HEADER-CLAUSES { BODY-CLAUSES STEPS }`: clauses stay where they were written.
    mutating func taskBlock(_ block: TaskBlock, _ s: Statement) {
        write("task \(block.name.text)")
        let brace = bodyBrace(after: block.name)
        let words = Self.clauseWords(block.clauses)
        let header = words.filter { block.clauses.spans[$0]!.offset < brace }
        let inBody = words.filter { block.clauses.spans[$0]!.offset >= brace }
        for word in header {
            write(" ")
            clause(word, block.clauses)
        }
        let close = Self.last(s.span)
        if inBody.isEmpty, block.body.isEmpty, !source.hasComment(between: brace, and: close) {
            write(" {}")
            return
        }
        let fits = inBody.count + block.body.count <= 1 && block.body.allSatisfy(Self.isSimple)
        if fits, source.line(of: brace) == source.line(of: close) {
            write(" { ")
            if let word = inBody.first {
                clause(word, block.clauses)
            } else if let only = block.body.first {
                statementText(only)
            }
            write(" }")
            return
        }
        write(" {")
        finish(opens: true)
        indent += 1
        for (n, word) in inBody.enumerated() {
            begin(.statement, at: block.clauses.spans[word]!.offset)
            clause(word, block.clauses)
            // The clause ends before the next clause, the first step, or the `}`.
            let bound = n + 1 < inBody.count ? block.clauses.spans[inBody[n + 1]]!.offset : block.body.first?.span.offset ?? close
            if let last = source.lastByte(before: bound) { reach(last) }
            finish()
        }
        statements(block.body)
        indent -= 1
        begin(.closing, at: close)
        write("}")
    }

    /// The offset of the `{` that opens a task block's body: the first `{` after its name
    /// outside the brackets and strings of its header clauses.
    func bodyBrace(after name: Name) -> Int {
        var depth = 0
        var i = source.firstToken(atOrAfter: name.span.offset) + 1
        while i < source.tokens.count {
            let t = source.tokens[i]
            switch t.kind {
            case .leftParen, .leftBracket, .interpolationStart: depth += 1
            case .rightParen, .rightBracket, .interpolationEnd: depth -= 1
            case .leftBrace where depth == 0: return t.span.offset
            case .endOfFile: return t.span.offset
            default: break
            }
            i += 1
        }
        return Int.max
    }

    // MARK: - if

    /// `if C { ... } else if D { ... } else { ... }`, with `} else {` on one line. The chain
    /// stays on one line when each of its blocks fits on one line. Comments between a `}`
    /// and the `else` after it count as inside the next block.
    mutating func ifChain(_ s: Statement) {
        let last = Self.last(s.span)
        var branches: [(condition: Expression?, body: [Statement], close: Int)] = []
        var node = s
        while case .if(let condition, let then, let otherwise) = node.kind {
            guard let otherwise, let elseToken = elseToken(of: node) else {
                branches.append((condition, then, last))
                break
            }
            let thenClose = source.lastToken(.rightBrace, endingBy: source.tokens[elseToken].span.offset).map { source.tokens[$0].span.offset } ?? last
            branches.append((condition, then, thenClose))
            if otherwise.count == 1, case .if = otherwise[0].kind, isElseIf(node) {
                node = otherwise[0]
            } else {
                branches.append((nil, otherwise, last))
                break
            }
        }
        let oneLine = branches.indices.allSatisfy { n in
            fitsOnOneLine(branches[n].body, closingAt: branches[n].close, commentsFrom: n > 0 ? branches[n - 1].close : nil)
        }
        var previousClose: Int?
        for (n, branch) in branches.enumerated() {
            if n == 0 {
                write("if ")
            } else {
                write(" else")
                if branch.condition != nil { write(" if ") }
            }
            if let condition = branch.condition { expression(condition, condition: true) }
            block(branch.body, oneLine: oneLine, close: branch.close, commentsFrom: previousClose)
            previousClose = branch.close
        }
    }

    /// The index of the `else` token of an `if` statement that has one.
    func elseToken(of s: Statement) -> Int? {
        guard case .if(let condition, let then, .some) = s.kind else { return nil }
        let after = then.last.map { Self.last($0.span) + 1 } ?? Self.last(condition.span) + 1
        return source.firstToken(.keyword(.else), atOrAfter: after)
    }

    /// True when the `else` of `s` is followed by `if` (an `else if`, not `else { if ... }`).
    func isElseIf(_ s: Statement) -> Bool {
        guard let i = elseToken(of: s), i + 1 < source.tokens.count else { return false }
        return source.tokens[i + 1].kind == .keyword(.if)
    }

    // MARK: - Expression statements

    /// True when an expression printed at the start of a statement would read as a task:
    /// a lone name (`x` is the command `x`), or a call of a name that is not a function
    /// (`deploy(1)` is the command `deploy` with the argument `(1)`). Such a statement
    /// is kept in parentheses.
    func startsLikeTask(_ e: Expression) -> Bool {
        var x = e
        var depth = 0
        while true {
            switch x.kind {
            case .variable:
                return depth == 0
            case .call(let name, _):
                return !functionNames.contains(name)
            case .binary(let op, let left, _):
                if precedence(left) < (op == .power ? Self.postfixLevel : Self.precedence(op)) { return false }
                x = left
            case .member(let base, _), .index(let base, _):
                if precedence(base) < Self.postfixLevel { return false }
                x = base
            default:
                return false
            }
            depth += 1
        }
    }
}
