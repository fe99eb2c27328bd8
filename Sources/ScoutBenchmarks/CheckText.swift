/// The scripts `scout check` reads, and the same in bash for `bash -n`: a mix of `let`, `if`,
/// tasks with clauses and comments, four lines at a time.
enum CheckText {
    static func scout(lines: Int) -> String {
        var text = "let total = 0\n"
        for i in 0..<(lines / 4) {
            text += "let v\(i % 100) = \(i) + total * 2\n"
            text += "if v\(i % 100) > 10 { print \"big ${v\(i % 100)}\" } else { run \"echo \(i)\" }\n"
            text += "run \"test -n x\" store as r\(i % 100) skip_if v\(i % 100) < 0\n"
            text += "# a comment line\n"
        }
        return text
    }

    static func bash(lines: Int) -> String {
        var text = "total=0\n"
        for i in 0..<(lines / 4) {
            text += "v\(i % 100)=$(( \(i) + total * 2 ))\n"
            text += "if [ \"$v\(i % 100)\" -gt 10 ]; then echo \"big $v\(i % 100)\"; else echo \(i); fi\n"
            text += "[ \"$v\(i % 100)\" -lt 0 ] || test -n x\n"
            text += "# a comment line\n"
        }
        return text
    }
}
