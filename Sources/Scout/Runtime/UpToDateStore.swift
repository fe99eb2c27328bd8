#if canImport(Glibc)
import Glibc
#endif

/// Where the up-to-date check keeps what it knows of tasks that declare `sources` or
/// `generates`: one small JSON file a task in `DIRECTORY/up-to-date/`, named by a hash of the
/// task's key (its script, its name and its loop iteration). A file is written whole to a
/// temporary name and renamed over the old one, so a crash or a concurrent run leaves either
/// the old record or the new one, never a mixture; a record that cannot be read is no record
/// (the task runs).
///
/// The command line keeps it in `.scout/` beside the script. An embedding host sets
/// ``ExecutorConfiguration/upToDate`` to one; without it every task runs.
public final class UpToDateStore: Sendable {
    /// The directory (created when the first record is written).
    public let directory: String
    /// True to run every task (`--force`): nothing is up to date, records are still written.
    public let force: Bool
    private let written = SanitizerVisibleMutex(0)
    private let observed = SanitizerVisibleMutex(Set<String>())

    public init(directory: String, force: Bool = false) {
        self.directory = directory
        self.force = force
    }

    /// Every source file the checks have read, as absolute paths: what `--watch` watches.
    public var observedSources: [String] { observed.withLock { $0.sorted() } }

    func observe(_ paths: [String]) {
        observed.withLock { $0.formUnion(paths) }
    }

    func path(_ key: String) -> String {
        directory + "/up-to-date/" + ContentHash.of(key).hex + ".json"
    }

    /// The record of the task with this key, if there is one that can be read.
    func load(_ key: String) -> UpToDateRecord? {
        guard let bytes = try? LocalFile.read(path(key)) else { return nil }
        return UpToDateRecord(json: bytes)
    }

    /// Writes a task's record; false when it could not (the task then runs next time).
    @discardableResult
    func save(_ record: UpToDateRecord, key: String) -> Bool {
        let target = path(key)
        let folder = directory + "/up-to-date"
        for dir in [directory, folder] where mkdir(dir, 0o755) != 0 && errno != EEXIST { return false }
        let n = written.withLock { count -> Int in
            count += 1
            return count
        }
        let temporary = "\(target).\(getpid()).\(n).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        var ok = FileDescriptorWriter.writeAll(fd, Array(record.json(key: key).utf8)[...])
        if close(fd) != 0 { ok = false }
        if ok, rename(temporary, target) == 0 { return true }
        unlink(temporary)
        return false
    }
}
