/// The `ssh` command lines of an SSH pool and the small `/bin/sh` programs they carry: the
/// wrapper a task's command runs under on the host, and the one that ends a remote process
/// group.
///
/// The wrapper writes marker lines to standard error, each starting with the byte 0x01:
/// `scout-pgid PID` first (the remote shell sshd starts is a session and process-group
/// leader, and the wrapper is that shell), `scout-exit N` with the command's status at the
/// end, or `scout-nodir` when the working directory is missing. After the command it kills
/// what is left of its process group, itself included, as a local run does with its group.
enum SSHCommandLine {
    /// What every marker line starts with (after the 0x01 byte).
    static let markerPrefix: [UInt8] = [1] + Array("scout-".utf8)

    /// `ssh` and the options every invocation gets: no terminal, no prompts, the pool's
    /// config file and extra options, and the control socket of `controlPath` (without a
    /// master there, ssh connects directly).
    static func client(_ settings: SSHSettings, controlPath: String) -> [String] {
        var argv = ["ssh", "-T", "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=\(controlPath)"]
        if let file = settings.configFile { argv += ["-F", file] }
        return argv + settings.options
    }

    /// The master connection to `host`: no command, no persisting in the background (it
    /// stays the supervisor's child until it is stopped).
    static func master(_ settings: SSHSettings, host: String, controlPath: String) -> [String] {
        var argv = ["ssh", "-M", "-N", "-T", "-o", "ControlPersist=no", "-o", "ControlPath=\(controlPath)", "-o", "BatchMode=yes"]
        if let file = settings.configFile { argv += ["-F", file] }
        return argv + settings.options + ["--", host]
    }

    /// `ssh -O check`: succeeds once the master at `controlPath` accepts sessions.
    static func check(_ settings: SSHSettings, host: String, controlPath: String) -> [String] {
        var argv = ["ssh", "-O", "check", "-o", "ControlPath=\(controlPath)", "-o", "BatchMode=yes"]
        if let file = settings.configFile { argv += ["-F", file] }
        return argv + settings.options + ["--", host]
    }

    /// The ssh argv that runs `spec` on `host` under the wrapper.
    static func task(_ spec: ProcessSpec, settings: SSHSettings, host: String, controlPath: String) -> [String] {
        // With no input of its own, the command's stdin on the host is the watchdog's: ssh's
        // stdin is held open here (``ProcessSpec/Input/held``) and ends only if Scout dies.
        var there = spec
        there.workingDirectory = settings.workdir ?? spec.workingDirectory
        let watchdog = spec.input == .null
        return client(settings, controlPath: controlPath) + ["--", host, remote(wrapper(there, making: settings.workdir != nil, watchdog: watchdog))]
    }

    /// A local `/bin/sh` program that copies `spec.uploads` (from the task's directory here)
    /// to the task's directory on `host` (``SSHSettings/workdir``, else the same path),
    /// through one tar archive; its status is the copy's.
    static func upload(_ spec: ProcessSpec, settings: SSHSettings, host: String, controlPath: String) -> [String] {
        let directory = settings.workdir ?? spec.workingDirectory
        let unpack = (directory.map { "mkdir -p \(quotedPath($0)) && cd \(quotedPath($0)) && " } ?? "") + "tar -xf -"
        let ssh = (client(settings, controlPath: controlPath) + ["--", host, remote(unpack)]).map(ShellQuote.quote).joined(separator: " ")
        let files = spec.uploads.map(ShellQuote.quote).joined(separator: " ")
        return ["/bin/sh", "-c", #"t=$(mktemp) && tar -cf "$t" -- \#(files) && \#(ssh) < "$t"; s=$?; rm -f "$t"; exit $s"#]
    }

    /// A local `/bin/sh` program that copies `spec.downloads` back from the task's directory
    /// on `host` into the task's directory here; its status is the copy's.
    static func download(_ spec: ProcessSpec, settings: SSHSettings, host: String, controlPath: String) -> [String] {
        let directory = settings.workdir ?? spec.workingDirectory
        let files = spec.downloads.map(ShellQuote.quote).joined(separator: " ")
        let pack = (directory.map { "cd \(quotedPath($0)) && " } ?? "") + "tar -cf - -- " + files
        let ssh = (client(settings, controlPath: controlPath) + ["-n", "--", host, remote(pack)]).map(ShellQuote.quote).joined(separator: " ")
        return ["/bin/sh", "-c", #"t=$(mktemp) && \#(ssh) > "$t" && tar -xf "$t"; s=$?; rm -f "$t"; exit $s"#]
    }

    /// A path as one shell word that no command takes for an option.
    static func quotedPath(_ path: String) -> String {
        ShellQuote.quote(path.hasPrefix("-") ? "./" + path : path)
    }

    /// The ssh argv that sends `signal` to process group `pgid` on `host` (`kill -TERM
    /// -PGID`, without `--`, which dash's kill does not take).
    static func kill(_ settings: SSHSettings, host: String, controlPath: String, pgid: Int32, signal: String) -> [String] {
        client(settings, controlPath: controlPath) + ["-n", "--", host, remote("kill -\(signal) -\(pgid) 2>/dev/null")]
    }

    /// A `/bin/sh` program for the host's login shell, whichever shell that is.
    static func remote(_ script: String) -> String {
        "exec /bin/sh -c " + ShellQuote.quote(script)
    }

    /// The wrapper around `spec`'s command (see the type's summary).
    static func wrapper(_ spec: ProcessSpec, making: Bool = false, watchdog: Bool = false) -> String {
        var parts = [#"printf '\001scout-pgid %s\n' "$$" >&2"#]
        if let directory = spec.workingDirectory {
            let path = quotedPath(directory)
            let make = making ? "mkdir -p \(path) 2>/dev/null; " : ""
            parts.append(#"\#(make)cd \#(path) 2>/dev/null || { printf '\001scout-nodir\n' >&2; exit 1; }"#)
        }
        if watchdog {
            // The channel's stdin ends only when the ssh here is gone (Scout was killed): then
            // the watchdog ends the command's whole group. The command reads /dev/null.
            // (`&` ends the watchdog's list: the command follows it without a `;`.)
            parts.append(#"exec 3<&0 </dev/null; { cat <&3 >/dev/null 2>&1; kill -KILL -$$; } >/dev/null 2>&1 & "#
                         + command(spec) + " 3<&-")
        } else {
            parts.append(command(spec))
        }
        parts.append(#"s=$?; printf '\001scout-exit %s\n' "$s" >&2; kill -KILL 0; exit "$s""#)
        return parts.joined(separator: "; ")
    }

    /// The command itself: the environment overrides through `env`, then `/bin/sh -c LINE`
    /// or the argv.
    static func command(_ spec: ProcessSpec) -> String {
        var words: [String] = []
        if !spec.environmentOverrides.isEmpty {
            words.append("env")
            for key in spec.environmentOverrides.keys.sorted() {
                words.append(ShellQuote.quote("\(key)=\(spec.environmentOverrides[key] ?? "")"))
            }
        }
        switch spec.program {
        case .shell(let line): words += ["/bin/sh", "-c", ShellQuote.quote(line)]
        case .argv(let argv): words += argv.map(ShellQuote.quote)
        }
        return words.joined(separator: " ")
    }
}
