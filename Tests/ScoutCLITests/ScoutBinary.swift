import Glibc
import Scout

/// Runs the built `scout` binary as a user would, capturing what it prints.
struct ScoutBinary {
    /// What a run printed and how it ended.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// The `scout` next to the test bundle (both are built into the same folder).
    static let path: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let exe = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        var dir = exe
        while let slash = dir.lastIndex(of: "/") {
            dir = String(dir[..<slash])
            if access(dir + "/scout", X_OK) == 0 { return dir + "/scout" }
        }
        return ".build/debug/scout"
    }()

    /// The repository's root (three levels above this file).
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// Runs `scout ARGS` in `directory` with `stdin`, NO_COLOR set and extra environment.
    static func run(_ args: [String], in directory: String? = nil, stdin: String? = nil, environment: [String: String] = [:], timeout: Duration = .seconds(60)) async throws -> Run {
        var env = environment
        env["NO_COLOR"] = env["NO_COLOR"] ?? "1"
        let spec = ProcessSpec(
            program: .argv([path] + args), workingDirectory: directory ?? root, environmentOverrides: env,
            input: stdin.map { .bytes(Array($0.utf8)) } ?? .null, timeout: timeout)
        let outcome = try await ProcessSupervisor.shared.run(spec)
        let status: Int32
        switch outcome.status {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return Run(status: status, stdout: String(decoding: outcome.stdout, as: UTF8.self), stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }
}
