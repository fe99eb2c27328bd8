/// What a name written in a script defines.
enum SymbolKind: Sendable, Hashable {
    case variable
    case parameter
    case task
    case storedResult
    case loopVariable
    case commandParameter
    case command

    /// Commands have names of their own; everything else is a value read by name.
    var isCommand: Bool { self == .command }

    /// How hover names it.
    var noun: String {
        switch self {
        case .variable: return "variable"
        case .parameter: return "script parameter"
        case .task: return "task"
        case .storedResult: return "stored result"
        case .loopVariable: return "loop variable"
        case .commandParameter: return "command parameter"
        case .command: return "command"
        }
    }
}
