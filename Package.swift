// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Scout",
    products: [
        .library(name: "Scout", targets: ["Scout"]),
        .executable(name: "scout", targets: ["ScoutCLI"]),
        .executable(name: "scout-bench", targets: ["ScoutBenchmarks"]),
        .executable(name: "scout-embedding-sample", targets: ["EmbeddingSample"]),
    ],
    targets: [
        // Thin C shims over Linux system calls and macros Swift cannot import directly.
        .target(name: "CScoutSystem"),
        // The embeddable library: runtime, language, commands, processes.
        .target(name: "Scout", dependencies: ["CScoutSystem"]),
        // What the `scout` command records before main (the descriptors it inherited).
        .target(name: "CScoutStartup"),
        // `scout lsp`: the language server, over the language's own lexer, parser and checker.
        .target(name: "ScoutLanguageServer", dependencies: ["Scout"]),
        // The `scout` command.
        .executableTarget(name: "ScoutCLI", dependencies: ["Scout", "ScoutLanguageServer", "CScoutSystem", "CScoutStartup"]),
        // `swift run -c release scout-bench`: speed against the tools people would use instead.
        // It starts the daemons the runners' rows need as the tests do (ScoutTestSupport).
        .executableTarget(name: "ScoutBenchmarks", dependencies: ["Scout", "ScoutLanguageServer", "ScoutTestSupport"]),
        // A host program embedding Scout with commands of its own (samples/embedding).
        .executableTarget(name: "EmbeddingSample", dependencies: ["Scout"], path: "samples/embedding", exclude: ["triage.scout"]),
        // Helpers shared by the test targets.
        .target(name: "ScoutTestSupport", dependencies: ["Scout"], path: "Tests/ScoutTestSupport"),
        .testTarget(name: "ScoutTests", dependencies: ["Scout", "CScoutSystem", "ScoutTestSupport"]),
        .testTarget(name: "ScoutLanguageServerTests", dependencies: ["ScoutLanguageServer", "Scout"]),
        .testTarget(name: "ScoutCLITests", dependencies: ["ScoutCLI", "Scout", "ScoutTestSupport", "EmbeddingSample", "CScoutSystem"]),
    ]
)
