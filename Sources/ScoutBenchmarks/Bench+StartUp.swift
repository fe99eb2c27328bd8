import Glibc

/// Row 5: start-up, a shebang script with one print, against a one-line `just` recipe.
extension Bench {
    func startup(into report: inout Report) {
        let script = shebangScript()
        let environment = scoutOnPath()
        let count = repetitions * 5
        // Executed directly, as a user runs it: the kernel starts /usr/bin/env, which finds scout on PATH.
        let justfile = write("justfile", "hello:\n    @echo hello\n")
        var bodies = [{ Child.run([script], stdout: "/dev/null", environment: environment) }, { Child.run([self.scout, script], stdout: "/dev/null") }]
        if let just = Child.which("just") { bodies.append { Child.run([just, "--justfile", justfile, "hello"], stdout: "/dev/null") } }
        let all = Samples.alternating(count, bodies)
        let direct = all[0], binary = all[1], just = all.count > 2 ? all[2] : nil
        heading("start-up: a script with one print (medians of \(count))")
        detail("./hello.scout (#!/usr/bin/env scout, scout on PATH)", Figure.ms(direct.median))
        detail("scout hello.scout", Figure.ms(binary.median))
        if let just { detail("just, a one-line recipe", Figure.ms(just.median)) }
        let ratio = just.map { direct.median / $0.median }
        report.add(GoalRow(
            workload: "start-up: a shebang script with one `print`, run as `./hello.scout`",
            scout: Figure.ms(direct.median),
            peer: just.map { "`just`, a one-line recipe: " + Figure.ms($0.median) } ?? "not installed (pip install rust-just)",
            ratio: Figure.ratio(ratio), goal: "≤ 1.0", met: verdict(ratio, atMost: 1.0)))
    }

    /// hello.scout, executable, starting with `#!/usr/bin/env scout`.
    func shebangScript() -> String {
        let script = write("hello.scout", "#!/usr/bin/env scout\nprint \"hello\"\n")
        chmod(script, 0o755)
        return script
    }

    /// This process's environment with the bench's bin directory first on PATH, where `scout`
    /// links to the binary measured.
    func scoutOnPath() -> [String] {
        let bin = dir + "/bin"
        mkdir(bin, 0o755)
        unlink(bin + "/scout")
        symlink(scout.hasPrefix("/") ? scout : Bench.currentDirectory() + "/" + scout, bin + "/scout")
        var environment: [String] = []
        var i = 0
        while let entry = environ[i] {
            let text = String(cString: entry)
            environment.append(text.hasPrefix("PATH=") ? "PATH=" + bin + ":" + text.dropFirst(5) : text)
            i += 1
        }
        if !environment.contains(where: { $0.hasPrefix("PATH=") }) { environment.append("PATH=" + bin + ":/usr/bin:/bin") }
        return environment
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { Child.fail("cannot read the working directory") }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
