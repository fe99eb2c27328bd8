import Glibc
import Scout
import ScoutTestSupport
import Testing

/// Any volume and shape of task output reaches stdout whole and in order, with scout's
/// memory bounded: a long line with no newline, and many parallel tasks held back while
/// another streams. Peak memory is read with `/usr/bin/time -f %M` (Debian's `time`).
@Suite struct OutputVolumeTests {
    static let timeTool = "/usr/bin/time"

    /// Runs `scout -q ARGS script` under `/usr/bin/time` with stdout to a file, then `check`
    /// (a shell command reading that file as `$out`); returns what `check` printed, scout's
    /// exit status and its peak memory in KiB.
    static func measure(_ script: String, _ args: [String] = [], check: String) async throws -> (checked: String, peakKiB: Int, status: Int32) {
        guard await RequiredTool.time.require() else { return ("", -1, -1) }
        let dir = CommandLineTests.temporaryDirectory()
        defer { unlink(dir + "/out") }
        CommandLineTests.write(script, to: dir + "/volume.scout")
        let command = ([timeTool, "-f", "%M", "-o", dir + "/peak", ScoutBinary.path, "-q"] + args + [dir + "/volume.scout"])
            .map { ShellQuote.quote($0) }.joined(separator: " ")
        let shell = "\(command) > \(dir)/out; echo $? > \(dir)/status; out=\(dir)/out; \(check)"
        let outcome = try await ProcessSupervisor.shared.run(ProcessSpec(program: .argv(["bash", "-c", shell]), environmentOverrides: ["NO_COLOR": "1"], timeout: .seconds(600)))
        let read = { (name: String) in (try? LocalFile.readText(dir + "/" + name)) ?? "" }
        let peak = Int(read("peak").split(separator: "\n").last.map(String.init) ?? "") ?? -1
        return (String(decoding: outcome.stdout, as: UTF8.self), peak, Int32(read("status").filter(\.isNumber)) ?? -1)
    }

    @Test(.requires(.time), .enabled(if: Sanitizer.none, "a sanitizer multiplies the memory this test bounds"))
    func memoryStaysFlatHoweverManyTasksALoopRuns() async throws {
        func loop(_ n: Int) -> String { "let r = null\nfor i in range(\(n)) {\n  print i if i >= 0 store as r\n}\nprint r.output\n" }
        let small = try await OutputVolumeTests.measure(loop(4000), check: #"tail -n 1 "$out""#)
        let large = try await OutputVolumeTests.measure(loop(60000), check: #"tail -n 1 "$out"; wc -l < "$out""#)
        #expect(small.status == 0 && large.status == 0)
        #expect(large.checked == "59999\n60001\n")
        // Each task used to keep its result twice (about 0.6 KiB a task: 35 MiB more here).
        #expect(small.peakKiB > 0 && large.peakKiB < small.peakKiB + 4 << 10, "4,000 tasks: \(small.peakKiB) KiB; 60,000: \(large.peakKiB) KiB")
    }

    @Test(.requires(.time), .enabled(if: Sanitizer.none, "a sanitizer multiplies the memory this test bounds"))
    func aLongLineWithoutANewlineIsStreamedInBoundedMemory() async throws {
        let r = try await OutputVolumeTests.measure(#"run "head -c 67108864 /dev/zero | tr '\\0' x""#,
                                                    check: #"wc -c < "$out"; tr -d x < "$out" | wc -c"#)
        #expect(r.status == 0)
        #expect(r.checked == "67108864\n0\n")
        #expect(r.peakKiB > 0 && r.peakKiB < 64 << 10, "peak \(r.peakKiB) KiB")
    }

    @Test(.requires(.time), .enabled(if: Sanitizer.none, "a sanitizer multiplies the memory this test bounds"))
    func parallelOutputIsHeldOnDiskAndComesOutWhole() async throws {
        // 16 tasks of 5 MB each in lines of 100; each writes its own letter. No line mixes
        // two letters, and every letter's 5,000,000 bytes arrive. (Memory grows with the
        // number of tasks, not with their output: each result keeps the last MiB of stdout.)
        let r = try await OutputVolumeTests.measure("""
            parallel for c in ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p"] {
              run "head -c 5000000 /dev/zero | tr '\\\\0' ${c} | fold -w 100; echo"
            }
            """, check: #"wc -c < "$out"; awk '/./ {c = substr($0, 1, 1); if ($0 !~ "^" c "+$") mixed++; n[c] += length($0)} END {print mixed + 0; for (k in n) if (n[k] == 5000000) whole++; print whole}' "$out""#)
        #expect(r.status == 0)
        #expect(r.checked == "\(16 * 5_050_000)\n0\n16\n")
        #expect(r.peakKiB > 0 && r.peakKiB < 64 << 10, "peak \(r.peakKiB) KiB")
    }

    @Test(.requires(.time), .enabled(if: Sanitizer.none, "a sanitizer multiplies the memory this test bounds"))
    func prefixedKeepsALongLineWholeInBoundedMemory() async throws {
        let r = try await OutputVolumeTests.measure("""
            parallel {
              run "head -c 20000000 /dev/zero | tr '\\\\0' x" store as long
              run "for i in 1 2 3; do echo short; sleep 0.1; done" store as short
            }
            """, ["--output", "prefixed"], check: #"wc -c < "$out"; grep -c '^\[short\] short$' "$out"; grep '^\[long\] ' "$out" | tr -d '\n' | wc -c"#)
        #expect(r.status == 0)
        #expect(r.checked == "\(20_000_000 + "[long] \n".count + 3 * "[short] short\n".count)\n3\n\(20_000_000 + "[long] ".count)\n")
        #expect(r.peakKiB > 0 && r.peakKiB < 64 << 10, "peak \(r.peakKiB) KiB")
    }
}
