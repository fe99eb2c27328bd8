import Glibc
import Scout

/// Processes alive on this machine, read from /proc (zombies excluded).
public enum LiveProcesses {
    /// The pids of live processes whose command line contains `needle`.
    public static func matching(_ needle: String) -> [Int32] {
        var pids: [Int32] = []
        for name in LocalFile.names(inDirectory: "/proc") {
            guard let pid = Int32(name), pid != getpid() else { continue }
            guard let cmdline = try? LocalFile.read("/proc/\(pid)/cmdline"), !cmdline.isEmpty else { continue }
            let commandLine = String(decoding: cmdline.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            guard commandLine.contains(needle) else { continue }
            // The state is the field after the parenthesised name in /proc/PID/stat; Z is a zombie.
            if let stat = try? LocalFile.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") {
                let state = stat[stat.index(after: close)...].drop(while: { $0 == " " }).first
                if state == "Z" { continue }
            }
            pids.append(pid)
        }
        return pids
    }

    /// Waits until no live process's command line contains `needle`; false when one is still
    /// there after `limit`. A SIGKILLed process takes a moment to die, longer on a busy machine.
    public static func noneLeft(matching needle: String, within limit: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !matching(needle).isEmpty {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Waits until at least `count` live processes' command lines contain `needle`; false when
    /// there are fewer after `limit`.
    @discardableResult
    public static func running(_ count: Int = 1, matching needle: String, within limit: Duration = .seconds(60)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while matching(needle).count < count {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}
