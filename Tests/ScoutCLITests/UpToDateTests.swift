import Glibc
import Scout
import Testing

/// `sources` and `generates`: on a small project whose tasks concatenate files, a second run
/// skips what is up to date and runs what changed, through the binary.
@Suite struct UpToDateTests {
    /// A project of three parts, each built from its own source into `out/`, then a task that
    /// needs them all. Every task that runs appends its name to `runs.log`.
    static func project() -> String {
        let dir = CommandLineTests.temporaryDirectory()
        mkdir(dir + "/src", 0o755)
        mkdir(dir + "/out", 0o755)
        for part in ["a", "b", "c"] { CommandLineTests.write("part \(part)\n", to: "\(dir)/src/\(part).txt") }
        CommandLineTests.write("""
            use cwd(script_dir)
            param suffix = ""
            parallel for part in ["a", "b", "c"] {
              run "cat src/${part}.txt > out/${part}.txt && echo ${part}${suffix} >> runs.log" sources "src/${part}.txt" generates "out/${part}.txt" store as made
              print "${part}: ${made.status} ${made.up_to_date}"
            }
            task bundle sources "out/*.txt" generates "out/bundle.txt" {
              run "cat out/a.txt out/b.txt out/c.txt > out/bundle.txt && echo bundle >> runs.log && echo bundled"
            }
            print "bundle: ${bundle.status} ${bundle.up_to_date} ${bundle.exit_code} ${bundle.output}"
            """, to: dir + "/build.scout")
        return dir
    }

