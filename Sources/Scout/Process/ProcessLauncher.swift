import CScoutSystem
#if canImport(Glibc)
import Glibc
#endif

/// Spawns a child for a `ProcessSpec` with `posix_spawn` on the calling thread.
///
/// Every pipe is made with `pipe2(O_CLOEXEC)` (so a child never inherits another child's
/// pipes) and moved to a descriptor >= 3 (so the child's dup2 onto 0, 1 and 2 cannot
/// clobber one of them when the parent runs with a standard descriptor closed).
enum ProcessLauncher {
    /// Descriptors left free for the runtime (a launch that would leave fewer waits).
    static let reservedDescriptors = 16

    /// Spawns the child described by `spec`; throws if it could not be started.
    static func launch(_ spec: ProcessSpec) throws(ProcessError) -> LaunchedChild {
        if let directory = spec.workingDirectory {
            var info = stat()
            guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw .workingDirectoryNotFound(directory)
            }
        }

        let environment = childEnvironment(spec)
        let (path, arguments) = try resolveProgram(spec, searchPath: environment.searchPath)
        let displayName = arguments.first ?? path

        var opened: [Int32] = []
        func fail(_ code: Int32) -> ProcessError {
            for fd in opened { close(fd) }
            return .spawnFailed(program: displayName, errno: code)
        }

        guard let stdoutPipe = makePipe() else { throw fail(errno) }
        opened += [stdoutPipe.read, stdoutPipe.write]
        guard let stderrPipe = makePipe() else { throw fail(errno) }
        opened += [stderrPipe.read, stderrPipe.write]
        var stdinPipe: (read: Int32, write: Int32)?
        var stdinBytes: [UInt8] = []
        var childStdin = CSCOUT_STDIN_NULL
        var heldStdin: (read: Int32, write: Int32)?
        switch spec.input {
        case .null:
            break
        case .inherit:
            childStdin = CSCOUT_STDIN_INHERIT
        case .bytes(let bytes):
            guard let pipe = makePipe() else { throw fail(errno) }
            opened += [pipe.read, pipe.write]
            stdinPipe = pipe
            stdinBytes = bytes
            childStdin = pipe.read
        case .held:
            guard let pipe = makePipe() else { throw fail(errno) }
            opened += [pipe.read, pipe.write]
            heldStdin = pipe
            childStdin = pipe.read
        }
        // A few descriptors stay free: the runtime opens files now and then (libdispatch's
        // thread-pool monitor reads /proc, and ends the process when it cannot). Descriptors
        // are handed out lowest first, so a high one means the table is nearly full.
        let limit = cscout_open_file_limit()
        if limit > 0, let highest = opened.max(), Int(highest) >= limit - reservedDescriptors { throw fail(EMFILE) }
        for fd in [stdoutPipe.read, stderrPipe.read] + (stdinPipe.map { [$0.write] } ?? []) {
            let flags = fcntl(fd, F_GETFL)
            if flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 { throw fail(errno) }
        }

        let argv = CStringArray(arguments)
        var pid: pid_t = 0
        let spawnTime = MonotonicTime.now()
        let rc: Int32 = argv.withUnsafePointer { argvPointer in
            func spawn(_ envp: UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
                if let directory = spec.workingDirectory {
                    return cscout_spawn(&pid, path, argvPointer, envp, directory,
                                        childStdin, stdoutPipe.write, stderrPipe.write)
                }
                return cscout_spawn(&pid, path, argvPointer, envp, nil,
                                    childStdin, stdoutPipe.write, stderrPipe.write)
            }
            if let block = environment.block {
                return block.withUnsafePointer { spawn($0) }
            }
            return spawn(UnsafePointer(environ))
        }
        if rc != 0 { throw fail(rc) }

        // The child has its copies; the parent keeps only its own ends.
        close(stdoutPipe.write)
        close(stderrPipe.write)
        if let stdinPipe { close(stdinPipe.read) }
        if let heldStdin { close(heldStdin.read) }
        opened = [stdoutPipe.read, stderrPipe.read] + (stdinPipe.map { [$0.write] } ?? []) + (heldStdin.map { [$0.write] } ?? [])

        // The child cannot be reaped by anyone else before this (we are its only reaper,
        // and SIGCHLD is not ignored), so the pid still names it even if it already exited.
        let pidfd = cscout_pidfd_open(pid)
        if pidfd < 0 {
            let code = errno
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            throw fail(code)
        }

        var bytesToWrite = stdinBytes
        var stdinFD = stdinPipe?.write ?? -1
        if stdinFD >= 0 && bytesToWrite.isEmpty {
            close(stdinFD)  // Empty input: the child sees end-of-file at once.
            stdinFD = -1
            bytesToWrite = []
        }
        return LaunchedChild(
            pid: pid, pidfd: pidfd, stdoutFD: stdoutPipe.read, stderrFD: stderrPipe.read,
            stdinFD: stdinFD, stdinBytes: bytesToWrite, heldStdinFD: heldStdin?.write ?? -1, spawnTime: spawnTime)
    }

    /// The executable path and argv for the spec's program.
    static func resolveProgram(
        _ spec: ProcessSpec, searchPath: String?
    ) throws(ProcessError) -> (path: String, arguments: [String]) {
        switch spec.program {
        case .shell(let command):
            return ("/bin/sh", ["/bin/sh", "-c", command])
        case .argv(let arguments):
            guard let name = arguments.first else { throw .emptyArgv }
            guard let path = ExecutableLocator.locate(
                name, searchPath: searchPath, workingDirectory: spec.workingDirectory)
            else { throw .commandNotFound(name) }
            return (path, arguments)
        }
    }

    /// The child's `envp` (nil: pass the parent's `environ` unchanged) and its `PATH`.
    static func childEnvironment(_ spec: ProcessSpec) -> (block: CStringArray?, searchPath: String?) {
        let overrides = spec.environmentOverrides
        if let replacement = spec.environment {
            var merged = replacement
            merged.merge(overrides) { _, new in new }
            let entries = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }
            return (CStringArray(entries), merged["PATH"])
        }
        if overrides.isEmpty {
            return (nil, getenv("PATH").map { String(cString: $0) })
        }
        // The parent's environment in its own order, overridden variables replaced at the end.
        var entries: [String] = []
        var searchPath: String?
        var cursor = environ
        while let entry = cursor.pointee {
            let string = String(cString: entry)
            let name = string.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if overrides[String(name)] == nil {
                entries.append(string)
                if name == "PATH" { searchPath = String(string.dropFirst(5)) }
            }
            cursor += 1
        }
        for name in overrides.keys.sorted() {
            entries.append("\(name)=\(overrides[name]!)")
        }
        return (CStringArray(entries), overrides["PATH"] ?? searchPath)
    }

    /// A close-on-exec pipe whose two ends are both >= 3; nil with errno set on failure.
    static func makePipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        guard cscout_pipe_cloexec(&fds) == 0 else { return nil }
        for index in 0..<2 where fds[index] < 3 {
            let moved = fcntl(fds[index], F_DUPFD_CLOEXEC, Int32(3))
            let code = errno
            close(fds[index])
            if moved < 0 {
                close(fds[1 - index])
                errno = code
                return nil
            }
            fds[index] = moved
        }
        return (fds[0], fds[1])
    }
}
