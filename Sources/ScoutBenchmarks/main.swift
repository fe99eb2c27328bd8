import Glibc
import Scout

// scout-bench: issue 11's goals, Scout against what people would use instead, in one run.
//
//   swift build -c release --static-swift-stdlib
//   .build/release/scout-bench                  # --quick: fewer repetitions
//   .build/release/scout-bench --markdown       # the summary as a Markdown table
//   .build/release/scout-bench --only script    # one workload once, for a profiler
//   .build/release/scout-bench --only library --tasks 20000
//
// Peers that are missing are named with the command that installs them:
//   pip install rust-just        apt-get install make python3 parallel openssh-server openssh-client
//   apt-get install slurmctld slurmd slurm-client munge (the Slurm rows run as root)

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == Child.measureOption { Child.measureAndPrint(Array(arguments.dropFirst())) }

func value(of option: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: option) else { return nil }
    guard i + 1 < arguments.count else { Child.fail("\(option) needs a value") }
    return arguments[i + 1]
}

let known: Set = ["--quick", "--markdown", "--only", "--tasks", "--scout"]
let valued: Set = ["--only", "--tasks", "--scout"]
for (i, a) in arguments.enumerated() where !known.contains(a) && !(i > 0 && valued.contains(arguments[i - 1])) {
    Child.fail("unknown option \(a); options: --quick, --markdown, --only NAME [--tasks N], --scout PATH")
}

let scoutPath = value(of: "--scout", in: arguments) ?? ".build/release/scout"
guard access(scoutPath, X_OK) == 0 else {
    Child.fail("\(scoutPath) not found; build it first: swift build -c release --static-swift-stdlib")
}

let bench = Bench(scout: scoutPath, quick: arguments.contains("--quick"))
if let only = value(of: "--only", in: arguments) {
    let tasks = value(of: "--tasks", in: arguments).map { text in
        guard let n = Int(text), n >= 0 else { Child.fail("--tasks takes a number, not \(text)") }
        return n
    }
    await bench.runOnly(only, tasks: tasks)
} else {
    await bench.runAll(markdown: arguments.contains("--markdown"))
}
