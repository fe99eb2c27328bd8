import Glibc
import Scout

/// `scout --watch FILE`: runs the script, then again each time a file it depends on changes,
/// until Ctrl-C (or SIGTERM). The files are the `sources` its tasks read (and the script itself
/// and the files it imports); a
/// script with no `sources` watches its directory, less hidden paths and `node_modules`, and
/// what changes there while a run is in progress (its own output) does not count. A burst
/// of changes makes one run: it starts once no change has come for ``quietPeriod``. A run
/// in progress finishes before the next starts.
struct WatchLoop {
    let options: CLIOptions
    let path: String
    let arguments: [String]

    /// How long the files must stay unchanged before a run starts: 300 ms, or
    /// `SCOUT_WATCH_QUIET_MS` milliseconds.
    static let quietPeriod: Duration = {
        if let text = getenv("SCOUT_WATCH_QUIET_MS").map({ String(cString: $0) }), let ms = Int(text), ms >= 0 {
            return .milliseconds(ms)
        }
        return .milliseconds(300)
    }()
    /// How often the watcher is read while waiting.
    static let pollInterval: Duration = .milliseconds(50)

    func run() async -> Int32 {
        guard let watcher = FileWatcher() else {
            return ScoutTool.usageError(CLIError("--watch cannot watch files: inotify: \(String(cString: strerror(errno)))"), color: options.color)
        }
        let script = WorkingDirectory.absolute(path)
        let directory = ScriptRunner.directory(of: SourceFile(name: path, text: ""), isFile: true)
        let store = UpToDateStore(directory: directory == "/" ? "/.scout" : directory + "/.scout", force: options.force)
        let style = Style(enabled: Terminal.useColor(options.color))
        var watched: Set<String> = []
        var watchesTree = false
        let canceller = RunCanceller()
        while true {
            var restartedBy: [String] = []
            var started = timespec()
            clock_gettime(CLOCK_REALTIME, &started)
            let status: Int32
            if options.restart, !watched.isEmpty {
                // A change to a watched source during the run ends it and starts it again.
                (status, restartedBy) = await withTaskGroup(of: (Int32?, [String]).self) { group in
                    group.addTask { (await once(store: store, canceller: canceller), []) }
                    group.addTask {
                        let changed = await nextBurst(watcher)
                        if !changed.isEmpty { canceller.cancel("\(WatchLoop.shown(changed, in: directory)) changed: restarting") }
                        return (nil, changed)
                    }
                    var status: Int32 = 0
                    var changed: [String] = []
                    for await (code, paths) in group {
                        if let code {
                            status = code
                            group.cancelAll()
                        }
                        changed += paths
                    }
                    return (status, changed)
                }
                canceller.reset()
            } else {
                status = await once(store: store, canceller: nil)
            }
            // Ctrl-C, SIGTERM or a closed stdout during a run ends the watch as it ends a run.
            if status == 128 + SIGINT || status == 128 + SIGTERM || status == 128 + SIGPIPE { return status }
            let sources = store.observedSources
            // Files first watched now: one changed while the run was in progress (before its
            // watch existed) counts as a change.
            var early: [String] = []
            if sources.isEmpty {
                if !watchesTree { watcher.watch(tree: directory) }
                watchesTree = true
                // What the run wrote in the tree is its own doing.
                _ = watcher.changes()
            } else {
                let files = Set(sources + [script] + WatchLoop.imports(of: script))
                let new = files.subtracting(watched).sorted()
                watcher.watch(files: new)
                watched.formUnion(files)
                early = new.filter { WatchLoop.modified($0, since: started) }
            }
            let changed: [String]
            if restartedBy.isEmpty {
                let what = watchesTree ? "\(directory) for changes" : "\(watched.count) file\(watched.count == 1 ? "" : "s") for changes"
                Terminal.error(style.dim("scout: watching \(what) (Ctrl-C to stop)") + "\n")
                changed = await nextBurst(watcher, initial: early)
            } else {
                changed = restartedBy
            }
            Terminal.error(style.dim("scout: \(WatchLoop.shown(changed, in: directory)) changed: running again") + "\n")
        }
    }

    /// The files a script imports, and those they import, as absolute paths.
    static func imports(of script: String) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        var pending = [script]
        while let path = pending.popLast() {
            guard seen.insert(path).inserted, let bytes = try? LocalFile.read(path) else { continue }
            let program = Parser.parse(SourceFile(name: path, bytes: bytes), functions: FunctionTable.builtins.names).0
            for case .import(let name, _) in program.statements.lazy.map(\.kind) {
                let imported = ModuleLoader.resolve(name.text, from: program.source)
                out.append(imported)
                pending.append(imported)
            }
        }
        return out
    }

    /// True when the file at `path` was modified at or after `time`.
    static func modified(_ path: String, since time: timespec) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        let m = st.st_mtim
        return m.tv_sec > time.tv_sec || (m.tv_sec == time.tv_sec && m.tv_nsec >= time.tv_nsec)
    }

    /// `src/a.c`, `src/a.c and 2 more`: changed paths as a message names them.
    static func shown(_ changed: [String], in directory: String) -> String {
        let first = changed.first.map { $0.hasPrefix(directory + "/") ? String($0.dropFirst(directory.count + 1)) : $0 } ?? "a file"
        return first + (changed.count > 1 ? " and \(changed.count - 1) more" : "")
    }

    /// One run of the script (read anew) or task list.
    func once(store: UpToDateStore, canceller: RunCanceller?) async -> Int32 {
        if path.hasSuffix(".json") { return await TaskListRunner(options: options, canceller: canceller).run(path: path) }
        let source: SourceFile
        do { source = try ScriptRunner.load(path) } catch { return ScoutTool.usageError(error, color: options.color) }
        var runner = ScriptRunner(options: options)
        runner.upToDate = store
        runner.canceller = canceller
        runner.watching = true
        return await runner.run(source, arguments: arguments)
    }

    /// Waits for a change, then for the files to stay unchanged for ``quietPeriod``; the
    /// distinct paths that changed, in the order they first did.
    func nextBurst(_ watcher: FileWatcher, initial: [String] = []) async -> [String] {
        var changed = initial
        var seen = Set(initial)
        var quietSince = ContinuousClock.now
        while !Task.isCancelled {
            let now = ContinuousClock.now
            let fresh = watcher.changes()
            for p in fresh where seen.insert(p).inserted { changed.append(p) }
            if !fresh.isEmpty { quietSince = now }
            if !changed.isEmpty, now - quietSince >= WatchLoop.quietPeriod { return changed }
            try? await Task.sleep(for: WatchLoop.pollInterval)
        }
        return []
    }
}
