import Testing
@testable import Scout

/// The ssh command lines and the remote wrapper, as text (the sshd tests run them).
@Suite struct SSHCommandLineTests {
    @Test func aTaskGetsBatchModeNoTerminalTheControlSocketAndThePoolsOptions() {
        let settings = SSHSettings(hosts: ["n1"], configFile: "/etc/scout/ssh", options: ["-o", "ConnectTimeout=5"])
        let argv = SSHCommandLine.task(ProcessSpec(program: .shell("true")), settings: settings, host: "n1", controlPath: "/tmp/s/0.0.1")
        #expect(Array(argv.prefix(13)) == [
            "ssh", "-T", "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o", "ControlPath=/tmp/s/0.0.1",
            "-F", "/etc/scout/ssh", "-o", "ConnectTimeout=5", "-n",
        ])
        #expect(argv[13] == "--" && argv[14] == "n1")
        #expect(argv[15].hasPrefix("exec /bin/sh -c '"))
        let withInput = SSHCommandLine.task(ProcessSpec(program: .shell("cat"), input: .bytes([1])), settings: settings, host: "n1", controlPath: "p")
        #expect(!withInput.contains("-n"))
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
