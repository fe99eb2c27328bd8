/// `scout fmt`: writes a script in the one canonical layout, keeping its comments.
///
/// ```swift
/// let text = try Formatter.format(SourceFile(name: "ci.scout", text: "run  \"make\";print 1+2"))
/// // run "make"
/// // print 1 + 2
/// ```
///
/// The script is parsed first; a syntax error is thrown (as the diagnostics `scout check`
/// shows) and nothing is formatted. The layout is then printed from the syntax tree, and
/// the result is parsed again: if its tree differed from the original's, that would be a
/// bug of the formatter, and it is thrown as an error rather than returned.
///
/// The layout:
///
/// - **Lines.** Two spaces per level of indentation; one statement per line (statements
///   separated by `;` are split onto lines of their own). The result ends with exactly one
///   line break (an empty script stays empty).
/// - **Blank lines.** One blank line stays where the source had one or more between two
///   statements (or comments); none at the start or end of a block, or at the start of the file.
/// - **Spacing.** `let x = 1`; binary operators with a space on each side (`a + b`,
///   `a in b`); none around `.`, inside brackets, or after `!` and `-` (`a.b`, `xs[0]`,
///   `f(a, b)`, `[a, b]`, `{key: value}`, `!x`, `-x`); a comma is followed by a space.
/// - **Words.** `and`, `or` and `not` are written `&&`, `||` and `!` (the same operators).
/// - **Parentheses** only where precedence needs them (`(a + b) * c`), around a map in a
///   condition (`if x == ({a: 1}) {`), and around a statement that is only an expression
///   and would otherwise read as a task (`(x)`, `(deploy(1))`). Others are dropped.
/// - **Literals** are kept as written: strings (`"..."` with its escapes and interpolations,
///   raw `'...'`, multi-line `"""..."""` with its lines untouched), numbers (`1_000`, `2.50`),
///   durations (`1500ms`) and map keys (`name` or `"name"`). A negative number is written
///   with one minus (`-(1)` becomes `-1`), an index `pair.0` stays `pair.0`.
/// - **Tasks.** `command arg, arg, name: value`, then the clauses in their source order,
///   one space apart: `run "make" if ok retry 3 store as r`. `extract steps` keeps its
///   `sequential` or `parallel` when one was written.
/// - **Blocks.** `task NAME CLAUSES {`, `parallel {`, `parallel(max: N) {`, `sequential {`,
///   `for x in xs {`, `parallel for x in xs {`, `if c {`, `} else if d {`, `} else {` (on
///   the line of the `}`), `command NAME(a, b = 1) {`; the body one level deeper, the `}` on
///   a line of its own. A task block's clauses stay where they were written: in the header,
///   or one per line at the top of its body. A block whose braces were on one line and that
///   holds at most one simple statement (`let`, a task, `stop`, `use`, an expression) stays
///   on one line: `task lint { run "make lint" }`, `if ok { print "a" } else { print "b" }`
///   (an `if` chain stays on one line only when all its blocks do). A block with nothing in
///   it, not even a comment, is `{}`.
/// - **Lists and maps** written over several lines (a line break between a bracket and an
///   element or between two elements) stay one element per line, each followed by a comma,
///   the closing bracket on a line of its own; the others are written on one line. Everything else written over several lines (a call's arguments, a
///   task's arguments after a comma, an operator at the end of a line) is joined onto one line.
/// - **Comments** stay where they were. A comment on a line of its own stays before what
///   follows it, at its indentation; at the end of a block it stays before the `}`, one
///   level deeper; before an `else` it goes to the top of the `else` block. A comment after
///   code stays at the end of its line, two spaces after the code (when the layout joins
///   lines that each had one, the later ones go on lines of their own after it). The
///   shebang line stays first. A comment's text is kept as written, without trailing spaces
///   (bytes in it that are not UTF-8 become U+FFFD).
/// - **Long lines** are not wrapped: a line is as long as its statement.
///
/// Formatting is idempotent: formatting the result again gives the same text.
package enum Formatter {
    /// The script in the canonical layout; throws the syntax errors when it does not parse.
    /// `functions` are the names written `name(` that are calls (as for ``Parser/parse(_:functions:)``).
    package static func format(_ source: SourceFile, functions: Set<String> = FunctionTable.builtins.names) throws(DiagnosticList) -> String {
        let (tokens, comments, lexical) = Lexer.tokenize(source, keepingComments: true)
        var parser = Parser(source: source, tokens: tokens, functionNames: functions)
        let statements = parser.program()
        let diagnostics = Parser.merge(lexical, parser.diagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticList(diagnostics) }

        let layoutSource = LayoutSource(file: source, tokens: tokens, comments: comments)
        var printer = LayoutPrinter(source: layoutSource, functionNames: functions)
        printer.statements(statements)
        var text = CommentWeaver.weave(printer.lines, source: layoutSource)
        let bytes = source.bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { text = "\u{FEFF}" + text }

        try verify(text, against: statements, source: source, functions: functions)
        return text
    }

    /// Throws when `text` does not parse to the same tree as `statements`: the formatter
    /// must never change what a script means.
    static func verify(_ text: String, against statements: [Statement], source: SourceFile, functions: Set<String>) throws(DiagnosticList) {
        let (again, diagnostics) = Parser.parse(SourceFile(name: source.name, text: text), functions: functions)
        let before = statements.map(ASTPrinter.dump)
        let after = again.statements.map(ASTPrinter.dump)
        guard diagnostics.contains(where: { $0.severity == .error }) || before != after else { return }
        let n = zip(before, after).prefix(while: { $0 == $1 }).count
        let span = n < statements.count ? statements[n].span : statements.last?.span ?? SourceSpan(offset: 0, length: 0, line: 1, column: 1)
        throw DiagnosticList([Diagnostic(.formattingChangesMeaning, at: span, in: source)])
    }
}
