/// The up-to-date check of one task that declares `sources` or `generates`: which files it
/// reads now, what it writes, and how that compares with its last successful run.
struct UpToDateCheck: Sendable {
    /// Where the records are.
    let store: UpToDateStore
    /// The task's key: its script, its name (or how it is shown) and its loop iteration.
    let key: String
    /// The hash of the command, its evaluated arguments and its `generates` patterns.
    let arguments: String
    /// The `sources` patterns, evaluated.
    let sources: [String]
    /// The `generates` patterns, evaluated.
    let generates: [String]
    /// The directory relative paths are read from; nil for the current one.
    let workingDirectory: String?

    /// What the check decided: run the task (and why), or skip it (and why).
    enum Decision: Sendable {
        /// Run it: why, and its sources as it starts (what a success records).
        case run(reason: String, sources: [(path: String, hash: String)])
        case upToDate(UpToDateRecord, reason: String)
    }

    /// The decision against the task's record.
    func decide() -> Decision {
        let now = files()
        if store.force { return .run(reason: "--force runs every task", sources: now) }
        guard let previous = store.load(key) else { return .run(reason: "it has no successful run on record", sources: now) }
        if let missing = generates.first(where: { FileGlob.match($0, in: workingDirectory).isEmpty }) {
            return .run(reason: "\(missing) does not exist", sources: now)
        }
        if let reason = previous.staleness(against: UpToDateRecord(arguments: arguments, files: now)) {
            return .run(reason: reason, sources: now)
        }
        let count = previous.files.count
        var reason = "up to date: \(count) source\(count == 1 ? "" : "s") unchanged"
        if !generates.isEmpty { reason += ", \(generates.count == 1 ? "its output exists" : "its outputs exist")" }
        return .upToDate(previous, reason: reason)
    }

    /// Keeps a successful run: the sources as they were when it started (a source edited while
    /// the task ran makes it run again next time; a task that rewrites its own sources, such as
    /// a formatter, runs once more before it is up to date) and its result.
    func record(_ result: TaskResult, sources: [(path: String, hash: String)], secrets: SecretMask) {
        func kept(_ text: String?) -> String? {
            guard let text else { return nil }
            let masked = secrets.mask(text)
            guard masked.utf8.count > UpToDateRecord.keptOutput else { return masked }
            return String(decoding: masked.utf8.suffix(UpToDateRecord.keptOutput), as: UTF8.self)
        }
        var output = secrets.mask(result.output)
        if case .string(let s) = output { output = kept(s).map(Value.string) ?? .null }
        let record = UpToDateRecord(arguments: arguments, files: sources, exitCode: result.exitCode, output: output,
                                    stdout: kept(result.stdout), stderr: kept(result.stderr), durationMs: result.durationMs)
        store.save(record, key: key)
    }

    /// Every file the sources name, sorted, each with the hash of its content; a directory
    /// stands for the files under it (hidden ones left out, as a shell's `*` does). What the
    /// task `generates` is not one of its sources (`sources "out/*"` with `generates "out/all"`).
    func files() -> [(path: String, hash: String)] {
        var paths = Set<String>()
        for pattern in sources {
            for path in FileGlob.match(pattern, in: workingDirectory) { add(path, to: &paths, depth: 0) }
        }
        if !generates.isEmpty {
            var outputs = Set(generates)
            for pattern in generates { outputs.formUnion(FileGlob.match(pattern, in: workingDirectory)) }
            paths.subtract(outputs)
        }
        store.observe(paths.map { WorkingDirectory.absolute(absolute($0)) })
        return paths.sorted().map { path in
            (path, ContentHash.ofFile(absolute(path))?.hex ?? "unreadable")
        }
    }

    private func add(_ path: String, to paths: inout Set<String>, depth: Int) {
        guard WorkingDirectory.isDirectory(absolute(path)) else {
            paths.insert(path)
            return
        }
        // A symbolic link loop ends here rather than in a stack overflow.
        guard depth < 64 else { return }
        for name in LocalFile.names(inDirectory: absolute(path)) where !name.hasPrefix(".") {
            add(path.hasSuffix("/") ? path + name : path + "/" + name, to: &paths, depth: depth + 1)
        }
    }

    private func absolute(_ path: String) -> String {
        guard let workingDirectory, !path.hasPrefix("/") else { return path }
        return workingDirectory.hasSuffix("/") ? workingDirectory + path : workingDirectory + "/" + path
    }
}
