import Testing
@testable import Scout

/// The parser reads tokens piece by piece (``TokenStream``) and the checker checks each
/// statement as it is read: both must say exactly what reading everything first says.
@Suite struct StreamingParseTests {
    static let valid = [
        "let a = 1 + 2 * 3",
        "print \"x ${a} y\"",
        "if a > 1 {\n  print \"big\"\n}\n\nelse {\n  print \"small\"\n}",
        "print {\n  \"k\": 1,\n  b: [1,\n    2]\n}",
        "run \"echo hi\" store as r skip_if a < 0",
        "parallel {\n  task t1 {\n    print 1\n  }\n  task t2 needs t1 {\n    print 2\n  }\n}",
        "for i in range(3) {\n  print i\n}",
        "print \"\"\"\n  multi\n  ${a}\n  \"\"\"",
        "print 'raw'; print a +\n  1",
        "print(len([1, 2]))",
        "greet \"b\"",
    ]

    static let invalid = [
        "let = 3",
        "print \"unterminated",
        "print {a: }",
        "if x = 1 { }",
        "run make test",
        "elif x {",
        "print 1 store as r, quiet: true",
        "print \"${\"",
        "print 99999999999999999999",
    ]

    /// A script of many pieces: a command, then the snippets in a shifting order, an invalid
    /// one every `every`.
    static func script(every: Int?) -> String {
        var lines = ["command greet(name = \"x\") {\n  print name\n}"]
        for i in 0..<1500 {
            if let every, i % every == every - 1 {
                lines.append(invalid[(i / every) % invalid.count])
            } else {
                lines.append(valid[(i * 7) % valid.count])
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The parse from all the tokens at once, as the parser read them before it streamed.
    static func parseWhole(_ source: SourceFile) -> (String, [String]) {
        let (tokens, lexical) = Lexer.tokenize(source)
        var parser = Parser(source: source, tokens: tokens)
        let statements = parser.program()
        let more = parser.dropped > 0 ? [Diagnostic(.moreErrors(parser.dropped), at: .none, in: source)] : []
        let diagnostics = Parser.merge(lexical, parser.diagnostics + more)
        return (ASTPrinter.dump(Program(source: source, statements: statements)), diagnostics.map(LanguageTest.pin))
    }

    @Test(arguments: [nil, 37, 5])
    func piecesParseAsTheWholeTokenList(every: Int?) {
        let source = SourceFile(name: "t.scout", text: StreamingParseTests.script(every: every))
        #expect(Lexer.tokenize(source).tokens.count > 3 * TokenStream.pieceSize)
        let (program, diagnostics) = Parser.parse(source)
        let (dump, expected) = StreamingParseTests.parseWhole(source)
        #expect(ASTPrinter.dump(program) == dump)
        #expect(diagnostics.map(LanguageTest.pin) == expected)
        #expect(every == nil ? diagnostics.isEmpty : !diagnostics.isEmpty)
    }

    @Test func checkingAsItReadsMatchesCheckingTheProgram() {
        let script = StreamingParseTests.script(every: nil)
        let lines = script.utf8.filter { $0 == UInt8(ascii: "\n") }.count
        let text = script + "print latr\nlet later = 1\ngreet 1, 2\n"
        let source = SourceFile(name: "t.scout", text: text)
        let streamed = Interpreter().check(source).map(LanguageTest.pin)
        let (program, _) = Parser.parse(source)
        #expect(streamed == Interpreter().check(program).map(LanguageTest.pin))
        #expect(streamed == ["\(lines + 1):7+4 'latr' is never defined", "\(lines + 3):1+5 greet takes 1 argument, got 2"])
    }

    static let laterDefinitions: [CheckCase] = [
        // A command called before it is defined, redefined between calls: the last definition counts.
        CheckCase("greet\ngreet \"a\", who: 1\ncommand greet(name) {\n  print name\n}",
                  ["1:1+5 greet needs the argument 'name'", "2:17+1 greet has no argument 'who'"]),
        CheckCase("command greet(x) {\n  print x\n}\ngreet 1\ncommand greet(y) {\n  print y\n}\ngreet y: 2\ngreet x: 3",
                  ["5:9+5 command 'greet' is defined twice", "9:1+5 greet needs the argument 'y'", "9:10+1 greet has no argument 'x'"]),
        // A param declared twice whose default is defined later.
        CheckCase("param a\nparam a = b\nlet b = 1\nparam a",
                  ["2:7+1 the param 'a' is declared twice", "4:7+1 the param 'a' is declared twice"]),
        // Names defined anywhere count, and suggestions come from all of them.
        CheckCase("run make\nlet make = 1\nrun mak", ["3:5+3 'mak' is never defined"]),
        CheckCase("print later\nlet later = 1", []),
        // A command named like one of the registry's, defined after it is used.
        CheckCase("run \"a\"\ncommand run(x) {\n  print x\n}", ["2:9+3 'run' is a built-in command; give this command another name"]),
    ]

    @Test(arguments: laterDefinitions)
    func definitionsReadLaterCount(_ c: CheckCase) {
        #expect(LanguageTest.check(c.source) == c.diagnostics)
    }

    @Test func suggestionsComeFromNamesDefinedLater() {
        let d = Interpreter().check(SourceFile(name: "t.scout", text: "print latr\nlet later = 1")).first
        #expect(d?.kind.help == "did you mean 'later'?")
    }

    @Test func commandNamesAreFoundInTheText() {
        let names = Checker.commandNames(in: Array("command  a(x) {}\ncommand\tb_2()\nx.command\ncommands c\n# command d\n".utf8))
        #expect(names.isSuperset(of: ["a", "b_2", "d"]))
        #expect(!names.contains("c"))
    }
}
