import Glibc
import Scout
import ScoutLanguageServer

/// The `scout` command: reads the command line and runs what it asks for.
enum ScoutTool {
    static func main(_ args: [String]) async -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        var reader = ArgumentReader(args)
        let action: ArgumentReader.Action
        do {
            action = try reader.read()
        } catch {
            return usageError(error, color: reader.options.color)
        }
        let options = reader.options
        switch action {
        case .help(let topic):
            guard let text = Help.text(topic) else {
                let names = Help.topics + CommandRegistry.standard.names + FunctionTable.builtins.names.sorted()
                let hint = Suggestion.closest(to: topic ?? "", in: names).map { "did you mean '\($0)'?" }
                return usageError(CLIError("no help on '\(topic ?? "")'", hint: hint ?? "topics: \(Help.topics.joined(separator: ", ")), or a command or function name"), color: options.color)
            }
            FileDescriptorWriter.writeAll(1, text)
            return ExitStatus.success
        case .version:
            FileDescriptorWriter.writeAll(1, "scout \(ScoutVersion.string)\n")
            return ExitStatus.success
        case .run(let path, let arguments):
            if options.watch, !options.dryRun {
                return await WatchLoop(options: options, path: path, arguments: arguments).run()
            }
            if path.hasSuffix(".json") {
                // A script's runner checks this with the options after its name too.
                if options.restart {
                    return usageError(CLIError("--restart only has a meaning with --watch", hint: "scout --watch --restart tasks.json"), color: options.color)
                }
                return await TaskListRunner(options: options).run(path: path)
            }
            let source: SourceFile
            do { source = try ScriptRunner.load(path) } catch { return usageError(error, color: options.color) }
            return await ScriptRunner(options: options).run(source, arguments: arguments)
        case .evaluate(let code, let arguments):
            if options.watch {
                return usageError(CLIError("--watch needs a script file, not -e CODE", hint: "save the code to a file: scout --watch ci.scout"), color: options.color)
            }
            return await ScriptRunner(options: options).run(SourceFile(name: "-e", text: code), arguments: arguments, isFile: false)
        case .check(let paths):
            return ScriptRunner(options: options).check(paths)
        case .format(let paths, let check):
            return FormatCommand(check: check, color: options.color).run(paths)
        case .completions(let shell):
            FileDescriptorWriter.writeAll(1, Completions.script(for: shell) ?? "")
            return ExitStatus.success
        case .commands:
            FileDescriptorWriter.writeAll(1, Help.available(plugins: PluginLocator()))
            return ExitStatus.success
        case .repl:
            return await REPL.run(options: options)
        case .languageServer:
            return LanguageServer(documentation: Help.languageServerDocumentation).run(input: 0, output: 1)
        }
    }

    static func usageError(_ error: CLIError, color: Bool?) -> Int32 {
        let style = Style(enabled: Terminal.useColor(color))
        var text = style.boldRed("error") + ": " + error.message + "\n"
        if let hint = error.hint { text += "  " + style.dim("hint: ") + hint + "\n" }
        Terminal.error("scout: " + text)
        return ExitStatus.usage
    }
}
