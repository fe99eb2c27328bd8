import Scout

/// Walks a syntax tree and notes every name defined or used, for ``SymbolTable``.
struct SymbolCollector {
    var occurrences: [SymbolOccurrence] = []

    mutating func define(_ name: Name, _ kind: SymbolKind, scope: Range<Int>, statement: SourceSpan) {
        occurrences.append(SymbolOccurrence(name: name.text, span: name.span, isCommand: kind.isCommand, definition: kind, scope: scope, statement: statement))
    }

    mutating func use(_ name: String, _ span: SourceSpan, isCommand: Bool = false) {
        occurrences.append(SymbolOccurrence(name: name, span: span, isCommand: isCommand, definition: nil, scope: 0..<0, statement: span))
    }

    mutating func walk(_ statements: [Statement], scope: Range<Int>) {
        for s in statements { walk(s, scope: scope) }
    }

    mutating func walk(_ s: Statement, scope: Range<Int>) {
        let own = s.span.offset..<(s.span.offset + s.span.length)
        switch s.kind {
        case .let(let name, let value):
            expression(value)
            define(name, .variable, scope: scope, statement: s.span)
        case .task(let line):
            use(line.command.text, line.command.span, isCommand: true)
            for a in line.arguments { expression(a.value) }
            clauses(line.clauses, scope: scope, statement: s.span)
        case .taskBlock(let block):
            define(block.name, .task, scope: scope, statement: s.span)
            clauses(block.clauses, scope: scope, statement: s.span)
            walk(block.body, scope: scope)
        case .parallel(let max, let body):
            if let max { expression(max) }
            walk(body, scope: scope)
        case .sequential(let body):
            walk(body, scope: scope)
        case .for(let loop):
            expression(loop.iterable)
            if let max = loop.max { expression(max) }
            define(loop.variable, .loopVariable, scope: own, statement: s.span)
            walk(loop.body, scope: own)
            if let name = loop.storeAs { define(name, .storedResult, scope: scope, statement: s.span) }
        case .if(let condition, let then, let otherwise):
            expression(condition)
            walk(then, scope: scope)
            if let otherwise { walk(otherwise, scope: scope) }
        case .stop(let reason, let condition), .fail(let reason, let condition):
            if let reason { expression(reason) }
            if let condition { expression(condition) }
        case .param(let p):
            if let d = p.defaultValue { expression(d) }
            define(p.name, .parameter, scope: scope, statement: s.span)
        case .command(let d):
            define(d.name, .command, scope: scope, statement: s.span)
            for p in d.parameters {
                if let value = p.defaultValue { expression(value) }
                define(p.name, .commandParameter, scope: own, statement: s.span)
            }
            walk(d.body, scope: own)
        case .use(_, let arguments):
            for a in arguments { expression(a.value) }
        case .import:
            // What another file defines is not in this file's names.
            break
        case .expression(let e):
            expression(e)
        }
    }

    mutating func clauses(_ c: Clauses, scope: Range<Int>, statement: SourceSpan) {
        for e in [c.condition, c.skipIf, c.stopIf, c.timeout].compactMap({ $0 }) + c.sources + c.generates + (c.runner?.expressions ?? []) { expression(e) }
        switch c.retry {
        case .count(let e)?: expression(e)
        case .config(let arguments)?: for a in arguments { expression(a.value) }
        case nil: break
        }
        for n in c.needs { use(n.text, n.span) }
        if let name = c.storeAs { define(name, .storedResult, scope: scope, statement: statement) }
    }

    /// The variables an expression reads.
    mutating func expression(_ e: Expression) {
        e.forEachVariable { name, span in use(name, span) }
    }
}
