/// The loop iteration statements run in, as tasks are labelled with it (`f=a.c`; nested
/// loops: `os=linux, arch=arm`). Its text is made only when something shows it: most tasks
/// of a long loop are never shown.
final class IterationLabel: Sendable {
    let variable: String
    let value: Value
    let secrets: SecretMask
    /// The enclosing loop's iteration, if any.
    let outer: IterationLabel?

    init(variable: String, value: Value, secrets: SecretMask, outer: IterationLabel?) {
        self.variable = variable
        self.value = value
        self.secrets = secrets
        self.outer = outer
    }

    /// `f=a.c`, after the enclosing loops' parts. Long values are cut: a string keeps its end
    /// (a path's file name), other values their start.
    var text: String {
        let limit = 40
        let shown: String
        if let raw = value.stringValue {
            let s = secrets.mask(raw)
            shown = s.count > limit ? "…" + String(s.suffix(limit - 1)) : s
        } else {
            let d = secrets.mask(value.jsonText())
            shown = d.count > limit ? String(d.prefix(limit - 1)) + "…" : d
        }
        let part = variable + "=" + shown
        guard let outer else { return part }
        return outer.text + ", " + part
    }
}
