import Scout

/// The options shared by every way of running a pipeline.
struct CLIOptions: Sendable {
    var variables: [(String, Value)] = []
    var jobs: Int?
    /// `--runner`: where the tasks' processes run, in place of the script's `use`.
    var runner: RunnerSpec?
    var mode: ExecutionMode?
    var failFast = false
    var dryRun = false
    var force = false
    var watch = false
    var restart = false
    /// `--journal PATH`, and whether the run resumes from it.
    var journal: String?
    var resume: TaskJournal.Resume?
    var quiet = false
    var verbose = false
    var color: Bool?
    var events: EventFormat?
    /// Where events go when not to stderr: `--events-file` or `--events-fd`.
    var eventsTarget: EventTarget?
    var output: OutputMode = .grouped

    enum EventFormat: String { case json }
    enum EventTarget: Equatable { case file(String), descriptor(Int32) }
    enum OutputMode: String, CaseIterable { case grouped, prefixed, raw }
}
