/// `import "PATH" [as NAME]` as a run meets it.
extension Interpreter {
    /// Takes an imported file's commands and top-level `let`s (evaluated now, in the run's
    /// context) and what it imports in turn; runs nothing else of it. A file already
    /// imported into the same namespace in this run is not taken again. The checker has
    /// already refused cycles and clashes; an error here (a file changed or removed since)
    /// stops the run.
    ///
    /// Without a namespace, the commands and `let`s join those of `frame` (the script's, or
    /// those of the module that imports). With one, the commands are named `NAME.command`,
    /// the `let`s live in a scope of the module's own (where its commands look names up
    /// first), and `NAME` is defined in `frame` as a map of them. Returns the `let`s (and
    /// namespaces) the import defined.
    @discardableResult
    func importModule(_ path: Name, as namespace: Name?, in frame: Frame) -> ValueMap {
        guard capabilities.contains(.fileSystem) else {
            fail(.capabilityDenied(capability: Capability.fileSystem.rawValue, what: "import"), at: path.span, in: frame.source)
            return ValueMap()
        }
        let absolute = ModuleLoader.resolve(path.text, from: frame.source)
        let prefix = frame.namespace + (namespace.map { $0.text + "." } ?? "")
        guard state.withLock({ $0.imported.insert(prefix + " " + absolute).inserted }) else { return ValueMap() }
        let shown = ModuleLoader.shownName(path.text, from: frame.source)
        let functions = state.withLock { $0.configuration.functions.names }
        let program: Program
        do { program = try ModuleLoader.load(absolute, shownAs: shown, functions: functions) } catch {
            fail(.runtime(ModuleLoader.message(error, path: shown)), at: path.span, in: frame.source)
            return ValueMap()
        }
        let module = namespace == nil ? Frame(scope: frame.scope, source: program.source, namespace: prefix)
                                      : Frame(scope: Scope(parent: context), source: program.source, namespace: prefix)
        let owner: (namespace: String, scope: any VariableScope)? = prefix.isEmpty ? nil : (prefix, module.scope)
        var exported = ValueMap()
        for statement in program.statements {
            switch statement.kind {
            case .command(let definition):
                let command = UserCommand(definition: definition, source: program.source, module: owner)
                state.withLock { $0.userCommands[prefix + definition.name.text] = command }
            case .let(let name, let value):
                do {
                    let v = try evaluator(module.scope).evaluate(value)
                    if prefix.isEmpty { module.scope.assign(name.text, v) } else { module.scope.define(name.text, v) }
                    exported[name.text] = v
                } catch { fail(error, in: program.source) }
            case .import(let inner, let innerNamespace):
                // Its lets, or its namespace as one map: what importing this file defines too.
                for (key, value) in importModule(inner, as: innerNamespace, in: module) { exported[key] = value }
            default:
                break
            }
        }
        guard let namespace else { return exported }
        frame.scope.define(namespace.text, .map(exported))
        if frame.namespace.isEmpty { state.withLock { _ = $0.namespaces.insert(namespace.text) } }
        return [namespace.text: .map(exported)]
    }
}
