import Scout

/// The text of `scout --help` and `scout help TOPIC`.
enum Help {
    static func text(_ topic: String?) -> String? {
        guard let topic else { return usage }
        switch topic {
        case "functions": return functions()
        case "commands": return commands()
        case "exit", "exit-status": return exitStatus
        case "keywords": return KeywordHelp.list
        case "options": return "Options (before the script's name; what follows it is the script's):\n" + CLIOption.helpLines
        case "repl": return REPLHelp.text
        case "fmt": return format
        case "lsp": return languageServer
        default:
            if let text = KeywordHelp.text(KeywordHelp.aliases[topic] ?? topic) { return text }
            if let spec = CommandRegistry.standard.withPlugins().spec(topic) { return command(spec) }
            if let f = FunctionTable.builtins[topic] {
                let details = topic == "matches" ? "\n" + ScoutRegex.syntaxSummary.split(separator: "\n").map { "    " + $0 + "\n" }.joined() : ""
                return "\(f.name)(\(f.parameters))\n    \(f.summary)\n" + details
            }
            return nil
        }
    }

    static let topics = ["functions", "commands", "keywords", "options", "exit-status", "repl", "fmt", "lsp"]

    static func functions() -> String {
        var out = "Functions (call them in expressions, such as len(files)):\n\n"
        for f in FunctionTable.builtins.all {
            let signature = "\(f.name)(\(f.parameters))"
            out += "  " + signature.padding(to: 34) + f.summary + "\n"
        }
        return out
    }

    static func commands() -> String {
        var out = "Commands (built in; a script may define its own with `command NAME(...) { ... }`):\n\n"
        out += builtins()
        return out + "\nscout commands also lists the plugins on PATH; scout help COMMAND shows a command's arguments.\n"
    }

    static func builtins() -> String {
        CommandRegistry.standard.all.map { "  " + $0.name.padding(to: 12) + $0.summary + "\n" }.joined()
    }

    /// `scout commands`: the built-in commands, then the plugins `locator` finds on PATH.
    static func available(plugins locator: PluginLocator) -> String {
        var out = "Built-in commands:\n" + builtins() + "\n"
        let plugins = locator.plugins()
        let rule = "an executable scout-NAME on PATH is the command NAME"
        if plugins.isEmpty {
            out += "Plugins: none on PATH (\(rule))\n"
        } else {
            out += "Plugins (\(rule)):\n"
            for plugin in plugins {
                let shadowed = CommandRegistry.standard.spec(plugin.name) != nil ? " (not used: \(plugin.name) is built in)" : ""
                out += "  " + plugin.name.padding(to: 12) + plugin.path + shadowed + "\n"
            }
        }
        return out + "\nscout help COMMAND shows a command's arguments.\n"
    }

    static func command(_ spec: CommandSpec) -> String {
        var usage = spec.name
        for p in spec.parameters where p.positional {
            usage += p.variadic ? " [\(p.name)...]" : (p.required ? " \(p.name.uppercased())" : " [\(p.name.uppercased())]")
        }
        var out = "\(usage)\n    \(spec.summary)\n"
        let named = spec.parameters.filter { !$0.variadic }
        if !named.isEmpty {
            out += "\nArguments (positional ones may also be given by name):\n"
            for p in named {
                let kind = p.required ? "required" : "optional"
                out += "  " + "\(p.name):".padding(to: 14) + "\(p.summary) (\(p.type.description), \(kind))\n"
            }
        }
        return out
    }

    static var exitStatus: String {
        "Exit status:\n" + ExitStatus.meanings.map { "  " + String($0.status).padding(to: 5) + $0.meaning + "\n" }.joined()
    }

    static let format = """
        scout fmt [--check] FILE...
        scout fmt -
            Writes scripts in the one canonical layout, keeping their comments.

        scout fmt FILE... rewrites each file that is not in the layout (keeping its mode) and
        leaves the others untouched; --check changes nothing, lists the files that would
        change with their first differing lines, and exits with 1 if there is one.
        scout fmt - reads a script on standard input and writes it formatted to standard output.
        A script with a syntax error is reported as scout check reports it, left as it is,
        and the exit status is 2.

        The layout: two spaces of indentation, one statement per line (`;` splits lines),
        spaces around binary operators and after commas, `&&` `||` `!` for `and` `or` `not`,
        parentheses only where they are needed, strings and numbers as written, clauses in
        the order written, `} else {` on one line, and one blank line where there were some.
        A block written on one line with at most one simple statement stays on one line
        (`task lint { run "make lint" }`); lists and maps written over several lines keep one
        element per line. Comments stay before the statement they preceded, or at the end
        of their line, two spaces after the code.

        """

    /// `scout --help`.
    static var usage: String {
        """
        scout \(ScoutVersion.string): batch pipelines as scripts

        Usage:
          scout [OPTIONS] FILE [ARGS...]     run a script (FILE.json: a JSON task list); ARGS are in `args`
          scout [OPTIONS] -e CODE [ARGS...]  run CODE
          scout run [OPTIONS] FILE           the same as scout FILE
          scout check FILE...                parse and check scripts, run nothing
          scout fmt [--check] FILE...        rewrite scripts in the canonical layout (- formats stdin to stdout)
          scout commands                     list the built-in commands and the plugins on PATH
          scout lsp                          the language server, for editors (on standard input and output)
          scout repl [OPTIONS]               the REPL (so does scout alone on a terminal; see scout help repl)
          scout help [TOPIC]                 this text, or help on a topic, a keyword, a command or a function
          scout completions bash|zsh|fish    a completion script for your shell
          scout --version                    show the version

        Options (before the script's name; what follows it is the script's):
        \(CLIOption.helpLines)
        Help topics: \(topics.joined(separator: ", ")); a keyword (scout help parallel),
        a command (scout help run) or a function (scout help glob).

        \(exitStatus)
        """
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
