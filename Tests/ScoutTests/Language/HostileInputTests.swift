import Foundation
import ScoutTestSupport
import Testing
@testable import Scout

/// Whatever bytes a script holds, the front end ends with diagnostics or a program:
/// never a crash, never a hang. Each case pins the diagnostic it gives and that it
/// returns promptly (the limits are generous: tests run unoptimised, in parallel).
///
/// The work runs on a thread of its own with a fixed stack (``stackSize``), not on the
/// cooperative pool: so the cases prove the depth limits hold on a known stack, and their
/// seconds of CPU do not hold up the pool that other suites' tasks wait on. The suite is
/// serialized, so it keeps at most one core busy (the process tests measure time).
@Suite(.serialized, .timeLimit(.minutes(2)))
struct HostileInputTests {
    /// The stack of the threads the cases run on. The deepest input the parser accepts
    /// needs about 1.5 MB in a debug build; this leaves room to spare.
    /// 4 MiB; 16 under a sanitizer, whose frames are several times larger (with less, the
    /// parser's stack check ends the nesting a few levels early, and the pinned places move).
    static let stackSize = Sanitizer.none ? 4 << 20 : 16 << 20

    /// What one input gave: the parse diagnostics and all diagnostics pinned, the dump,
    /// how long it all took, and the diagnostics whose spans fall outside the source.
    struct Outcome: Sendable {
        var diagnostics: [String]
        var checked: [String]
        var dump: String
        var elapsed: Duration
        var outOfBounds: [String]
    }

