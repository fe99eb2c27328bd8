/// A compact s-expression dump of the AST, one line per statement, for parser tests and
/// for looking at what the parser made of a script.
///
/// Every node that has parts is `(head part ...)`; leaves are atoms. The heads of
/// statements and of expressions never coincide, so a dump reads back one way only.
///
/// Expressions:
///
/// | source | dump |
/// |---|---|
/// | `42`, `-3`, `3.5`, `1.0` | `42`, `-3`, `3.5`, `1.0` (a float always shows a `.` or an exponent) |
/// | `250ms`, `2s`, `1.5s`, `90s` | `250ms`, `2s`, `1500ms`, `90s` (the largest unit that divides it) |
/// | `true`, `false`, `null` | `true`, `false`, `null` |
/// | `"a\nb"`, `'raw'` | `"a\nb"`, `"raw"` (JSON quoting) |
/// | `"a ${x} b"` | `(str "a " (${} x) " b")` |
/// | `x` | `x` |
/// | `[1, 2]` | `(list 1 2)` |
/// | `{a: 1, "b c": 2}` | `(map (a 1) ("b c" 2))` |
/// | `a.b` | `(. a b)` |
/// | `xs[0]` | `([] xs 0)` |
/// | `len(xs)` | `(call len xs)` |
/// | `!x`, `-x` | `(! x)`, `(- x)` |
/// | `a + b * c` | `(+ a (* b c))`; every binary operator by its symbol (`||`, `&&`, `in`, `??`, `**`, ...) |
///
/// Statements:
///
/// | source | dump |
/// |---|---|
/// | `let x = 1` | `(let x 1)` |
/// | `run "npm test" store as r if ok` | `(task run "npm test" (if ok) (store r))` |
/// | `lint paths: ["src"]` | `(task lint (paths: (list "src")))`: a named argument is `(label: value)` |
/// | `task deploy if ok retry 3 { run "x" }` | `(block deploy (clauses (if ok) (retry 3)) (task run "x"))` |
/// | `parallel { ... }`, `parallel(max: 4) { ... }` | `(parallel ...)`, `(parallel (max 4) ...)` |
/// | `sequential { ... }` | `(sequential ...)` |
/// | `for f in xs { ... }`, `for f in xs store as rs { ... }` | `(for f xs ...)`, `(for f xs (store rs) ...)` |
/// | `parallel for f in xs { ... }`, `parallel(max: 2) for ...` | `(pfor f xs ...)`, `(pfor (max 2) f xs ...)` |
/// | `if c { a } else { b }` | `(if c (then a) (else b))`; `else if` nests: `(else (if d (then ...)))` |
/// | `stop`, `stop "why" if c` | `(stop)`, `(stop "why" (if c))` |
/// | `command deploy(env, version = "latest") { ... }` | `(command deploy (params env (version "latest")) ...)` |
/// | `use retry(max_retries: 3)`, `use fail_fast` | `(use retry (max_retries: 3))`, `(use fail_fast)` |
/// | `build.ok` (an expression on its own) | `(expr (. build ok))` |
///
/// Clauses always come in this order, whatever order the source gives them: `(if E)`,
/// `(skip_if E)`, `(stop_if E)`, `(store NAME)`, `(retry N)` or `(retry (max_retries: 3) ...)`,
/// `(timeout E)`, `(needs A B)`, `(extract sequential|parallel)`.
///
/// ```swift
/// let (program, _) = Parser.parse(SourceFile(name: "x.scout", text: "let x = 1 + 2 * 3"))
/// ASTPrinter.dump(program)  // (let x (+ 1 (* 2 3)))
/// ```
package enum ASTPrinter {
    /// The program, one statement per line.
    package static func dump(_ program: Program) -> String {
        program.statements.map(dump).joined(separator: "\n")
    }

    /// Statements separated by spaces, on one line.
    package static func dump(_ statements: [Statement]) -> String {
        statements.map(dump).joined(separator: " ")
    }

    /// One statement on one line.
    package static func dump(_ statement: Statement) -> String {
        switch statement.kind {
        case .let(let name, let value):
            return node("let", [name.text, dump(value)])
        case .task(let line):
            return node("task", [line.command.text] + line.arguments.map(dump) + clauses(line.clauses))
        case .taskBlock(let block):
            let set = clauses(block.clauses)
            let header = set.isEmpty ? [] : [node("clauses", set)]
            return node("block", [block.name.text] + header + block.body.map(dump))
        case .parallel(let max, let body):
            return node("parallel", (max.map { [node("max", [dump($0)])] } ?? []) + body.map(dump))
        case .sequential(let body):
            return node("sequential", body.map(dump))
        case .for(let loop):
            let limit = loop.max.map { [node("max", [dump($0)])] } ?? []
            let store = loop.storeAs.map { [node("store", [$0.text])] } ?? []
            return node(loop.parallel ? "pfor" : "for", limit + [loop.variable.text, dump(loop.iterable)] + store + loop.body.map(dump))
        case .if(let condition, let then, let otherwise):
            var parts = [dump(condition), node("then", then.map(dump))]
            if let otherwise { parts.append(node("else", otherwise.map(dump))) }
            return node("if", parts)
        case .stop(let reason, let condition), .fail(let reason, let condition):
            var parts: [String] = []
            if let reason { parts.append(dump(reason)) }
            if let condition { parts.append(node("if", [dump(condition)])) }
            if case .fail = statement.kind { return node("fail", parts) }
            return node("stop", parts)
        case .param(let p):
            var parts = [p.name.text, p.kind.rawValue]
            if let d = p.defaultValue { parts.append(dump(d)) }
            return node("param", parts)
        case .command(let definition):
            let params = definition.parameters.map { p in
                p.defaultValue.map { node(p.name.text, [dump($0)]) } ?? p.name.text
            }
            return node("command", [definition.name.text, node("params", params)] + definition.body.map(dump))
        case .use(let name, let arguments):
            return node("use", [name.text] + arguments.map(dump))
        case .import(let path, let namespace):
            return node("import", [Value.string(path.text).jsonText()] + (namespace.map { ["as", $0.text] } ?? []))
        case .expression(let e):
            return node("expr", [dump(e)])
        }
    }

    /// One expression on one line.
    package static func dump(_ expression: Expression) -> String {
        switch expression.kind {
        case .literal(let value):
            return literal(value)
        case .interpolated(let parts):
            return node("str", parts.map { part in
                switch part {
                case .text(let t): return quoted(t)
                case .interpolation(let inner): return node("${}", [dump(inner)])
                }
            })
        case .variable(let name):
            return name
        case .list(let elements):
            return node("list", elements.map(dump))
        case .map(let entries):
            return node("map", entries.map { node(ExpressionPrinter.mapKey($0.key), [dump($0.value)]) })
        case .member(let base, let name):
            return node(".", [dump(base), name])
        case .index(let base, let index):
            return node("[]", [dump(base), dump(index)])
        case .call(let name, let arguments):
            return node("call", [name] + arguments.map(dump))
        case .unary(let op, let operand):
            return node(op.rawValue, [dump(operand)])
        case .binary(let op, let left, let right):
            return node(op.rawValue, [dump(left), dump(right)])
        }
    }

    /// A task argument: the value, or `(label: value)` for a named one.
    static func dump(_ argument: TaskArgument) -> String {
        guard let label = argument.label else { return dump(argument.value) }
        return node("\(label):", [dump(argument.value)])
    }

    /// The clauses that are set, in the fixed order the type's documentation gives.
    static func clauses(_ c: Clauses) -> [String] {
        var out: [String] = []
        if let e = c.condition { out.append(node("if", [dump(e)])) }
        if let e = c.skipIf { out.append(node("skip_if", [dump(e)])) }
        if let e = c.stopIf { out.append(node("stop_if", [dump(e)])) }
        if let n = c.storeAs { out.append(node("store", [n.text])) }
        switch c.retry {
        case .count(let e)?: out.append(node("retry", [dump(e)]))
        case .config(let arguments)?: out.append(node("retry", arguments.map(dump)))
        case nil: break
        }
        if let e = c.timeout { out.append(node("timeout", [dump(e)])) }
        if !c.needs.isEmpty { out.append(node("needs", c.needs.map(\.text))) }
        if let mode = c.extractSteps { out.append(node("extract", [mode.rawValue])) }
        if !c.sources.isEmpty { out.append(node("sources", c.sources.map(dump))) }
        if !c.generates.isEmpty { out.append(node("generates", c.generates.map(dump))) }
        switch c.runner {
        case .named(let name, let arguments)?: out.append(node("on", [name.text] + arguments.map(dump)))
        case .value(let e)?: out.append(node("on", [dump(e)]))
        case nil: break
        }
        return out
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .duration(let d): return Value.formatDuration(d)
        case .double(let d):
            let text = Value.formatDouble(d, json: false)
            return text.contains(where: { $0 == "." || $0 == "e" || $0 == "n" || $0 == "i" }) ? text : text + ".0"
        case .list(let elements): return node("list", elements.map(literal))
        case .map(let m): return node("map", m.map { node(ExpressionPrinter.mapKey($0.key), [literal($0.value)]) })
        case .string(let s): return quoted(s)
        default: return value.jsonText()
        }
    }

    static func quoted(_ text: String) -> String {
        // Most strings need no escapes: quote them whole rather than scalar by scalar.
        var text = text
        let plain = text.withUTF8 { buffer in
            for b in buffer where b < 0x20 || b == 0x22 || b == 0x5C { return false }
            return true
        }
        if plain { return "\"" + text + "\"" }
        return Value.string(text).jsonText()
    }

    static func node(_ head: String, _ parts: [String]) -> String {
        parts.isEmpty ? "(\(head))" : "(\(head) \(parts.joined(separator: " ")))"
    }
}
