import Scout

/// One option of `scout`, given before the script's name. `ArgumentReader` accepts exactly
/// these, and `scout --help`, the README's table and the completion scripts list them from
/// here, so a new option cannot be left out of any of them.
enum CLIOption: CaseIterable {
    case variable, jsonVariable, secret, secretEnv, jobs, runner, mode, failFast, dryRun, force, journal, resume, resumeFailed, watch, restart, output
    case events, eventsFile, eventsFD, quiet, verbose, noColor, color, eval, help, version

    /// The long spelling, `--jobs`.
    var long: String {
        switch self {
        case .variable: "--var"
        case .jsonVariable: "--var-json"
        case .secret: "--secret"
        case .secretEnv: "--secret-env"
        case .jobs: "--jobs"
        case .runner: "--runner"
        case .mode: "--mode"
        case .failFast: "--fail-fast"
        case .dryRun: "--dry-run"
        case .force: "--force"
        case .journal: "--journal"
        case .resume: "--resume"
        case .resumeFailed: "--resume-failed"
        case .watch: "--watch"
        case .restart: "--restart"
        case .output: "--output"
        case .events: "--events"
        case .eventsFile: "--events-file"
        case .eventsFD: "--events-fd"
        case .quiet: "--quiet"
        case .verbose: "--verbose"
        case .noColor: "--no-color"
        case .color: "--color"
        case .eval: "--eval"
        case .help: "--help"
        case .version: "--version"
        }
    }

    /// The one-letter spelling, `-j`, when there is one.
    var short: String? {
        switch self {
        case .jobs: "-j"
        case .dryRun: "-n"
        case .quiet: "-q"
        case .verbose: "-v"
        case .eval: "-e"
        case .help: "-h"
        case .version: "-V"
        default: nil
        }
    }

    /// What follows the option, for a usage line (`N`, `NAME=VALUE`); nil for a flag.
    var value: String? {
        switch self {
        case .variable: "NAME=VALUE"
        case .jsonVariable: "NAME=JSON"
        case .secret: "NAME=VALUE"
        case .secretEnv: "NAME"
        case .jobs: "N"
        case .runner: "RUNNER"
        case .mode: "MODE"
        case .output: "MODE"
        case .events: "json"
        case .eventsFile: "PATH"
        case .journal: "PATH"
        case .eventsFD: "N"
        case .eval: "CODE"
        default: nil
        }
    }

    /// What the option does, on one line.
    var summary: String {
        switch self {
        case .variable: "set a variable to the text VALUE, exactly as written (`--var sha=4193e21`)"
        case .jsonVariable: "set a variable to a JSON value: number, true/false, null, list or map (`--var-json n=3`)"
        case .secret: "set a variable to VALUE and show it as *** in everything scout writes"
        case .secretEnv: "set the variable NAME to the environment variable NAME, shown as ***"
        case .jobs: "run at most N tasks at once in the whole run, nested blocks too (default \(ExecutorConfiguration.defaultMaxConcurrency))"
        case .runner: "where tasks' processes run: local, ssh:HOST,HOST or slurm[:PARTITION] (in place of the script's `use`)"
        case .mode: "sequential (default) or parallel: how a JSON task list runs"
        case .failFast: "stop at the first failed task and end the tasks running beside it"
        case .dryRun: "show what would run, with its arguments evaluated; run nothing"
        case .force: "run the tasks with `sources` even when they are up to date"
        case .journal: "write each finished task to the journal PATH (NDJSON), to resume from"
        case .resume: "with --journal: run only the tasks the journal does not have as finished"
        case .resumeFailed: "with --journal: run the tasks that failed or did not finish; keep the others' results"
        case .watch: "run again each time a file the script's tasks read (or, without `sources`, its directory) changes"
        case .restart: "with --watch: a change during a run ends it and starts it again (else the run finishes first)"
        case .output: "grouped (default), prefixed or raw: how the output of tasks running at once is shown"
        case .events: "progress events as NDJSON on stderr, in place of the progress view"
        case .eventsFile: "progress events as NDJSON in the file PATH (the progress view stays)"
        case .eventsFD: "progress events as NDJSON on file descriptor N, such as 3 with 3>events.ndjson"
        case .quiet: "report only failures"
        case .verbose: "also report tasks as they start, and the steps of task blocks"
        case .noColor: "no colours (also when NO_COLOR is set)"
        case .color: "colours even when stderr is not a terminal"
        case .eval: "run CODE instead of a file"
        case .help: "show this help"
        case .version: "show the version"
        }
    }

    /// True for the run options that may also follow a script's name (`./ci.scout -n deploy`).
    var followsScript: Bool {
        switch self {
        case .mode, .eval, .help, .version: false
        default: true
        }
    }

    /// Every spelling: `-j` and `--jobs`.
    var spellings: [String] { [short, long].compactMap { $0 } }

    /// How the option is written in a usage line: `-j, --jobs N`.
    var usage: String {
        spellings.joined(separator: ", ") + (value.map { " " + $0 } ?? "")
    }

    /// The option spelt `flag`, if any.
    static func named(_ flag: String) -> CLIOption? {
        allCases.first { $0.spellings.contains(flag) }
    }

    /// The lines of `scout --help` that list the options.
    static var helpLines: String {
        allCases.map { "  " + $0.usage.padding(to: 22) + $0.summary + "\n" }.joined()
    }
}
