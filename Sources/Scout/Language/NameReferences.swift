/// The variable names statements read: every name an expression uses, in clauses, arguments,
/// conditions and interpolations, through all nested blocks. Used to find what a task
/// needs when only some tasks of a script run.
package enum NameReferences {
    /// The names `statements` read.
    package static func collect(_ statements: [Statement]) -> Set<String> {
        var names = Set<String>()
        for s in statements { add(s, to: &names) }
        return names
    }

    static func add(_ s: Statement, to names: inout Set<String>) {
        switch s.kind {
        case .let(_, let value): add(value, to: &names)
        case .task(let line):
            for a in line.arguments { add(a.value, to: &names) }
            add(line.clauses, to: &names)
        case .taskBlock(let block):
            add(block.clauses, to: &names)
            for b in block.body { add(b, to: &names) }
        case .parallel(let max, let body):
            if let max { add(max, to: &names) }
            for b in body { add(b, to: &names) }
        case .sequential(let body):
            for b in body { add(b, to: &names) }
        case .for(let loop):
            add(loop.iterable, to: &names)
            if let max = loop.max { add(max, to: &names) }
            for b in loop.body { add(b, to: &names) }
        case .if(let condition, let then, let otherwise):
            add(condition, to: &names)
            for b in then + (otherwise ?? []) { add(b, to: &names) }
        case .stop(let reason, let condition), .fail(let reason, let condition):
            if let reason { add(reason, to: &names) }
            if let condition { add(condition, to: &names) }
        case .param(let p):
            if let d = p.defaultValue { add(d, to: &names) }
        case .command(let definition):
            for p in definition.parameters { if let d = p.defaultValue { add(d, to: &names) } }
            for b in definition.body { add(b, to: &names) }
        case .use(_, let arguments):
            for a in arguments { add(a.value, to: &names) }
        case .import: break
        case .expression(let e): add(e, to: &names)
        }
    }

    static func add(_ c: Clauses, to names: inout Set<String>) {
        for e in [c.condition, c.skipIf, c.stopIf, c.timeout].compactMap({ $0 }) + c.sources + c.generates + (c.runner?.expressions ?? []) { add(e, to: &names) }
        switch c.retry {
        case .count(let e)?: add(e, to: &names)
        case .config(let arguments)?: for a in arguments { add(a.value, to: &names) }
        case nil: break
        }
        for n in c.needs { names.insert(n.text) }
    }

    /// The names an expression reads.
    static func add(_ e: Expression, to names: inout Set<String>) {
        e.forEachVariable { name, _ in names.insert(name) }
    }
}
