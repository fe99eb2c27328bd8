import Testing
@testable import Scout

/// The ssh command lines and the remote wrapper, as text (the sshd tests run them).
@Suite struct SSHCommandLineTests {
    @Test func aTaskGetsBatchModeNoTerminalTheControlSocketAndThePoolsOptions() {
        let settings = SSHSettings(hosts: ["n1"], configFile: "/etc/scout/ssh", options: ["-o", "ConnectTimeout=5"])
        let argv = SSHCommandLine.task(ProcessSpec(program: .shell("true")), settings: settings, host: "n1", controlPath: "/tmp/s/0.0.1")
        // No -n: ssh's stdin is held open here and feeds the host's watchdog.
        #expect(Array(argv.prefix(12)) == [
            "ssh", "-T", "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=/tmp/s/0.0.1",
            "-F", "/etc/scout/ssh", "-o", "ConnectTimeout=5",
        ])
        #expect(argv.count == 15 && argv[12] == "--" && argv[13] == "n1")
        #expect(argv.last?.hasPrefix("exec /bin/sh -c '") == true)
        #expect(argv.last?.contains("cat <&3") == true, "the watchdog reads ssh's input")
        let withInput = SSHCommandLine.task(ProcessSpec(program: .shell("cat"), input: .bytes([1])), settings: settings, host: "n1", controlPath: "p")
        #expect(!withInput.contains("-n") && withInput.last?.contains("cat <&3") == false, "a command's own input is its own: no watchdog")
    }

    @Test func theMasterStaysInTheForeground() {
        let argv = SSHCommandLine.master(SSHSettings(hosts: ["n1"]), host: "n1", controlPath: "/tmp/s/0.0.1")
        #expect(argv == ["ssh", "-M", "-N", "-T", "-o", "ControlPersist=no", "-o", "ControlPath=/tmp/s/0.0.1", "-o", "BatchMode=yes", "--", "n1"])
    }

    @Test func theWrapperCarriesDirectoryEnvironmentAndCommandQuoted() {
        let spec = ProcessSpec(program: .shell("echo \"$A\" it's"), workingDirectory: "/srv/a b", environmentOverrides: ["B": "2", "A": "x y"])
        #expect(SSHCommandLine.wrapper(spec) == #"printf '\001scout-pgid %s\n' "$$" >&2; "#
            + #"cd '/srv/a b' 2>/dev/null || { printf '\001scout-nodir\n' >&2; exit 1; }; "#
            + #"env 'A=x y' B=2 /bin/sh -c 'echo "$A" it'\''s'; "#
            + #"s=$?; printf '\001scout-exit %s\n' "$s" >&2; kill -KILL 0; exit "$s""#)
        #expect(SSHCommandLine.command(ProcessSpec(program: .argv(["printf", "%s", "a b"]))) == "printf %s 'a b'")
    }

    @Test func aRemoteGroupIsSignalledWithoutDoubleDash() {
        let argv = SSHCommandLine.kill(SSHSettings(hosts: ["n1"]), host: "n1", controlPath: "p", pgid: 4242, signal: "TERM")
        #expect(argv.suffix(4) == ["-n", "--", "n1", "exec /bin/sh -c 'kill -TERM -4242 2>/dev/null'"])
    }
}
