import Scout

/// Puts the problems of a JSON task list at their place in the file, so that they are shown
/// as a script's errors are: `tasks.json:4:40: error: task 4, field "args.cmd": ...`, the
/// line and carets under the value (or under the name in a `${...}`).
struct TaskListPlaces {
    let source: SourceFile
    let positions: [String: Range<Int>]

    init(source: SourceFile) {
        self.source = source
        positions = (try? JSONParser.parseWithPositions(source.bytes).positions) ?? [:]
    }

    /// The diagnostics of a problem: one per expression error inside its field, else one.
    func diagnostics(_ problem: TaskListError) -> [Diagnostic] {
        if problem.diagnostics.isEmpty { return [diagnostic(problem)] }
        return problem.diagnostics.map { inner in
            var each = problem
            each.message += ": " + inner.message
            each.help = inner.kind.help
            each.span = inner.span.line > 0 ? inner.span : nil
            each.diagnostics = []
            return diagnostic(each)
        }
    }

    func diagnostic(_ problem: TaskListError) -> Diagnostic {
        var what: [String] = []
        if let index = problem.index { what.append("task \(index)") }
        if let field = problem.field { what.append("field \"\(field)\"") }
        let message = what.isEmpty ? problem.message : what.joined(separator: ", ") + ": " + problem.message
        let kind: DiagnosticKind = problem.help.map { .hint(message, help: $0) } ?? .runtime(message)
        return Diagnostic(kind, at: span(of: problem) ?? .none, in: source, severity: problem.severity)
    }

    /// The value the problem is about (the closest enclosing one the file shows), or the
    /// place in it when the problem is in an expression of a string written without escapes.
    func span(of problem: TaskListError) -> SourceSpan? {
        guard let index = problem.index else { return nil }
        let field = problem.field.map(TaskListPlaces.segments) ?? []
        var parts = [String(index)] + field
        while !parts.isEmpty {
            for prefix in ["", "tasks.", "steps."] {
                guard let range = positions[prefix + parts.joined(separator: ".")] else { continue }
                let exact = parts.count == field.count + 1
                return place(range, inner: exact ? problem.span : nil)
            }
            parts.removeLast()
        }
        return nil
    }

    /// `args.cmd[1]` as `["args", "cmd", "1"]`.
    static func segments(_ field: String) -> [String] {
        field.split(whereSeparator: { $0 == "." || $0 == "[" || $0 == "]" }).map(String.init)
    }

    func place(_ range: Range<Int>, inner: SourceSpan?) -> SourceSpan {
        let bytes = source.bytes
        var line = 1
        var column = 1
        for b in bytes[..<min(range.lowerBound, bytes.count)] {
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        let text = bytes[range]
        if let inner, text.first == UInt8(ascii: "\""), !text.contains(UInt8(ascii: "\\")),
            inner.line == 1, inner.offset + inner.length <= text.count - 2 {
            return SourceSpan(offset: range.lowerBound + 1 + inner.offset, length: inner.length, line: line, column: column + inner.column)
        }
        return SourceSpan(offset: range.lowerBound, length: range.count, line: line, column: column)
    }
}
