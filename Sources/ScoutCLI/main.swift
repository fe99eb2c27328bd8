import CScoutSystem
import Glibc
import Scout

// A low `ulimit -Sn` would fail parallel tasks that the hard limit allows.
_ = cscout_raise_open_file_limit()

// Under a tight `ulimit -v` the thread pool would wait forever for room for a stack.
let addressSpaceLimit = cscout_address_space_too_small(3, 16 << 20)
if addressSpaceLimit > 0 {
    FileDescriptorWriter.writeAll(
        2, "scout: error: the address-space limit (ulimit -v \(addressSpaceLimit)) leaves no room for scout's threads; allow more (such as ulimit -v \(addressSpaceLimit + 65536))\n")
    exit(1)
}

/// Runs the command and exits from the thread that ran it: returning to the top level would
/// wait for the main queue, which libdispatch serves with a thread of its own started for
/// that one step (a measurable part of a short script's start-up).
nonisolated func runAndExit(_ args: [String]) async -> Never {
    exit(await ScoutTool.main(args))
}

await runAndExit(Array(CommandLine.arguments.dropFirst()))
