#if canImport(Glibc)
import Glibc
#endif

/// The files of one ``SlurmArrayBatch`` chunk: a fresh directory, written before the job
/// and read after it, then removed.
struct SlurmArrayFiles {
    /// The chunk's directory.
    let directory: String
    let count: Int

    /// The per-index files, by suffix.
    static let suffixes = [".sh", ".in", ".out", ".err", ".status"]

    /// Makes a fresh directory under `parent` for `count` indexes.
    init(under parent: String, count: Int) throws(RunnerError) {
        var template = Array((parent + "/scout-array-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .engine("cannot make a directory for a Slurm array job under \(parent): " + String(cString: strerror(errno)))
        }
        directory = String(cString: made)
        chmod(directory, 0o755)
        self.count = count
    }

    func path(_ index: Int, _ suffix: String) -> String { directory + "/\(index)" + suffix }

    var jobScript: String { directory + "/job.sh" }

    /// Writes `bytes` to `path`.
    func write(_ bytes: [UInt8], to path: String) throws(RunnerError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .engine("cannot write \(path): " + String(cString: strerror(errno))) }
        defer { close(fd) }
        guard FileDescriptorWriter.writeAll(fd, bytes[...]) else {
            throw .engine("cannot write \(path): " + String(cString: strerror(errno)))
        }
    }

    /// The last `limit` bytes of the file at `path` and how many bytes before them were
    /// left out; nothing when it cannot be read.
    func tail(_ path: String, limit: Int) -> (bytes: [UInt8], dropped: Int) {
        guard let all = try? LocalFile.read(path) else { return ([], 0) }
        guard all.count > limit else { return (all, 0) }
        return (Array(all.suffix(limit)), all.count - limit)
    }

    /// The exit status `INDEX.status` holds, or nil when the index never finished.
    func status(_ index: Int) -> Int32? {
        guard let text = try? LocalFile.readText(path(index, ".status")) else { return nil }
        return Int32(text.filter { !$0.isWhitespace })
    }

    /// Removes every file of the chunk and its directory.
    func remove() {
        for index in 0..<count {
            for suffix in Self.suffixes { unlink(path(index, suffix)) }
        }
        unlink(jobScript)
        rmdir(directory)
    }
}
