import Scout

/// The text of `scout --help` and `scout help TOPIC`.
enum Help {
    static func text(_ topic: String?) -> String {
        switch topic {
        case nil:
            return usage
        default:
            return "No help on '\(topic!)'. Topics: see 'scout --help'.\n"
        }
    }

    static let usage = """
        scout \(ScoutVersion.string): batch pipelines as scripts

        Usage:
          scout [OPTIONS] FILE [ARGS...]    run a task list (FILE.json)
          scout run [OPTIONS] FILE          the same
          scout help [TOPIC]                show help
          scout --version                   show the version

        Options:
          --var NAME=VALUE    set a variable (VALUE is JSON when it parses as JSON, else text)
          -j, --jobs N        run at most N tasks at once in parallel blocks (default \(ExecutorConfiguration.defaultMaxConcurrency))
          --mode MODE         sequential (default) or parallel: how a task list runs
          --fail-fast         stop at the first failed task
          -q, --quiet         report only failures
          -v, --verbose       also report tasks as they start
          --no-color          no colours (also when NO_COLOR is set)

        Exit status: 0 when no task failed, 1 when one did, 2 for usage and syntax errors,
        130 after an interrupt.

        """
}
