import Testing
@testable import Scout

/// The `srun` command line, the `--time` format and the job names, without a cluster.
@Suite struct SlurmStepCommandTests {
    @Test func aShellLineWithEverySettingAndNoInput() throws {
        let settings = SlurmSettings(partition: "debug", cpus: 2, memory: "100M", time: .seconds(300), flags: ["--qos=short"])
        let args = try SlurmStepCommand.arguments(
            srun: "/usr/bin/srun", jobName: "scout-1-a-1-build", settings: settings, spec: ProcessSpec(program: .shell("make all")))
        #expect(args == [
            "/usr/bin/srun", "--job-name=scout-1-a-1-build", "--ntasks=1", "--partition=debug", "--cpus-per-task=2",
            "--mem=100M", "--time=0-00:05:00", "--qos=short", "--export=ALL", "--input=none", "--quiet",
            "/bin/sh", "-c", "make all",
        ])
    }

    @Test func anArgvWithInputAndADirectoryRunsBehindTheDirectoryGuard() throws {
        let spec = ProcessSpec(program: .argv(["wc", "-l"]), workingDirectory: "/data/run 1", input: .bytes([65]))
        let args = try SlurmStepCommand.arguments(srun: "srun", jobName: "n", settings: SlurmSettings(), spec: spec)
        #expect(args == [
            "srun", "--job-name=n", "--ntasks=1", "--chdir=/data/run 1", "--export=ALL", "--quiet",
            "/bin/sh", "-c", SlurmStepCommand.directoryGuard, "scout-slurm-chdir", "/data/run 1", "wc", "-l",
        ])
        #expect(throws: ProcessError.emptyArgv) {
            try SlurmStepCommand.arguments(srun: "srun", jobName: "n", settings: SlurmSettings(), spec: ProcessSpec(program: .argv([])))
        }
    }

    @Test func timeLimitsAreWholeSecondsRoundedUp() {
        #expect(SlurmTimeLimit.format(.seconds(300)) == "0-00:05:00")
        #expect(SlurmTimeLimit.format(.milliseconds(1500)) == "0-00:00:02")
        #expect(SlurmTimeLimit.format(.zero) == "0-00:00:01")
        let longest: Int64 = 2 * 86_400 + 3 * 3_600 + 4 * 60 + 5
        #expect(SlurmTimeLimit.format(.seconds(longest)) == "2-03:04:05")
    }

    @Test func jobNamesAreUniqueShareTheRunnersPrefixAndAreSafe() {
        let names = SlurmJobNames(processID: 42, nonce: 0xbeef)
        #expect(names.prefix == "scout-42-beef-")
        #expect(names.next(label: "build app") == "scout-42-beef-1-build_app")
        #expect(names.next(label: "") == "scout-42-beef-2")
        #expect(names.next(label: "a|b;c$(x)é.v_1-2") == "scout-42-beef-3-a_b_c__x__.v_1-2")
        #expect(SlurmJobNames.sanitised(String(repeating: "x", count: 500)).count == SlurmJobNames.labelLimit)
    }
}
