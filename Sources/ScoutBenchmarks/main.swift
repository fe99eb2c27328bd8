import Glibc
import Scout

// scout-bench: Scout's speed against what people would use instead, measured in one run.
//
//   swift build -c release --static-swift-stdlib
//   swift run -c release scout-bench            # add --quick for fewer repetitions
//
// Peers that are missing are named with the command that installs them:
//   pip install rust-just        apt-get install make python3

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
let scoutPath = arguments.firstIndex(of: "--scout").map { arguments[$0 + 1] } ?? ".build/release/scout"

guard access(scoutPath, X_OK) == 0 else {
    print("scout-bench: \(scoutPath) not found; build it first: swift build -c release --static-swift-stdlib")
    exit(2)
}

let bench = Bench(scout: scoutPath, repetitions: quick ? 3 : 10)
if let only = arguments.firstIndex(of: "--only").map({ arguments[$0 + 1] }) {
    // One workload, once: for profiling (valgrind --tool=callgrind scout-bench --only library).
    await bench.runOnly(only)
} else {
    await bench.runAll()
}
