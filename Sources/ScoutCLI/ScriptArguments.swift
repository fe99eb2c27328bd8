import Scout

/// The words after a script's name: its own options (`param`s, as `--region eu`), the names
/// of the tasks to run, `--list` and `--help`, scout's run options (`-n`, `-j 4`, ... so a
/// shebang script can take them), and the rest, which become `args`. `--` ends the options:
/// every word after it goes to `args`.
struct ScriptArguments {
    /// What the words ask for.
    enum Request {
        case help
        case list
        case run
    }

    var request = Request.run
    /// The parameters' values, typed.
    var values: [(String, Value)] = []
    /// The tasks named, in the order given.
    var tasks: [String] = []
    /// The words left for `args`.
    var args: [String] = []
    /// The run options, with those given after the script applied.
    var options: CLIOptions

    /// Reads `words` against the program's parameters and tasks.
    init(_ words: [String], program: Program, options: CLIOptions) throws(CLIError) {
        self.options = options
        let parameters = ScriptArguments.parameters(of: program)
        let taskNames = TaskSelection(program).names
        let readsArgs = NameReferences.collect(program.statements).contains("args")
        var lists: [String: [Value]] = [:]
        var optionsEnded = false
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            if optionsEnded {
                args.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            guard word.hasPrefix("-"), word != "-", Double(word) == nil else {
                if args.isEmpty, taskNames.contains(word) {
                    tasks.append(word)
                } else if readsArgs || taskNames.isEmpty {
                    args.append(word)
                } else {
                    let hint = Suggestion.closest(to: word, in: taskNames).map { "did you mean '\($0)'?" }
                    throw CLIError("\(program.source.name) has no task '\(word)'",
                                   hint: hint ?? "its tasks: \(taskNames.joined(separator: ", ")) (--list shows them)")
                }
                continue
            }
            let (flag, inline) = ArgumentReader.split(word)
            if let p = ScriptArguments.parameter(flag, in: parameters) {
                if p.kind == .bool {
                    let value: Value
                    if let inline {
                        guard case .success(let v) = p.value(fromText: inline) else {
                            throw CLIError("\(p.option) expects true or false, not '\(inline)'")
                        }
                        value = v
                    } else {
                        value = .bool(!flag.hasPrefix("--no-"))
                    }
                    values.append((p.name.text, value))
                    continue
                }
                guard let text = inline ?? (i < words.count ? words[i] : nil) else {
                    throw CLIError("\(p.option) needs a value", hint: ScriptArguments.usage(p))
                }
                if inline == nil { i += 1 }
                switch p.value(fromText: text) {
                case .success(let v):
                    if p.kind == .list { lists[p.name.text, default: []].append(v) } else { values.append((p.name.text, v)) }
                case .failure(let error):
                    throw CLIError("\(p.option) \(error.message)", hint: ScriptArguments.usage(p))
                }
                continue
            }
            switch flag {
            case "-h", "--help":
                request = .help
                continue
            case "-l", "--list":
                request = .list
                continue
            default:
                break
            }
            let consumed = try applyRunOption(flag, inline: inline, next: i < words.count ? words[i] : nil, parameters: parameters)
            i += consumed - 1
        }
        for (name, items) in lists { values.append((name, .list(items))) }
        guard request == .run else { return }
        let given = Set(values.map(\.0)).union(options.variables.map(\.0))
        for p in parameters where p.defaultValue == nil && !given.contains(p.name.text) {
            throw CLIError("\(program.source.name) needs \(p.option)", hint: ScriptArguments.usage(p) + " (--help lists the options)")
        }
    }

    /// Applies one of scout's own run options given after the script; returns how many words
    /// it took. `ArgumentReader` reads it, so its errors (`--jobs needs a value`) are the same.
    private mutating func applyRunOption(_ flag: String, inline: String?, next: String?, parameters: [ScriptParameter]) throws(CLIError) -> Int {
        guard let option = CLIOption.named(flag), option.followsScript else {
            let names = parameters.map(\.option) + ["--help", "--list"] + ScriptArguments.runOptions.filter { $0.hasPrefix("--") }
            let hint = Suggestion.closest(to: flag, in: names).map { "did you mean '\($0)'?" }
            throw CLIError("unknown option '\(flag)'", hint: hint ?? "--help lists the script's options; words for args go after --")
        }
        var words = [inline.map { flag + "=" + $0 } ?? flag]
        if option.value != nil, inline == nil, let next { words.append(next) }
        var reader = ArgumentReader(words)
        reader.options = options
        _ = try reader.read()
        options = reader.options
        return words.count
    }

    /// The run options of scout that may also follow the script's name.
    static let runOptions = Set(CLIOption.allCases.filter(\.followsScript).flatMap(\.spellings))

    /// The script's parameters, in order.
    static func parameters(of program: Program) -> [ScriptParameter] {
        program.statements.compactMap { s in
            if case .param(let p) = s.kind { return p }
            return nil
        }
    }

    /// The parameter an option names: `--dry-run` or `--dry_run` for `dry_run`; `--no-x` for a bool `x`.
    static func parameter(_ flag: String, in parameters: [ScriptParameter]) -> ScriptParameter? {
        guard flag.hasPrefix("--") else { return nil }
        let name = String(flag.dropFirst(2).map { $0 == "-" ? "_" : $0 })
        if let p = parameters.first(where: { $0.name.text == name }) { return p }
        if name.hasPrefix("no_"), let p = parameters.first(where: { $0.name.text == String(name.dropFirst(3)) && $0.kind == .bool }) {
            return p
        }
        return nil
    }

    /// `--region TEXT`, or `--verbose` for a bool.
    static func usage(_ p: ScriptParameter) -> String {
        p.kind == .bool ? p.option : p.option + " " + p.placeholder
    }
}
