/// `import "PATH"` as a run meets it.
extension Interpreter {
    /// Takes an imported file's commands and top-level `let`s (evaluated now, in the run's
    /// context) and what it imports in turn; runs nothing else of it. A file already
    /// imported in this run is not taken again. The checker has already refused cycles and
    /// clashes; an error here (a file changed or removed since) stops the run.
    func importModule(_ path: Name, in frame: Frame) {
        guard capabilities.contains(.fileSystem) else {
            fail(.capabilityDenied(capability: Capability.fileSystem.rawValue, what: "import"), at: path.span, in: frame.source)
            return
        }
        let absolute = ModuleLoader.resolve(path.text, from: frame.source)
        guard state.withLock({ $0.imported.insert(absolute).inserted }) else { return }
        let shown = ModuleLoader.shownName(path.text, from: frame.source)
        let functions = state.withLock { $0.configuration.functions.names }
        let program: Program
        do { program = try ModuleLoader.load(absolute, shownAs: shown, functions: functions) } catch {
            fail(.runtime(ModuleLoader.message(error, path: shown)), at: path.span, in: frame.source)
            return
        }
        let module = Frame(scope: context, source: program.source)
        for statement in program.statements {
            switch statement.kind {
            case .command(let definition):
                state.withLock { $0.userCommands[definition.name.text] = UserCommand(definition: definition, source: program.source) }
            case .let(let name, let value):
                do { context.assign(name.text, try evaluator(context).evaluate(value)) } catch { fail(error, in: program.source) }
            case .import(let inner):
                importModule(inner, in: module)
            default:
                break
            }
        }
    }
}
