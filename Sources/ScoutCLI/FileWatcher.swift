import Glibc
import Scout

/// Changes to files, through Linux's inotify: a watch on each directory that holds a watched
/// file (only those files' names count) or on each directory of a watched tree (every name
/// counts but hidden ones and `node_modules`; directories made later are watched too).
final class FileWatcher: Sendable {
    private let fd: Int32
    /// What each watch descriptor watches: its directory, and the names that count (nil: all).
    private let watches = SanitizerVisibleMutex<[Int32: Watch]>([:])

    private struct Watch {
        var directory: String
        var names: Set<String>?
    }

    init?() {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
    }

    deinit { close(fd) }

    private static let events = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB)

    /// Watches these files (absolute paths): a change to one of them, or its replacement by
    /// a new file of the same name (as editors save), counts.
    func watch(files: [String]) {
        var byDirectory: [String: Set<String>] = [:]
        for path in files {
            guard let slash = path.lastIndex(of: "/") else { continue }
            let directory = slash == path.startIndex ? "/" : String(path[..<slash])
            byDirectory[directory, default: []].insert(String(path[path.index(after: slash)...]))
        }
        for (directory, names) in byDirectory { add(directory, names: names) }
    }

    /// Watches a directory and the directories under it.
    func watch(tree directory: String, depth: Int = 0) {
        guard depth < 32, add(directory, names: nil) else { return }
        for name in LocalFile.names(inDirectory: directory) where FileWatcher.counts(name) {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            var st = stat()
            if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { watch(tree: path, depth: depth + 1) }
        }
    }

    /// True when `path` is the file this process's stdout or stderr writes to.
    static func isOwnOutput(_ path: String) -> Bool {
        var file = stat()
        guard stat(path, &file) == 0 else { return false }
        for fd: Int32 in [1, 2] {
            var st = stat()
            if fstat(fd, &st) == 0, st.st_dev == file.st_dev, st.st_ino == file.st_ino { return true }
        }
        return false
    }

    /// Whether a name in a watched tree counts.
    static func counts(_ name: String) -> Bool { !name.hasPrefix(".") && name != "node_modules" }

    @discardableResult
    private func add(_ directory: String, names: Set<String>?) -> Bool {
        let wd = inotify_add_watch(fd, directory, FileWatcher.events)
        guard wd >= 0 else { return false }
        watches.withLock { all in
            if let names, let oldNames = all[wd]?.names {
                all[wd] = Watch(directory: directory, names: oldNames.union(names))
            } else {
                all[wd] = Watch(directory: directory, names: names)
            }
        }
        return true
    }

    /// The paths that changed since the last call, without waiting.
    func changes() -> [String] {
        var out: [String] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return out }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + header)..<min(n, offset + header + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + length
                guard let watch = watches.withLock({ $0[wd] }) else { continue }
                if let names = watch.names {
                    guard names.contains(name) else { continue }
                } else if !name.isEmpty, !FileWatcher.counts(name) {
                    continue
                }
                let path = name.isEmpty ? watch.directory : watch.directory + "/" + name
                // Where this process writes its own output (`scout --watch ci.scout > build.log`) is not a change.
                if FileWatcher.isOwnOutput(path) { continue }
                // A directory made in a watched tree is watched from now on.
                if watch.names == nil, mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    self.watch(tree: path)
                }
                out.append(path)
            }
        }
    }
}