    static func log(_ dir: String) -> [String] {
        ((try? LocalFile.readText(dir + "/runs.log")) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aSecondRunSkipsWhatIsUpToDateAndRunsWhatChanged() async throws {
        let dir = UpToDateTests.project()
        let first = try await ScoutBinary.run([dir + "/build.scout"])
        #expect(first.status == 0, "\(first)")
        #expect(UpToDateTests.log(dir).sorted() == ["a", "b", "bundle", "c"], "\(first)")

        let second = try await ScoutBinary.run([dir + "/build.scout"])
        #expect(second.status == 0, "\(second)")
        #expect(UpToDateTests.log(dir).count == 4, "nothing ran again: \(second)")
        // The skipped task keeps the result of the run that made it up to date.
        #expect(second.stdout.contains("b: skipped true\n"), "\(second)")
        #expect(second.stdout.contains("bundle: skipped true 0 bundled\n"), "\(second)")
        #expect(second.stderr.contains("up to date: 1 source unchanged, its output exists"), "\(second)")

        // One input touched: its part runs, and the bundle, whose sources it changed.
        CommandLineTests.write("part b, edited\n", to: dir + "/src/b.txt")
        let third = try await ScoutBinary.run([dir + "/build.scout"])
        #expect(third.status == 0, "\(third)")
        #expect(Array(UpToDateTests.log(dir).dropFirst(4)) == ["b", "bundle"], "\(third)")
        #expect((try? LocalFile.readText(dir + "/out/bundle.txt")) == "part a\npart b, edited\npart c\n")
    }

    @Test func deletingAnOutputRunsItsTaskAndADryRunSaysWhy() async throws {
        let dir = UpToDateTests.project()
        _ = try await ScoutBinary.run([dir + "/build.scout"])
        unlink(dir + "/out/bundle.txt")
        let plan = try await ScoutBinary.run(["--dry-run", dir + "/build.scout"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("would skip: made [part=a]: up to date: 1 source unchanged, its output exists"), "\(plan)")
        #expect(plan.stdout.contains("not up to date: bundle: out/bundle.txt does not exist\nwould run: bundle: run cat out/a.txt"), "\(plan)")
        #expect(UpToDateTests.log(dir).count == 4, "a dry run runs nothing")

        let run = try await ScoutBinary.run([dir + "/build.scout"])
        #expect(run.status == 0, "\(run)")
        #expect(Array(UpToDateTests.log(dir).dropFirst(4)) == ["bundle"], "\(run)")
    }

    @Test func changedArgumentsAndForceRunTasksAgain() async throws {
        let dir = UpToDateTests.project()
        _ = try await ScoutBinary.run([dir + "/build.scout"])
        let changed = try await ScoutBinary.run([dir + "/build.scout", "--suffix", "2"])
        #expect(changed.status == 0, "\(changed)")
        #expect(Array(UpToDateTests.log(dir).dropFirst(4)).sorted() == ["a2", "b2", "c2"], "the command line changed: \(changed)")

        let forced = try await ScoutBinary.run(["--force", dir + "/build.scout", "--suffix", "2"])
        #expect(forced.status == 0, "\(forced)")
        #expect(Array(UpToDateTests.log(dir).dropFirst(7)).sorted() == ["a2", "b2", "bundle", "c2"], "\(forced)")
        let after = try await ScoutBinary.run([dir + "/build.scout", "--suffix", "2"])
        #expect(UpToDateTests.log(dir).count == 11, "--force keeps its records: \(after)")
    }

    @Test func aFailedRunIsNotRecordedAndABrokenRecordIsNoRecord() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("x\n", to: dir + "/in.txt")
        CommandLineTests.write("""
            use cwd(script_dir)
            run "echo ran >> runs.log; test -f ok" sources "in.txt" store as step
            """, to: dir + "/flaky.scout")
        let failed = try await ScoutBinary.run([dir + "/flaky.scout"])
        #expect(failed.status == 1, "\(failed)")
        CommandLineTests.write("", to: dir + "/ok")
        for _ in 0..<2 { _ = try await ScoutBinary.run([dir + "/flaky.scout"]) }
        #expect(UpToDateTests.log(dir) == ["ran", "ran"], "a failure is not up to date; the success after it is")

        for name in LocalFile.names(inDirectory: dir + "/.scout/up-to-date") {
            CommandLineTests.write("{\"version\": 1, \"argum", to: dir + "/.scout/up-to-date/" + name)
        }
        let broken = try await ScoutBinary.run([dir + "/flaky.scout"])
        #expect(broken.status == 0, "\(broken)")
        #expect(UpToDateTests.log(dir).count == 3, "a record cut short is no record: \(broken)")
    }

    @Test func sourcesThatAreNotPathsAreAnErrorAtTheirPlace() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("run \"true\" sources \"a.txt\", 3\n", to: dir + "/bad.scout")
        let run = try await ScoutBinary.run([dir + "/bad.scout"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("bad.scout:1:29"), "\(run)")
        #expect(run.stderr.contains("sources needs paths or globs as strings, not 3"), "\(run)")
        #expect(run.stderr.contains("^"), "\(run)")
    }

    @Test func aTaskThatNeedsAnUpToDateOneStillRuns() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("x\n", to: dir + "/in.txt")
        CommandLineTests.write("""
            use cwd(script_dir)
            parallel {
              task generate sources "in.txt" generates "gen.txt" { run "cp in.txt gen.txt && echo generate >> runs.log" }
              task publish needs generate { run "echo publish >> runs.log" }
            }
            """, to: dir + "/needs.scout")
        for _ in 0..<2 {
            let run = try await ScoutBinary.run([dir + "/needs.scout"])
            #expect(run.status == 0, "\(run)")
        }
        #expect(UpToDateTests.log(dir) == ["generate", "publish", "publish"])
    }

    @Test func theClausesFormatAndCheck() async throws {
        let dir = CommandLineTests.temporaryDirectory()
        CommandLineTests.write("task   build sources \"src/*.c\",\"Makefile\" generates [\"app\"]{\nrun \"make\"\n}\n", to: dir + "/f.scout")
        let format = try await ScoutBinary.run(["fmt", dir + "/f.scout"])
        #expect(format.status == 0, "\(format)")
        #expect((try? LocalFile.readText(dir + "/f.scout")) == "task build sources \"src/*.c\", \"Makefile\" generates [\"app\"] {\n  run \"make\"\n}\n")
        let check = try await ScoutBinary.run(["check", dir + "/f.scout"])
        #expect(check.status == 0, "\(check)")
        let help = try await ScoutBinary.run(["help", "sources"])
        #expect(help.status == 0 && help.stdout.contains("up to date"), "\(help)")
    }
}
