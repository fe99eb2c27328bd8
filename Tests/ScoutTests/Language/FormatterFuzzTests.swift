import Testing
@testable import Scout

/// Random scripts that parse, written with random spacing, line breaks, blank lines and
/// comments in every place a comment may stand: formatting keeps the tree and is idempotent.
@Suite struct FormatterFuzzTests {
    /// Writes random scripts from a small grammar of the language.
    struct Writer {
        var random: SplitMix64

        mutating func pick(_ options: [String]) -> String { options.randomElement(using: &random)! }
        mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
        mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

        mutating func space() -> String { pick([" ", " ", " ", "  ", "\t"]) }

        /// The end of a statement: a line break, maybe blank lines and comments.
        mutating func end(_ depth: Int) -> String {
            let pad = String(repeating: "  ", count: depth)
            return pick(["\n", "\n", "\n", "  # after\n", "\n\n", "\n\(pad)# own\n", "\n\n\(pad)# a\n\n\n\(pad)# b\n\n", "; "])
        }

        mutating func atom(_ depth: Int) -> String {
            let deeper = depth < 3
            switch count(0...13) {
            case 0: return pick(["1", "42", "1_000", "3.5", "2s", "250ms", "-1", "-(2)", "--3"])
            case 1: return pick(["true", "false", "null"])
            case 2: return pick(["\"hi\"", "\"a ${x} b\"", "'raw'", "\"esc \\n \\\" \\$\"", "\"\"\"\n  multi\n    ${y}\n  \"\"\"", "\"${ {a: 1}.a }\""])
            case 3 where deeper: return pick(["len", "range", "min"]) + "(" + (0..<count(0...2)).map { _ in expression(depth + 1) }.joined(separator: ", ") + ")"
            case 4 where deeper:
                let elements = (0..<count(0...3)).map { _ in expression(depth + 1) }
                guard chance(0.4), !elements.isEmpty else { return "[" + elements.joined(separator: "," + space()) + "]" }
                return "[" + pick(["", "  # open"]) + "\n" + elements.map { "  " + $0 }.joined(separator: pick([",\n", ",  # e\n", ",\n  # own\n", ",\n\n"]))
                    + pick([",\n", "\n", ",  # last\n", "\n  # end\n"]) + "]"
            case 5 where deeper:
                let entries = (0..<count(0...2)).map { _ in pick(["a", "b_c", "\"d e\"", "'f'", "if"]) + ":" + space() + expression(depth + 1) }
                guard chance(0.4), !entries.isEmpty else { return "{" + entries.joined(separator: ", ") + "}" }
                return "{\n" + entries.map { "  " + $0 }.joined(separator: pick([",\n", ",  # e\n"])) + "\n}"
            case 6 where deeper: return "(" + expression(depth + 1) + ")"
            case 7 where deeper: return atom(depth + 1) + "." + pick(["ok", "if", "0"])
            case 8 where deeper: return atom(depth + 1) + "[" + expression(depth + 1) + "]"
            case 9 where deeper: return pick(["!", "-", "not ", "- "]) + atom(depth + 1)
            default: return pick(["x", "y", "ok", "files", "a_b"])
            }
        }

        mutating func expression(_ depth: Int = 0) -> String {
            var e = atom(depth)
            for _ in 0..<(depth < 3 ? count(0...2) : 0) {
                let op = pick(["||", "or", "&&", "and", "==", "!=", "<", ">=", "in", "??", "+", "-", "*", "/", "%", "**"])
                e += space() + op + (chance(0.8) ? space() : pick([" \n  ", "  # mid\n  "])) + atom(depth + 1)
            }
            return e
        }

        /// An expression for a condition, where a map needs parentheses.
        mutating func condition() -> String {
            let e = expression(1)
            return e.contains("{") ? "(" + e + ")" : e
        }

        mutating func clauses() -> [String] {
            var seen = Set<String>()
            var out: [String] = []
            for _ in 0..<count(0...3) {
                let clause = pick(["if C", "skip_if C", "stop_if C", "store as r", "retry 3", "retry(max_retries: 2)", "timeout 5m",
                                   "needs a, b", "extract steps", "extract steps parallel"])
                let word = String(clause.prefix { $0 != " " && $0 != "(" })
                guard seen.insert(word).inserted else { continue }
                out.append(clause.replacing("C", with: condition()))
            }
            return out
        }