    /// Runs `body` on a new thread with a ``stackSize`` stack.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = stackSize
            thread.start()
        }
    }

    /// Parses, checks (as `Interpreter.check` does, without parsing twice), dumps and renders `bytes`.
    static func process(_ bytes: [UInt8]) -> Outcome {
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        var checked: [Diagnostic] = []
        var dump = ""
        let elapsed = clock.measure {
            let source = SourceFile(name: "hostile.scout", bytes: bytes)
            let (program, found) = Parser.parse(source)
            diagnostics = found
            checked = found
            if !found.contains(where: { $0.severity == .error }) {
                var checker = Interpreter().checker()
                checked += checker.check(program)
            }
            dump = ASTPrinter.dump(program)
            _ = DiagnosticRenderer().render(checked)
        }
        let outOfBounds = checked.filter { d in
            if case .moreErrors = d.kind { return false }  // a count at the end, with no place
            return d.span.offset < 0 || d.span.length < 0 || d.span.offset + d.span.length > bytes.count || d.span.line < 1 || d.span.column < 1
        }
        return Outcome(diagnostics: diagnostics.map(LanguageTest.pin), checked: checked.map(LanguageTest.pin), dump: dump,
                       elapsed: elapsed, outOfBounds: outOfBounds.map(\.description))
    }

    func run(_ bytes: [UInt8]) async -> Outcome {
        let outcome = await Self.onThread { Self.process(bytes) }
        #expect(outcome.outOfBounds.isEmpty)
        return outcome
    }

    func run(_ text: String) async -> Outcome {
        await run(Array(text.utf8))
    }

    static let prompt = Duration.seconds(30)
    static let tooDeep = "nesting too deep (more than 100 levels)"

    // MARK: - Broken text

    @Test func invalidUTF8() async {
        let r = await run([0x6C, 0x65, 0x74, 0x20, 0x78, 0x20, 0x3D, 0x20] + Array(repeating: 0xFF, count: 1000) + [0x0A, 0x70, 0x72, 0x69, 0x6E, 0x74, 0x20, 0x31])
        #expect(r.diagnostics == ["1:9+1000 invalid UTF-8 byte 0xFF"])
        #expect(r.dump == "(task print 1)")
        #expect(r.elapsed < Self.prompt)
    }

    @Test func everyByteValueAlone() async {
        for b in 0...255 {
            let r = await run([UInt8(b)])
            #expect(r.elapsed < Self.prompt)
        }
    }

    @Test func nulAndControlCharacters() async {
        let r = await run("print \"a\u{0}b\"\nlet x = \u{0}\u{7}\u{1B}")
        #expect(r.diagnostics == ["2:9+3 unexpected characters '\\u{0}\\u{7}\\u{1B}'"])
        #expect(r.dump == "(task print \"a\\u0000b\")")
    }

    @Test func unterminatedString() async {
        let r = await run("run \"npm test\nprint 1")
        #expect(r.diagnostics == ["1:5+1 unterminated string"])
        // The string ends at the line end, and parsing goes on.
        #expect(r.dump == "(task run \"npm test\")\n(task print 1)")
    }

    @Test func unterminatedInterpolation() async {
        let r = await run("print \"a ${b\nprint 1")
        #expect(r.diagnostics == ["1:10+2 unterminated interpolation: '${' has no closing '}'"])
        #expect(r.dump == "(task print (str \"a \" (${} b)))\n(task print 1)")
        let multiline = await run("print \"\"\"\n  ${ x \n")
        #expect(multiline.diagnostics == ["2:3+2 unterminated interpolation: '${' has no closing '}'"])
    }

    @Test func interpolationInARawString() async {
        let r = await run("print '${x}'")
        #expect(r.diagnostics == ["1:8+2 '${' in a raw string is not interpolated"])
        #expect(r.dump == "(task print \"${x}\")")
    }

    @Test func strayClosingBraces() async {
        let one = await run("}\nprint 1")
        #expect(one.diagnostics == ["1:1+1 expected a statement, found '}'"])
        #expect(one.dump == "(task print 1)")
        let many = await run(String(repeating: "}", count: 10_000))
        #expect(many.diagnostics.count == Parser.maxDiagnostics + 1)
        #expect(many.diagnostics.dropLast().allSatisfy { $0.hasSuffix("expected a statement, found '}'") })
        #expect(many.diagnostics.last?.hasSuffix("\(10_000 - Parser.maxDiagnostics) more errors not shown") == true)
        #expect(many.elapsed < Self.prompt)
    }

    // MARK: - Deep nesting

    @Test func tenThousandParentheses() async {
        let r = await run(String(repeating: "(", count: 10_000))
        #expect(r.diagnostics == ["1:101+1 \(Self.tooDeep)"])
        let closed = await run("let x = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + "\nprint 1")
        #expect(closed.diagnostics == ["1:109+1 \(Self.tooDeep)"])
        #expect(closed.dump == "(task print 1)")
        #expect(closed.elapsed < Self.prompt)
    }

    @Test func tenThousandBrackets() async {
        let r = await run(String(repeating: "[", count: 10_000))
        #expect(r.diagnostics == ["1:101+1 \(Self.tooDeep)"])
        let closed = await run("let x = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\nprint 1")
        #expect(closed.diagnostics == ["1:109+1 \(Self.tooDeep)"])
        #expect(closed.dump == "(task print 1)")
        #expect(closed.elapsed < Self.prompt)
    }

    @Test func tenThousandBraces() async {
        // A `{` that starts a statement is a map, and a map needs a key.
        let r = await run(String(repeating: "{", count: 10_000))
        #expect(r.diagnostics == ["1:2+1 expected '}' or a key (a name or a string), found '{'"])
        let closed = await run(String(repeating: "{", count: 10_000) + String(repeating: "}", count: 10_000) + "\nprint 1")
        #expect(closed.diagnostics == ["1:2+1 expected '}' or a key (a name or a string), found '{'"])
        #expect(closed.dump == "(task print 1)")
        // Maps in maps: too deep.
        let maps = await run("let m = " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000) + "\nprint 1")
        #expect(maps.diagnostics == ["1:409+1 \(Self.tooDeep)"])
        #expect(maps.dump == "(task print 1)")
        #expect(maps.elapsed < Self.prompt)
    }

    @Test func tenThousandNestedBlocks() async {
        for header in ["if x {", "task t {", "parallel {", "for x in xs {", "sequential {"] {
            let unclosed = await run(String(repeating: header + "\n", count: 10_000))
            #expect(unclosed.diagnostics.count == 1, "\(header)")
            #expect(unclosed.diagnostics.first?.hasPrefix("101:") == true, "\(header)")
            #expect(unclosed.diagnostics.first?.hasSuffix(Self.tooDeep) == true, "\(header)")
            let closed = await run(String(repeating: header + "\n", count: 10_000) + String(repeating: "}\n", count: 10_000) + "print 1")
            #expect(closed.diagnostics == unclosed.diagnostics, "\(header)")
            #expect(closed.elapsed < Self.prompt)
        }
    }

    @Test func tenThousandElseIfs() async {
        let r = await run("if a {}" + String(repeating: " else if a {}", count: 10_000) + "\nprint 1")
        #expect(r.diagnostics == ["1:1304+1 \(Self.tooDeep)"])
        #expect(r.dump == "(task print 1)")
        #expect(r.elapsed < Self.prompt)
    }

    @Test func tenThousandNestedStringsInInterpolations() async {
        let unclosed = await run("let x = " + String(repeating: "\"${", count: 10_000) + "1")
        #expect(unclosed.diagnostics == ["1:201+1 nesting too deep (more than 64 levels)"])
        let closed = await run("let x = " + String(repeating: "\"${", count: 10_000) + "1" + String(repeating: "}\"", count: 10_000) + "\nprint 1")
        #expect(closed.diagnostics == ["1:201+1 nesting too deep (more than 64 levels)"])
        #expect(closed.dump.hasSuffix("\n(task print 1)"))
        let multiline = await run("let x = " + String(repeating: "\"\"\"${", count: 10_000) + "1")
        #expect(multiline.diagnostics == ["1:329+3 nesting too deep (more than 64 levels)"])
        #expect(closed.elapsed < Self.prompt)
    }

    @Test(arguments: [
        ("let x = a", ".a"), ("let x = 1", " + 1"), ("let x = xs", "[0]"), ("let x = a", " && a"), ("let x = a", " ?? a"),
        ("let x = 1", " ** 1"), ("let x = ", "-"), ("let x = ", "!"), ("let x = ", "not "),
    ])
    func hundredThousandLinkChains(_ start: String, _ link: String) async {
        // Chains are parsed in loops, but they nest in the tree: stopped before the tree is
        // too deep to walk, or to free.
        let r = await run(start + String(repeating: link, count: 100_000) + " x\nprint 1")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.hasSuffix(Self.tooDeep) == true)
        #expect(r.dump == "(task print 1)")
        #expect(r.elapsed < Self.prompt)
    }

    @Test func chainsInsideParenthesesAddUp() async {
        // Each level's chain fits, but together they are too deep.
        var text = "a"
        for _ in 0..<60 { text = "(" + text + String(repeating: " + a", count: 30) + ")" }
        let r = await run("let x = " + text + "\nprint 1")
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.hasSuffix(Self.tooDeep) == true)
        #expect(r.dump == "(task print 1)")
    }

    @Test func theDeepestLegalNestingWorksAllTheWay() async {
        // Just under every limit: parsed, checked, dumped and rendered on a ``stackSize`` stack.
        let parens = "let x = " + String(repeating: "(", count: 98) + "1" + String(repeating: ")", count: 98)
        let lists = "let y = " + String(repeating: "[", count: 98) + String(repeating: "]", count: 98)
        let unary = "let z = " + String(repeating: "-", count: 98) + "1"
        let strings = "let s = " + String(repeating: "\"${", count: 63) + "1" + String(repeating: "}\"", count: 63)
        let blocks = String(repeating: "if true {\n", count: 98) + "print x, y, z, s\n" + String(repeating: "}\n", count: 98)
        let elseIfs = "if x {}" + String(repeating: " else if x {}", count: 98)
        let chain = "let c = 1" + String(repeating: " + 1", count: 98)
        let r = await run([parens, lists, unary, strings, blocks, elseIfs, chain].joined(separator: "\n"))
        #expect(r.checked.isEmpty)
        #expect(r.dump.split(separator: "\n").count == 7)
    }

    // MARK: - Ten-megabyte lines

    static let tenMB = 10_000_000

    @Test func aTenMegabyteStringLiteral() async {
        let r = await run("print \"" + String(repeating: "a", count: Self.tenMB) + "\"\nprint 1")
        #expect(r.diagnostics.isEmpty)
        // (Not compared whole: a failure would print ten megabytes.)
        #expect(r.dump.hasPrefix("(task print \"aaaa"))
        #expect(r.dump.hasSuffix("aaaa\")\n(task print 1)"))
        #expect(r.dump.utf8.count == Self.tenMB + 30)
        #expect(r.elapsed < Self.prompt)
    }

    @Test func aTenMegabyteUnterminatedString() async {
        let r = await run("print \"" + String(repeating: "a", count: Self.tenMB) + "\nprint 1")
        #expect(r.diagnostics == ["1:7+1 unterminated string"])
        #expect(r.dump.hasSuffix("aaaa\")\n(task print 1)"))
        #expect(r.elapsed < Self.prompt)
    }

    @Test func aTenMegabyteIdentifier() async {
        let r = await run("print " + String(repeating: "a", count: Self.tenMB))
        #expect(r.diagnostics.isEmpty)
        #expect(r.checked == ["1:7+\(Self.tenMB) '" + String(repeating: "a", count: 40) + "...' is never defined"])
        #expect(r.elapsed < Self.prompt)
    }

    @Test func aTenMegabyteLineRendersInAFewLines() async {
        let text = "print \"" + String(repeating: "a", count: Self.tenMB) + " @"
        let (rendered, elapsed) = await Self.onThread {
            let clock = ContinuousClock()
            var rendered = ""
            let elapsed = clock.measure {
                rendered = DiagnosticRenderer().render(Parser.parse(SourceFile(name: "ci.scout", text: text)).diagnostics)
            }
            return (rendered, elapsed)
        }
        #expect(rendered.utf8.count < 1_000)
        #expect(rendered.hasPrefix("ci.scout:1:7: error: unterminated string\n  |\n1 | print \"aaaa"))
        #expect(elapsed < Self.prompt)
    }

    @Test func aTenMegabyteComment() async {
        let r = await run("# " + String(repeating: "a", count: Self.tenMB) + "\nprint 1")
        #expect(r.diagnostics.isEmpty)
        #expect(r.dump == "(task print 1)")
        #expect(r.elapsed < Self.prompt)
    }

    // MARK: - Fuzz

    @Test func randomBytes() async {
        var random = SplitMix64(seed: 0x5C0_7)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...80, using: &random)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                // Mostly the bytes the language uses, some of any value.
                if Int.random(in: 0..<4, using: &random) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &random))
                } else {
                    bytes.append(Array(#"abx_19 \n"'${}()[],.:;+-*/%!=<>&|?#\"#.utf8).randomElement(using: &random)!)
                }
            }
            let r = await run(bytes)
            #expect(r.elapsed < Self.prompt)
            // The JSON task list's templates and conditions go through the same lexer.
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? Parser.parseTemplate(SourceFile(name: "t", bytes: bytes))
            _ = try? Parser.parseCondition(text)
        }
    }

    static let vocabulary = [
        "let", "task", "parallel", "sequential", "for", "in", "if", "else", "stop", "command", "use", "true", "false", "null",
        "and", "or", "not", "skip_if", "stop_if", "store", "as", "retry", "timeout", "needs", "extract", "steps", "max",
        "x", "y", "run", "print", "sleep", "len", "range", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "+", "-", "*",
        "**", "/", "%", "!", "=", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "??", "\n", "\n", "\"a ${", "}\"", "\"",
        "'r'", "'", "\"\"\"", "42", "3.5", "2s", "250ms", "99999999999999999999", "#c\n", "$", "@", "\\", "\\u{", "😀", "\u{0}",
        "\u{FEFF}", "\t", "\r\n",
    ]

    @Test func randomTokenSoups() async {
        var random = SplitMix64(seed: 0x70_4E_5)
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                text += Self.vocabulary.randomElement(using: &random)!
                if Bool.random(using: &random) { text += " " }
            }
            let r = await run(text)
            #expect(r.elapsed < Self.prompt)
        }
    }

    @Test func theFuzzIsDeterministic() async {
        var a = SplitMix64(seed: 1)
        var b = SplitMix64(seed: 1)
        #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
    }
}
