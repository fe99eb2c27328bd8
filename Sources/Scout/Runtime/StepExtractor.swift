/// Reads the steps of a sub-batch out of a task's output: a JSON list of task objects, an
/// object with `steps`, or a Markdown numbered or checkbox list.
///
/// A Markdown item (or a string step) runs the first `code span` it holds with `run`
/// (`` 1. `make test` ``); a checked box (`- [x]`) is already done and is skipped; an item
/// with no code span cannot run and becomes an error step.
package enum StepExtractor {
    /// One extracted step: a task, or text that could not become one.
    package enum Step: Sendable {
        case task(BatchTask)
        case done(String)
        case invalid(String, reason: String)
    }

    /// The steps in `output`; an empty list when it holds none.
    package static func steps(from output: Value) throws(TaskListError) -> [Step] {
        switch output {
        case .list(let l): return try fromList(l)
        case .map(let m):
            if case .list(let l)? = m["steps"] { return try fromList(l) }
            if case .string(let s)? = m["steps"] { return fromMarkdown(s) }
            if case .string(let s)? = m["plan"] { return fromMarkdown(s) }
            return []
        case .string(let s):
            if let parsed = try? JSONParser.parse(s), parsed.listValue != nil || parsed.mapValue != nil {
                return try steps(from: parsed)
            }
            return fromMarkdown(s)
        default:
            return []
        }
    }

    static func fromList(_ list: [Value]) throws(TaskListError) -> [Step] {
        var out: [Step] = []
        for (i, element) in list.enumerated() {
            switch element {
            case .string(let s):
                out.append(fromItemText(s, checked: false))
            case .map(let m) where m["command"] == nil:
                let text = (m["description"] ?? m["title"] ?? m["step"])?.description ?? element.jsonText()
                out.append(fromItemText(text, checked: m["done"]?.isTruthy == true))
            default:
                out.append(.task(try TaskList.task(from: element, index: i, file: "sub-batch")))
            }
        }
        return out
    }

    /// Items of numbered (`1.`, `2)`) and checkbox (`- [ ]`, `* [x]`) lists, in order.
    package static func fromMarkdown(_ text: String) -> [Step] {
        markdownItems(text).map { fromItemText($0.text, checked: $0.checked) }
    }

    /// The text of each item of a numbered or checkbox list (outside code fences), in order,
    /// and whether its box is checked.
    package static func markdownItems(_ text: String) -> [(text: String, checked: Bool)] {
        var out: [(text: String, checked: Bool)] = []
        var inFence = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            if let item = checkboxItem(line) {
                out.append(item)
            } else if let item = numberedItem(line) {
                out.append((item, false))
            }
        }
        return out
    }

    static func checkboxItem(_ line: Substring) -> (text: String, checked: Bool)? {
        guard let first = line.first, first == "-" || first == "*" || first == "+" else { return nil }
        let rest = line.dropFirst().drop(while: { $0 == " " })
        guard rest.count >= 3, rest.first == "[" else { return nil }
        let mark = rest[rest.index(after: rest.startIndex)]
        guard rest[rest.index(rest.startIndex, offsetBy: 2)] == "]", mark == " " || mark == "x" || mark == "X" else { return nil }
        return (String(rest.dropFirst(3)).trimmingSpaces(), mark != " ")
    }

    static func numberedItem(_ line: Substring) -> String? {
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")" else { return nil }
        let after = rest.dropFirst()
        guard after.first == " " || after.first == "\t" else { return nil }
        return String(after).trimmingSpaces()
    }

    static func fromItemText(_ text: String, checked: Bool) -> Step {
        if checked { return .done(text) }
        guard let command = firstCodeSpan(text) else {
            return .invalid(text, reason: "the step has no command: write it as a code span, such as `make test`")
        }
        var task = BatchTask(command: "run", arguments: [.named("cmd", .string(command))])
        task.name = nil
        return .task(task)
    }

    /// The text of the first `` `code span` `` in `text`.
    static func firstCodeSpan(_ text: String) -> String? {
        guard let open = text.firstIndex(of: "`") else { return nil }
        var ticks = 0
        var i = open
        while i < text.endIndex, text[i] == "`" {
            ticks += 1
            i = text.index(after: i)
        }
        let fence = String(repeating: "`", count: ticks)
        guard let close = text[i...].firstRange(of: fence) else { return nil }
        let code = String(text[i..<close.lowerBound]).trimmingSpaces()
        return code.isEmpty ? nil : code
    }
}

extension String {
    package func trimmingSpaces() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
