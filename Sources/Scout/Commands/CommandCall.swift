/// What a command's body receives: its bound arguments and the task it runs for.
public struct CommandCall: Sendable {
    /// The arguments by parameter name.
    public let arguments: ValueMap
    /// The task, with its id, attempt, timeout, output and scope.
    public let task: ResolvedTask
    /// What the host grants.
    public let capabilities: Capabilities

    /// A call.
    package init(arguments: ValueMap, task: ResolvedTask, capabilities: Capabilities) {
        self.arguments = arguments
        self.task = task
        self.capabilities = capabilities
    }

    /// An argument.
    public subscript(name: String) -> Value? { arguments[name] }

    /// A string argument.
    public func string(_ name: String) -> String? { arguments[name]?.stringValue }

    /// A bool argument, or `defaultValue`.
    public func bool(_ name: String, default defaultValue: Bool = false) -> Bool { arguments[name]?.boolValue ?? defaultValue }

    /// A duration argument.
    public func duration(_ name: String) -> Duration? {
        if case .duration(let d)? = arguments[name] { return d }
        return nil
    }

    /// The directory to work in: the `cwd` argument (relative ones taken from the script's
    /// working directory), else the script's working directory (`use cwd`), else nil.
    public var workingDirectory: String? { string("cwd").map(task.path) ?? task.workingDirectory }

    /// Writes a line to the task's stdout.
    public func print(_ line: String) {
        write(Array((line + "\n").utf8)[...], stream: .stdout)
    }

    /// Writes bytes to one of the task's streams.
    public func write(_ bytes: ArraySlice<UInt8>, stream: OutputStreamKind) {
        let output = task.output
        output.write(bytes, stream: stream, taskId: task.id, label: output.readsLabels ? task.outputLabel : "")
    }
}
