/// A statement of the language, with the span it was written at.
public struct Statement: Sendable {
    /// What the statement is.
    public indirect enum Kind: Sendable {
        /// `let NAME = EXPR`
        case `let`(Name, Expression)
        /// `COMMAND ARGS CLAUSES`: one task.
        case task(TaskLine)
        /// `task NAME CLAUSES { BODY }`
        case taskBlock(TaskBlock)
        /// `parallel [(max: N)] { ... }`
        case parallel(max: Expression?, body: [Statement])
        /// `sequential { ... }`
        case sequential([Statement])
        /// `for X in EXPR { ... }` and `parallel [(max: N)] for X in EXPR { ... }`
        case `for`(ForLoop)
        /// `if EXPR { ... } else ...`
        case `if`(condition: Expression, then: [Statement], else: [Statement]?)
        /// `stop [REASON] [if COND]`
        case stop(reason: Expression?, condition: Expression?)
        /// `fail [REASON] [if COND]`: ends the pipeline as a failure.
        case fail(reason: Expression?, condition: Expression?)
        /// `param NAME [: TYPE] [= DEFAULT]`: an option of the script.
        case param(ScriptParameter)
        /// `command NAME(PARAMS) { BODY }`
        case command(CommandDefinition)
        /// `use retry(...)`, `use circuit_breaker(...)`, `use fail_fast`
        case use(Name, [TaskArgument])
        /// An expression on its own (the REPL prints its value).
        case expression(Expression)
    }

    /// What the statement is.
    public var kind: Kind
    /// Where it was written.
    public var span: SourceSpan

    /// A statement.
    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A name as written, with its place.
public struct Name: Sendable, Hashable {
    /// The text.
    public var text: String
    /// Where it was written.
    public var span: SourceSpan

    /// A name.
    public init(_ text: String, _ span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// One task written on a line: command, arguments, clauses.
public struct TaskLine: Sendable {
    /// The command.
    public var command: Name
    /// Positional arguments first, then named ones.
    public var arguments: [TaskArgument]
    /// The clauses.
    public var clauses: Clauses
}

/// `task NAME CLAUSES { BODY }`: a named unit whose steps run in order.
public struct TaskBlock: Sendable {
    /// The name, under which the result is stored.
    public var name: Name
    /// Clauses from the header and the top of the body.
    public var clauses: Clauses
    /// The steps.
    public var body: [Statement]
}

/// A `for` loop.
public struct ForLoop: Sendable {
    /// The loop variable.
    public var variable: Name
    /// What it walks: a list, a map's keys, or `range(...)`.
    public var iterable: Expression
    /// The body, run once per element in its own scope.
    public var body: [Statement]
    /// True for `parallel for`.
    public var parallel: Bool
    /// `parallel(max: N) for`: the concurrency limit.
    public var max: Expression?
    /// `for X in EXPR store as NAME`: the iterations' results, as a list in iteration order.
    public var storeAs: Name?
}

/// `command NAME(PARAMS) { BODY }`: a command written in the language.
public struct CommandDefinition: Sendable {
    /// A parameter: a name and an optional default.
    public struct Parameter: Sendable {
        /// The name.
        public var name: Name
        /// The default, evaluated at the call when the argument is not given.
        public var defaultValue: Expression?
    }

    /// The command's name.
    public var name: Name
    /// The parameters, in positional order.
    public var parameters: [Parameter]
    /// The body.
    public var body: [Statement]
}

/// The clauses of a task.
public struct Clauses: Sendable {
    /// The retry clause: `retry N` or `retry(max_retries: ..., base_delay: ...)`.
    public enum Retry: Sendable {
        case count(Expression)
        case config([TaskArgument])
    }

    /// `if EXPR`
    public var condition: Expression?
    /// `skip_if EXPR`
    public var skipIf: Expression?
    /// `stop_if EXPR`
    public var stopIf: Expression?
    /// `store as NAME`
    public var storeAs: Name?
    /// `retry ...`
    public var retry: Retry?
    /// `timeout EXPR`
    public var timeout: Expression?
    /// `needs A, B`
    public var needs: [Name] = []
    /// `extract steps [parallel|sequential]`: the sub-batch mode.
    public var extractSteps: ExecutionMode?
    /// `sources A, B`: the files (paths or globs) the task reads; with `generates`, what
    /// decides whether it is up to date.
    public var sources: [Expression] = []
    /// `generates A, B`: the files (paths or globs) the task writes.
    public var generates: [Expression] = []
    /// Where each clause keyword stands, for messages.
    public var spans: [String: SourceSpan] = [:]

    /// No clauses.
    public init() {}

    /// True when no clause is set.
    public var isEmpty: Bool { spans.isEmpty }
}

/// A parsed script.
public struct Program: Sendable {
    /// The source it was parsed from.
    public var source: SourceFile
    /// Its statements.
    public var statements: [Statement]
}
