import Synchronization
@testable import Scout
#if canImport(Glibc)
import Glibc
#endif

/// Helpers for process tests: reading /proc, waiting for groups to die, collecting output.
enum ProcessTestSupport {
    /// The pids of processes in group `pgid` that are alive (not zombies).
    ///
    /// `kill(-pgid, 0)` cannot tell: a killed background process whose parent died is
    /// re-parented to PID 1, and while PID 1 has not reaped it (this machine's init never
    /// does) it still counts as a member of the group.
    static func liveMembers(ofGroup pgid: Int32) -> [Int32] {
        var members: [Int32] = []
        for name in LocalFile.names(inDirectory: "/proc") {
            guard let pid = Int32(name), let stat = readFile("/proc/\(pid)/stat") else { continue }
            // "pid (comm) state ppid pgrp ..." — comm may hold spaces and parentheses.
            guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = stat[(close + 2)...].split(separator: UInt8(ascii: " "))
            guard fields.count > 2 else { continue }
            let state = fields[0].first
            let group = Int32(String(decoding: fields[2], as: UTF8.self))
            if group == pgid && state != UInt8(ascii: "Z") && state != UInt8(ascii: "X") {
                members.append(pid)
            }
        }
        return members
    }

    /// Waits (up to `limit`) until group `pgid` has no live member; true if it has none.
    /// SIGKILL is delivered asynchronously, so a member may take a moment to die.
    static func groupIsGone(_ pgid: Int32, within limit: Duration = .seconds(10)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while true {
            if liveMembers(ofGroup: pgid).isEmpty { return true }
            if clock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// True when no process with this pid exists any more (reaped).
    static func processIsGone(_ pid: Int32) -> Bool {
        kill(pid, 0) == -1 && errno == ESRCH
    }

    /// A whole small file, or nil.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }

    /// A fresh empty directory under /tmp.
    static func makeTemporaryDirectory() -> String {
        var template = Array("/tmp/scout-process-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return String(cString: path!)
    }

    /// `count` pseudo-random bytes: a random block of a prime length (so its period lines
    /// up with no pipe or page size) repeated by copying, which is fast even unoptimised.
    static func patternBytes(count: Int) -> [UInt8] {
        var generator = SplitMix64(seed: 7)
        let block = (0..<4093).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var result: [UInt8] = []
        result.reserveCapacity(count + block.count)
        while result.count < count { result.append(contentsOf: block) }
        result.removeLast(result.count - count)
        return result
    }

    /// The output of `seq 1 n`.
    static func seqOutput(_ n: Int) -> [UInt8] {
        var result: [UInt8] = []
        for number in 1...n {
            result.append(contentsOf: String(number).utf8)
            result.append(10)
        }
        return result
    }

    /// Bytes of a string.
    static func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

    /// A string of bytes.
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