        mutating func simple() -> String {
            switch count(0...5) {
            case 0: return "let " + pick(["x", "y"]) + " = " + expression()
            case 1: return pick(["stop", "stop \"why\"", "stop if x", "stop \"why\" if ok"])
            case 2: return pick(["use fail_fast", "use retry(max_retries: 1)", "use retry()"])
            case 3: return pick(["(x)", "x + 1", "len(files)", "build.ok", "!x", "(deploy(1))"])
            default:
                var line = pick(["run", "print", "deploy"])
                var arguments = (0..<count(0...2)).map { _ in expression(1) }.filter { !"([{-".contains($0.first!) }
                if chance(0.3) { arguments.append(pick(["quiet", "cwd", "if"]) + ": " + expression(1)) }
                if !arguments.isEmpty { line += " " + arguments.joined(separator: chance(0.9) ? ", " : ",\n  ") }
                let c = clauses()
                return c.isEmpty ? line : line + " " + c.joined(separator: " ")
            }
        }

        mutating func block(_ depth: Int) -> String {
            let pad = String(repeating: "  ", count: depth)
            if chance(0.3) { return pick(["{}", "{\n\(pad)}", "{  # inside\n\(pad)}", "{ " + simple() + " }"]) }
            let body = (0..<count(0...3)).map { _ in pad + "  " + statement(depth + 1) + end(depth + 1) }.joined()
            return "{" + pick(["", "  # opens"]) + "\n" + body + pick(["", "\(pad)  # closing\n"]) + pad + "}"
        }

        mutating func statement(_ depth: Int = 0) -> String {
            guard depth < 3 else { return simple() }
            let pad = String(repeating: "  ", count: depth)
            switch count(0...9) {
            case 0:
                let header = clauses().map { " " + $0 }.joined()
                if chance(0.3) { return "task t" + header + " { " + simple() + " }" }
                let inBody = chance(0.4) ? pad + "  timeout 1s" + end(depth + 1) : ""
                return "task t" + header + " {\n" + inBody + pad + "  " + statement(depth + 1) + "\n" + pad + "}"
            case 1: return pick(["parallel ", "parallel(max: 2) ", "sequential "]) + block(depth)
            case 2: return pick(["", "parallel ", "parallel(max: 3) "]) + "for f in " + condition() + " " + block(depth)
            case 3:
                var s = "if " + condition() + " " + block(depth)
                for _ in 0..<count(0...2) {
                    s += pick([" ", "\n\(pad)", "\n\(pad)# before else\n\(pad)", "  # after }\n\(pad)"]) + "else if " + condition() + " " + block(depth)
                }
                if chance(0.5) { s += pick([" ", "\n\(pad)# before else\n\(pad)"]) + "else " + block(depth) }
                return s
            case 4: return "command c(" + pick(["", "a", "a, b = 1", "a,\n  b = [1, 2]"]) + ") " + block(depth)
            default: return simple()
            }
        }

        mutating func script() -> String {
            var s = pick(["", "#!/usr/bin/env scout\n", "# header\n\n"])
            for _ in 0..<count(1...6) { s += statement() + end(0) }
            return s
        }
    }

    @Test func randomScriptsKeepTheirTreeAndFormatOnce() {
        var writer = Writer(random: SplitMix64(seed: 0xF0_47))
        var parsed = 0
        for n in 0..<400 {
            let text = writer.script()
            let source = SourceFile(name: "fuzz-\(n).scout", text: text)
            let (program, diagnostics) = Parser.parse(source)
            guard !diagnostics.contains(where: { $0.severity == .error }) else { continue }
            parsed += 1
            do {
                let once = try Formatter.format(source)
                let (again, _) = Parser.parse(SourceFile(name: "again", text: once))
                #expect(ASTPrinter.dump(again) == ASTPrinter.dump(program), "\(text.debugDescription)")
                #expect(try Formatter.format(SourceFile(name: "twice", text: once)) == once, "\(text.debugDescription)")
            } catch {
                Issue.record("\(text.debugDescription): \(error)")
            }
        }
        // Most of what the writer writes parses; a change that made little parse would test little.
        #expect(parsed > 300)
    }
}
