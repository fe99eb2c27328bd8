import Glibc
import Scout

/// Reads the command line: subcommand, options, then the script and its own arguments.
struct ArgumentReader {
    /// What the command line asks for.
    enum Action {
        case help(String?)
        case version
        case run(path: String, arguments: [String])
        case evaluate(code: String, arguments: [String])
        case check([String])
        case format([String], check: Bool)
        case completions(String)
        case commands
        /// `scout lsp`: the language server on standard input and output.
        case languageServer
        /// `scout repl`, or no script: the REPL (statements from stdin when it is not a terminal).
        case repl
    }

    var options = CLIOptions()
    private var args: [String]
    private var i = 0

    init(_ args: [String]) {
        self.args = args
    }

    mutating func read() throws(CLIError) -> Action {
        if let first = args.first {
            switch first {
            case "help":
                return .help(args.count > 1 ? args[1] : nil)
            case "completions":
                guard args.count == 2 else { throw CLIError("completions needs a shell", hint: "scout completions bash|zsh|fish") }
                guard Completions.shells.contains(args[1]) else {
                    throw CLIError("no completions for '\(args[1])'", hint: "scout completions bash|zsh|fish")
                }
                return .completions(args[1])
            case "commands":
                guard args.count == 1 else { throw CLIError("commands takes no arguments, got '\(args[1])'", hint: "scout help COMMAND shows one command") }
                return .commands
            case "fmt":
                return try readFormat()
            case "lsp":
                // `--stdio` names the one transport there is; some clients pass it.
                let extra = args.dropFirst().filter { $0 != "--stdio" }
                guard extra.isEmpty else {
                    throw CLIError("lsp takes no arguments but --stdio, got '\(extra[extra.startIndex])'", hint: "editors start scout lsp and talk to it on its standard input and output")
                }
                return .languageServer
            case "run":
                i = 1
            case "check":
                i = 1
                switch try readOptions() {
                case .run(let path, let rest): return .check([path] + rest)
                case .help(nil), .repl: throw CLIError("check needs a file", hint: "scout check FILE.scout")
                case let other: return other
                }
            case "repl":
                i = 1
                let action = try readOptions()
                if case .run(let path, _) = action {
                    throw CLIError("scout repl takes options, not a script", hint: "run it inside the REPL with :load \(path)")
                }
                return action
            default:
                break
            }
        }
        return try readOptions()
    }

    /// `fmt [--check] FILE...`, where `-` is standard input.
    private mutating func readFormat() throws(CLIError) -> Action {
        var check = false
        var paths: [String] = []
        var onlyPaths = false
        for arg in args.dropFirst() {
            if onlyPaths || arg == "-" || !arg.hasPrefix("-") {
                paths.append(arg)
                continue
            }
            switch arg {
            case "--": onlyPaths = true
            case "--check": check = true
            case "-h", "--help": return .help("fmt")
            case "--no-color": options.color = false
            case "--color": options.color = true
            default:
                let hint = Suggestion.closest(to: arg, in: ["--check", "--help", "--color", "--no-color"]).map { "did you mean '\($0)'?" }
                throw CLIError("unknown option '\(arg)' for fmt", hint: hint ?? "scout fmt [--check] FILE..., or scout fmt - to format standard input")
            }
        }
        guard !paths.isEmpty else { throw CLIError("fmt needs a file", hint: "scout fmt [--check] FILE..., or scout fmt - to format standard input") }
        return .format(paths, check: check)
    }

