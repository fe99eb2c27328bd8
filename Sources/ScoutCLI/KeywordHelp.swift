/// `scout help KEYWORD`: what each of the language's statements and clauses does, with an example.
enum KeywordHelp {
    /// One keyword's help: how it is written, what it does, an example.
    struct Entry {
        var keyword: String
        var synopsis: String
        var summary: String
        var example: String
    }

    /// The text of `scout help KEYWORD`, or nil when KEYWORD has no entry.
    static func text(_ keyword: String) -> String? {
        guard let entry = entries.first(where: { $0.keyword == keyword }) else { return nil }
        let example = entry.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        return "\(entry.synopsis)\n    \(entry.summary)\n\nExample:\n\(example)\n"
    }

    /// `scout help keywords`: one line for each.
    static var list: String {
        var out = "Keywords (scout help KEYWORD shows one with an example):\n\n"
        for entry in entries {
            out += "  " + entry.keyword.padding(to: 12) + entry.synopsis + "\n"
        }
        return out
    }

    /// Words that belong to another keyword's entry.
    static let aliases = ["else": "if", "as": "store", "in": "for"]

    static let entries: [Entry] = [
        Entry(
            keyword: "let", synopsis: "let NAME = EXPR",
            summary: "Sets a variable in the current scope (an enclosing scope's variable of that name is updated).",
            example: "let files = glob(\"src/*.c\")\nprint len(files), \"files\""),
        Entry(
            keyword: "task", synopsis: "task NAME [CLAUSES] { BODY }",
            summary: """
                A named task: its steps run in order as one unit, and its result is stored under NAME.
                    Clauses stand in the header or on lines at the top of the body.
                """,
            example: "task build {\n  timeout 10m\n  run \"make\"\n  run \"make check\"\n}\nprint build.status"),
        Entry(
            keyword: "parallel", synopsis: "parallel [(max: N)] { ... }    parallel for X in EXPR { ... }",
            summary: """
                Runs the statements inside at once, at most N at a time (default: --jobs). Results keep
                    source order; `needs` orders tasks inside.
                """,
            example: "parallel(max: 4) {\n  run \"make lint\"\n  run \"make test\"\n}"),
        Entry(
            keyword: "sequential", synopsis: "sequential { ... }",
            summary: "Runs the statements inside one after another: a chain of steps beside others in a `parallel` block.",
            example: "parallel {\n  sequential {\n    run \"make deps\"\n    run \"make build\"\n  }\n  run \"make lint\"\n}"),
        Entry(
            keyword: "for", synopsis: "for X in EXPR { ... }    parallel for X in EXPR { ... }",
            summary: "Runs the body for each element of a list, each key of a map, or each number of range(n); each iteration has its own scope.",
            example: "for f in glob(\"src/*.c\") {\n  run \"cc -c ${f}\"\n}"),
        Entry(
            keyword: "if", synopsis: "if EXPR { ... } else if EXPR { ... } else { ... }    TASK if EXPR",
            summary: """
                A conditional; after a task it is a clause: the task runs only when EXPR is truthy and is
                    skipped otherwise. In a condition an undefined name is null.
                """,
            example: "run \"make test\" store as tests\nif tests.ok {\n  run \"make deploy\"\n} else {\n  print \"not deploying\"\n}"),
        Entry(
            keyword: "stop", synopsis: "stop [REASON] [if EXPR]",
            summary: """
                Ends the run early, and not as a failure (exit status 0 when no task failed). Inside
                    `parallel` nothing new starts and running tasks finish.
                """,
            example: "git_status store as status\nstop \"nothing to release\" if status.clean"),
        Entry(
            keyword: "fail", synopsis: "fail [REASON] [if EXPR]",
            summary: "Ends the run as a failure: exit status 1, with REASON in the summary (`stop` ends it as a success).",
            example: "git_status store as status\nfail \"the tree is dirty\" if !status.clean"),
        Entry(
            keyword: "store", synopsis: "TASK store as NAME",
            summary: "Keeps a task's result (status, ok, failed, output, exit_code, stdout, duration_ms, ...) in the variable NAME.",
            example: "run \"git rev-parse --short HEAD\" store as head\nprint \"at ${head.output}\""),
        Entry(
            keyword: "needs", synopsis: "TASK needs A, B",
            summary: "Inside `parallel`: start after the tasks A and B succeeded; skipped when one of them did not.",
            example: "parallel {\n  task fetch { run \"git fetch\" }\n  task test needs fetch { run \"make test\" }\n}"),
        Entry(
            keyword: "import", synopsis: "import \"PATH\" [as NAME]",
            summary: """
                Takes the commands and top-level lets of another script, its path relative to this
                    file's directory; what it imports comes too. Its tasks never run. At the top level only.
                    With `as NAME`, they are used as NAME.command and NAME.field.
                """,
            example: "import \"lib/deploy.scout\" as deploy\ndeploy.push \"web\""),
        Entry(
            keyword: "sources", synopsis: "TASK sources PATH, GLOB, ...",
            summary: """
                The files a task reads. With them Scout skips a task that is up to date: it succeeded
                    before with the same arguments, its sources have the same content and every file
                    it `generates` exists. The check is kept in .scout/ beside the script; --force runs
                    every task, --dry-run says which are up to date.
                """,
            example: "task build sources \"src/*.c\", \"Makefile\" generates \"app\" {\n  run \"make app\"\n}"),
        Entry(
            keyword: "generates", synopsis: "TASK generates PATH, GLOB, ...",
            summary: """
                The files a task writes: with `sources`, the task is up to date only while each of them
                    exists (a glob must match at least one file). Deleting one runs the task again.
                """,
            example: "run \"cc -o app main.c\" sources \"main.c\" generates \"app\""),
        Entry(
            keyword: "on", synopsis: "TASK on local | ssh(hosts: [...], per_host: N, workdir: DIR) | slurm(partition: P, cpus: N, mem: M, time: D, array: B) | EXPR",
            summary: """
                Where a task's processes run: this machine, a pool of SSH hosts, or a Slurm cluster. On a
                    task block, it holds for every task inside. `use ssh(...)` sets it for the whole script,
                    and `--runner` replaces that on the command line. `print` and in-process commands run here.
                """,
            example: "task shards on ssh(hosts: [\"node1\", \"node2\"], per_host: 4) {\n  parallel for n in range(8) {\n    run \"make test SHARD=${n}\"\n  }\n}"),
        Entry(
            keyword: "retry", synopsis: "TASK retry N    TASK retry(max_retries: N, base_delay: D, max_delay: D, jitter_factor: F)",
            summary: """
                Tries a failed task again, waiting base_delay * 2^k (at most max_delay) before retry k.
                    `use retry(...)` sets it for every task that follows.
                """,
            example: "run \"curl -fsS https://example.com/health\" retry(max_retries: 3, base_delay: 1s)"),
        Entry(
            keyword: "timeout", synopsis: "TASK timeout DURATION",
            summary: "Stops the task when it runs longer: TERM to its whole process group, then KILL after a grace period.",
            example: "run \"make integration\" timeout 5m"),
        Entry(
            keyword: "skip_if", synopsis: "TASK skip_if EXPR",
            summary: "Skips the task when EXPR is truthy (the opposite of the `if` clause).",
            example: "run \"make install\" store as install\nrun \"make test\" skip_if install.failed"),
        Entry(
            keyword: "stop_if", synopsis: "TASK stop_if EXPR",
            summary: """
                Stops the run when EXPR is truthy: checked before the task (which then does not run) and
                    again after it ran and its result was stored.
                """,
            example: "run \"make lint\" store as lint stop_if lint.failed\nrun \"make test\""),
        Entry(
            keyword: "extract", synopsis: "TASK extract steps [parallel|sequential]",
            summary: """
                Reads steps from the task's output (a JSON list of tasks, or a Markdown list whose items
                    hold a `command`) and runs them as a sub-batch; the task fails when one of them does.
                """,
            example: "plan \"release.md\" extract steps"),
        Entry(
            keyword: "use", synopsis: "use retry(...)  circuit_breaker(...)  fail_fast  cwd(DIR)  env(NAME: VALUE)  timeout(D)  ssh(...)  slurm(...)  local",
            summary: "A setting for every task that follows: a policy, the directory tasks run in, their environment, a default time limit, where their processes run (see `on`).",
            example: "use cwd(script_dir)\nuse timeout(10m)\nuse retry(max_retries: 2, base_delay: 500ms)\nrun \"make test\""),
        Entry(
            keyword: "command", synopsis: "command NAME(PARAMS) { BODY }",
            summary: "Defines a command of your own; parameters may have defaults, and callers pass arguments by position or name.",
            example: "command notify(message, channel = \"#builds\") {\n  print \"[${channel}] ${message}\"\n}\nnotify \"build done\""),
        Entry(
            keyword: "param", synopsis: "param NAME [: TYPE] [= DEFAULT]",
            summary: """
                Declares an option of the script: `./deploy.scout --NAME VALUE` sets NAME, and
                    `./deploy.scout --help` lists it with the comment on its line. TYPE is string, int,
                    float, bool, duration or list (else the default's); without a default it must be given.
                """,
            example: "param region = \"eu-west-1\"  # the region to deploy to\nparam replicas: int = 2\nprint \"deploying ${replicas} copies to ${region}\""),
        Entry(
            keyword: "service", synopsis: "service CMD, ready_port: N | ready_url: URL | ready_cmd: CMD [, ready_timeout: D]",
            summary: """
                Starts CMD in the background (a test server, a database) for the rest of its block: it
                    waits until the service is ready, the statements after it run, and it is stopped
                    (TERM, then KILL of its group) when the block ends, however it ends.
                """,
            example: "service \"python3 -m http.server 8765\", ready_port: 8765 store as web\nrun \"curl -fsS http://127.0.0.1:8765/\""),
    ]
}
