// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Scout",
    products: [
        .library(name: "Scout", targets: ["Scout"]),
        .executable(name: "scout", targets: ["ScoutCLI"]),
    ],
    targets: [
        // Thin C shims over Linux system calls and macros Swift cannot import directly.
        .target(name: "CScoutSystem"),
        // The embeddable library: runtime, language, commands, processes.
        .target(name: "Scout", dependencies: ["CScoutSystem"]),
        // The `scout` command.
        .executableTarget(name: "ScoutCLI", dependencies: ["Scout", "CScoutSystem"]),
        .testTarget(name: "ScoutTests", dependencies: ["Scout", "CScoutSystem"]),
        .testTarget(name: "ScoutCLITests", dependencies: ["ScoutCLI", "Scout", "CScoutSystem"]),
    ]
)
