/// What to run as a child process, and how: program, directory, environment, input, limits.
package struct ProcessSpec: Sendable {
    /// The program to start.
    package enum Program: Sendable, Equatable {
        /// `/bin/sh -c STRING`.
        case shell(String)
        /// No shell: `argv[0]` is looked up in the child's `PATH` when it has no slash.
        case argv([String])
    }

    /// Where the child's standard input comes from.
    package enum Input: Sendable, Equatable {
        /// `/dev/null` (the default).
        case null
        /// These bytes, written through a pipe that is closed after the last byte.
        case bytes([UInt8])
        /// The parent's own standard input. The child runs in its own process group, so if
        /// that input is a terminal, reading it stops the child with SIGTTIN.
        case inherit
        /// A pipe nothing is written to, held open until the child has exited: the child
        /// reads end-of-file only if this program dies first (a liveness signal, such as
        /// what ends a remote command when its `ssh` is gone).
        case held
    }

    /// The program to start.
    package var program: Program
    /// The child's working directory; `nil` inherits the parent's.
    package var workingDirectory: String?
    /// The child's whole environment; `nil` inherits the parent's environment.
    package var environment: [String: String]?
    /// Variables set on top of whichever environment the child gets.
    package var environmentOverrides: [String: String]
    /// The child's standard input.
    package var input: Input
    /// How long the child may run before its process group is sent SIGTERM (then SIGKILL).
    package var timeout: Duration?
    /// How long to wait after SIGTERM before SIGKILL, on timeout or cancellation.
    package var killGrace: Duration
    /// Bytes kept per output stream: the last `captureLimit` bytes are kept.
    package var captureLimit: Int
    /// How long to wait, once the child has exited, for its pipes to reach end-of-file
    /// (a background grandchild may hold them open) before closing them anyway.
    package var outputDrainGrace: Duration
    /// Files a runner on another machine copies there before the command, and back after
    /// it (`upload:`, `download:`): paths relative to the working directory. A local runner
    /// has them already.
    package var uploads: [String] = []
    package var downloads: [String] = []

    /// Creates a specification; only `program` is required.
    package init(
        program: Program,
        workingDirectory: String? = nil,
        environment: [String: String]? = nil,
        environmentOverrides: [String: String] = [:],
        input: Input = .null,
        timeout: Duration? = nil,
        killGrace: Duration = .seconds(2),
        captureLimit: Int = 1 << 20,
        outputDrainGrace: Duration = .milliseconds(100)
    ) {
        self.program = program
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.environmentOverrides = environmentOverrides
        self.input = input
        self.timeout = timeout
        self.killGrace = killGrace
        self.captureLimit = captureLimit
        self.outputDrainGrace = outputDrainGrace
    }
}
