/// A statement of the language, with the span it was written at.
package struct Statement: Sendable {
    /// What the statement is.
    package indirect enum Kind: Sendable {
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
        /// `import "PATH" [as NAME]`: the commands and top-level `let`s of another file (the
        /// path as written); with a namespace, its commands are called `NAME.command` and its
        /// `let`s read as `NAME.field`.
        case `import`(Name, as: Name?)
        /// An expression on its own (the REPL prints its value).
        case expression(Expression)
    }

    /// What the statement is.
    package var kind: Kind
    /// Where it was written.
    package var span: SourceSpan

    /// A statement.
    package init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A name as written, with its place.
package struct Name: Sendable, Hashable {
    /// The text.
    package var text: String
    /// Where it was written.
    package var span: SourceSpan

    /// A name.
    package init(_ text: String, _ span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// One task written on a line: command, arguments, clauses.
package struct TaskLine: Sendable {
    /// The command.
    package var command: Name
    /// Positional arguments first, then named ones.
    package var arguments: [TaskArgument]
    /// The clauses.
    package var clauses: Clauses
}

/// `task NAME CLAUSES { BODY }`: a named unit whose steps run in order.
package struct TaskBlock: Sendable {
    /// The name, under which the result is stored.
    package var name: Name
    /// Clauses from the header and the top of the body.
    package var clauses: Clauses
    /// The steps.
    package var body: [Statement]
}

/// A `for` loop.
package struct ForLoop: Sendable {
    /// The loop variable.
    package var variable: Name
    /// What it walks: a list, a map's keys, or `range(...)`.
    package var iterable: Expression
    /// The body, run once per element in its own scope.
    package var body: [Statement]
    /// True for `parallel for`.
    package var parallel: Bool
    /// `parallel(max: N) for`: the concurrency limit.
    package var max: Expression?
    /// `for X in EXPR store as NAME`: the iterations' results, as a list in iteration order.
    package var storeAs: Name?
}

/// `command NAME(PARAMS) { BODY }`: a command written in the language.
package struct CommandDefinition: Sendable {
    /// A parameter: a name and an optional default.
    package struct Parameter: Sendable {
        /// The name.
        package var name: Name
        /// The default, evaluated at the call when the argument is not given.
        package var defaultValue: Expression?
    }

    /// The command's name.
    package var name: Name
    /// The parameters, in positional order.
    package var parameters: [Parameter]
    /// The body.
    package var body: [Statement]
}

/// The clauses of a task.
package struct Clauses: Sendable {
    /// The retry clause: `retry N` or `retry(max_retries: ..., base_delay: ...)`.
    package enum Retry: Sendable {
        case count(Expression)
        case config([TaskArgument])
    }

    /// `if EXPR`
    package var condition: Expression?
    /// `skip_if EXPR`
    package var skipIf: Expression?
    /// `stop_if EXPR`
    package var stopIf: Expression?
    /// `store as NAME`
    package var storeAs: Name?
    /// `retry ...`
    package var retry: Retry?
    /// `timeout EXPR`
    package var timeout: Expression?
    /// `needs A, B`
    package var needs: [Name] = []
    /// `extract steps [parallel|sequential]`: the sub-batch mode.
    package var extractSteps: ExecutionMode?
    /// `sources A, B`: the files (paths or globs) the task reads; with `generates`, what
    /// decides whether it is up to date.
    package var sources: [Expression] = []
    /// `generates A, B`: the files (paths or globs) the task writes.
    package var generates: [Expression] = []
    /// `on ssh(...)`, `on slurm(...)`, `on local`, `on EXPR`: where the task's processes run.
    package var runner: Runner?

    /// Where a task's processes run, as written after `on`.
    package enum Runner: Sendable {
        /// A runner and its settings: `on ssh(hosts: ["a", "b"])`, `on local`.
        case named(Name, [TaskArgument])
        /// A value that is a runner: a variable holding `{runner: "slurm", cpus: 4}`, `"local"`.
        case value(Expression)

        /// The expressions written in it.
        package var expressions: [Expression] {
            switch self {
            case .named(_, let arguments): return arguments.map(\.value)
            case .value(let e): return [e]
            }
        }
    }
    /// Where each clause keyword stands, for messages.
    package var spans: [String: SourceSpan] = [:]

    /// No clauses.
    package init() {}

    /// True when no clause is set.
    package var isEmpty: Bool { spans.isEmpty }
}

/// A parsed script.
package struct Program: Sendable {
    /// The source it was parsed from.
    package var source: SourceFile
    /// Its statements.
    package var statements: [Statement]
}