    /// Reads options until the first argument that is not one; then the script and its arguments.
    private mutating func readOptions() throws(CLIError) -> Action {
        while i < args.count {
            let arg = args[i]
            if arg == "--" {
                i += 1
                break
            }
            guard arg.hasPrefix("-"), arg != "-" else { break }
            i += 1
            let (flag, inline) = ArgumentReader.split(arg)
            guard let option = CLIOption.named(flag) else {
                let hint = Suggestion.closest(to: flag, in: CLIOption.allCases.map(\.long)).map { "did you mean '\($0)'?" }
                throw CLIError("unknown option '\(flag)'", hint: hint ?? "see 'scout --help'")
            }
            switch option {
            case .help: return .help(nil)
            case .version: return .version
            case .eval:
                let code = try value(for: flag, inline)
                return .evaluate(code: code, arguments: Array(args[i...]))
            case .variable:
                let (name, text) = try assignment(option, try value(for: flag, inline))
                options.variables.append((name, .string(text)))
            case .jsonVariable:
                let (name, text) = try assignment(option, try value(for: flag, inline))
                options.variables.append((name, try ArgumentReader.parseJSON(text, name: name)))
            case .secret:
                let (name, text) = try assignment(option, try value(for: flag, inline))
                try ArgumentReader.maskSecret(text, flag: flag)
                options.variables.append((name, .string(text)))
            case .secretEnv:
                let name = try value(for: flag, inline)
                guard ArgumentReader.isName(name) else { throw CLIError("\(flag): '\(name)' is not a variable name") }
                guard let raw = getenv(name) else {
                    throw CLIError("\(flag) \(name): the environment variable \(name) is not set", hint: "export \(name)=... before running scout")
                }
                let text = String(cString: raw)
                try ArgumentReader.maskSecret(text, flag: flag)
                options.variables.append((name, .string(text)))
            case .jobs:
                let text = try value(for: flag, inline)
                guard let n = Int(text), n >= 1 else { throw CLIError("\(flag) needs a number of at least 1, got '\(text)'") }
                options.jobs = n
            case .runner:
                let text = try value(for: flag, inline)
                do { options.runner = try RunnerSpec(commandLine: text) } catch { throw CLIError(error.message) }
            case .mode:
                let text = try value(for: flag, inline)
                guard let mode = ExecutionMode(rawValue: text) else {
                    throw CLIError("--mode must be sequential or parallel, got '\(text)'")
                }
                options.mode = mode
            case .failFast: options.failFast = true
            case .dryRun: options.dryRun = true
            case .force: options.force = true
            case .watch: options.watch = true
            case .restart: options.restart = true
            case .journal: options.journal = try value(for: flag, inline)
            case .resume: options.resume = .finished
            case .resumeFailed: options.resume = .failed
            case .quiet: options.quiet = true
            case .verbose: options.verbose = true
            case .noColor: options.color = false
            case .color: options.color = true
            case .events:
                let text = try value(for: flag, inline)
                guard let format = CLIOptions.EventFormat(rawValue: text) else { throw CLIError("--events must be json, got '\(text)'") }
                options.events = format
            case .eventsFile:
                options.eventsTarget = .file(try value(for: flag, inline))
                options.events = options.events ?? .json
            case .eventsFD:
                let text = try value(for: flag, inline)
                guard let fd = Int32(text), fd >= 0 else {
                    throw CLIError("--events-fd needs a file descriptor number, got '\(text)'", hint: "scout --events-fd 3 ci.scout 3>events.ndjson")
                }
                guard fd != 0, fd != 1 else {
                    throw CLIError("--events-fd \(fd): events need a descriptor of their own, not standard \(fd == 0 ? "input" : "output")",
                                   hint: "scout --events-fd 3 ci.scout 3>events.ndjson (or --events json for stderr)")
                }
                options.eventsTarget = fd == 2 ? nil : .descriptor(fd)
                options.events = options.events ?? .json
            case .output:
                let text = try value(for: flag, inline)
                guard let mode = CLIOptions.OutputMode(rawValue: text) else {
                    throw CLIError("--output must be grouped, prefixed or raw, got '\(text)'")
                }
                options.output = mode
            }
        }
        guard i < args.count else {
            return .repl
        }
        return .run(path: args[i], arguments: Array(args[(i + 1)...]))
    }

    /// `--name=value` as (`--name`, `value`); anything else as itself and nil.
    static func split(_ arg: String) -> (String, String?) {
        guard arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") else { return (arg, nil) }
        return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
    }

    private mutating func value(for flag: String, _ inline: String?) throws(CLIError) -> String {
        if let inline { return inline }
        guard i < args.count else { throw CLIError("\(flag) needs a value") }
        defer { i += 1 }
        return args[i]
    }

    /// `NAME=VALUE` split at its first `=`, the name checked.
    private func assignment(_ option: CLIOption, _ text: String) throws(CLIError) -> (String, String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            let example = option == .jsonVariable ? "retries=3" : "version=1.10"
            throw CLIError("\(option.long) needs \(option.value ?? "NAME=VALUE"), got '\(text)'", hint: "\(option.long) \(example)")
        }
        let name = String(text[..<eq])
        guard ArgumentReader.isName(name) else {
            throw CLIError("\(option.long): '\(name)' is not a variable name")
        }
        return (name, String(text[text.index(after: eq)...]))
    }

    /// True when `name` can be a variable's name.
    static func isName(_ name: String) -> Bool {
        ValuePath(parsing: name)?.segments.count == 1 && name.first.map({ $0.isLetter || $0 == "_" }) == true
    }

    /// Masks `secret` in everything this process writes from now on.
    static func maskSecret(_ secret: String, flag: String) throws(CLIError) {
        do throws(SecretMask.TooShort) {
            try SecretMask.standardStreams.add(secret)
        } catch {
            throw CLIError("\(flag): \(error.description)")
        }
    }

    /// A `--var-json` value: one JSON document, or an error that shows where it stops being JSON.
    static func parseJSON(_ text: String, name: String) throws(CLIError) -> Value {
        do {
            return try JSONParser.parse(text)
        } catch {
            var message = "--var-json \(name): not JSON: \(error.message)"
            if text.contains("\n") {
                message += " at \(error.line):\(error.column)"
            } else {
                message += "\n    \(name)=\(text)\n    " + String(repeating: " ", count: name.count + error.column) + "^"
            }
            throw CLIError(message, hint: "for text use --var \(name)=...; a JSON string is quoted: --var-json '\(name)=\"text\"'")
        }
    }
}
