import Glibc
import Scout
import Testing

/// Every sample in `samples/` runs through the real binary with the stdout and exit status
/// its `.stdout` file and `# exit:` line expect.
@Suite struct SampleTests {
    static let samples: [String] = {
        let dir = ScoutBinary.root + "/samples"
        var names: [String] = []
        for name in LocalFile.names(inDirectory: dir) {
            if name.hasSuffix(".scout") || (name.hasSuffix(".json") && access(dir + "/" + name.replacing(".json", with: ".stdout"), F_OK) == 0) {
                names.append(name)
            }
        }
        return names.sorted()
    }()

    @Test func thereAreSamples() {
        #expect(SampleTests.samples.count >= 10)
    }

    @Test(arguments: SampleTests.samples)
    func sampleRunsAsExpected(_ name: String) async throws {
        let dir = ScoutBinary.root + "/samples"
        let script = try LocalFile.readText(dir + "/" + name)
        // A sample that needs a program (`# needs: python3`) is skipped, saying so, without it.
        for line in script.split(separator: "\n") where line.hasPrefix("# needs: ") {
            let program = String(line.dropFirst(9)).filter { !$0.isWhitespace }
            let path = getenv("PATH").map { String(cString: $0) } ?? ""
            if !path.split(separator: ":").contains(where: { access("\($0)/\(program)", X_OK) == 0 }) {
                print("skipped \(name): \(program) is missing (apt-get install \(program))")
                return
            }
        }
        let stem = String(name[..<name.lastIndex(of: ".")!])
        let expected = try LocalFile.readText(dir + "/" + stem + ".stdout")
        // The expected exit status: a `# exit: N` line in a script, or a NAME.status file.
        var status: Int32 = 0
        for line in script.split(separator: "\n") where line.hasPrefix("# exit: ") {
            status = Int32(line.dropFirst(8)) ?? 0
        }
        if let text = try? LocalFile.readText(dir + "/" + stem + ".status") {
            status = Int32(text.filter(\.isNumber)) ?? status
        }
        // The words after the script's name: a `# args: ...` line.
        var words: [String] = []
        for line in script.split(separator: "\n") where line.hasPrefix("# args: ") {
            words = line.dropFirst(8).split(separator: " ").map(String.init)
        }
        let run = try await ScoutBinary.run([name] + words, in: dir)
        #expect(run.stdout == expected, "\(name)\n\(run)")
        #expect(run.status == status, "\(name)\n\(run)")
    }

    @Test(arguments: SampleTests.samples.filter { $0.hasSuffix(".scout") })
    func sampleChecksClean(_ name: String) async throws {
        let run = try await ScoutBinary.run(["check", name], in: ScoutBinary.root + "/samples")
        #expect(run.status == 0, "\(name)\n\(run)")
    }
}
