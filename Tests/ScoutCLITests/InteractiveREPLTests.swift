import Glibc
import Scout
import Testing

extension REPLBinaryTests {
    /// The REPL on a pseudo-terminal, driven key by key as a person would: editing, history
    /// across sessions, completion, multi-line input, Ctrl-C, Ctrl-D, Ctrl-Z, resizing, and the
    /// terminal's mode put back however the session ends.
    @Suite struct InteractiveREPLTests {
        static let up = "\u{1B}[A"
        static let left = "\u{1B}[D"

        /// The lines of the screen from the last prompt on.
        static func afterLastPrompt(_ screen: VirtualScreen) -> [String] {
            let lines = screen.transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let last = lines.lastIndex(where: { $0.hasPrefix("scout> ") || $0 == "scout>" }) else { return [] }
            return Array(lines[last...])
        }

        /// The flags that raw mode changes, to compare modes.
        static func flags(_ t: termios) -> [UInt32] { [t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag] }

        @Test func editingALineAndSeeingValues() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let pty = try PseudoTerminal(directory: dir)
            try await pty.waitForPrompt(count: 1)
            #expect(pty.screen.transcript.contains(":help for help"))
            pty.send("print \"ac\"" + InteractiveREPLTests.left + InteractiveREPLTests.left + "b")
            try await pty.waitFor("the insert") { $0.cursorLine == "scout> print \"abc\"" && $0.column == 16 }
            pty.send("\r")
            try await pty.waitFor("the output") { $0.lines.contains("abc") }
            try await pty.waitForPrompt(count: 2)
            pty.send("{\"n\": 1 + 2, \"s\": \"x\"}\r")
            try await pty.waitFor("{\n  \"n\": 3,\n  \"s\": \"x\"\n}")
            pty.send("\u{04}")
            #expect(try await pty.waitForExit() == 0)
        }

        @Test func historyComesBackInTheNextSession() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let first = try PseudoTerminal(directory: dir)
            try await first.waitForPrompt(count: 1)
            first.send("let greeting = \"hi\"\r")
            try await first.waitForPrompt(count: 2)
            first.send("task b {\rprint greeting\r}\r")
            try await first.waitFor("= b: success")
            try await first.waitForPrompt(count: 3)
            first.send("\u{04}")
            #expect(try await first.waitForExit() == 0)
            let saved = try LocalFile.readText(dir + "/state/scout/history")
            #expect(saved == "let greeting = \"hi\"\ntask b {\\n  print greeting\\n}\n")

            let second = try PseudoTerminal(directory: dir)
            try await second.waitForPrompt(count: 1)
            second.send(InteractiveREPLTests.up)
            try await second.waitFor("the block from history") { InteractiveREPLTests.afterLastPrompt($0) == ["scout> task b {", "  ...>   print greeting", "  ...> }"] }
            second.send(InteractiveREPLTests.up)
            try await second.waitFor("the older entry") { $0.cursorLine == "scout> let greeting = \"hi\"" }
            second.send("\r")
            try await second.waitForPrompt(count: 2)
            second.send("greeting\r")
            try await second.waitFor("the variable") { $0.lines.contains("\"hi\"") }
            second.send("\u{12}gree")
            try await second.waitFor("the search") { $0.cursorLine.hasPrefix("(reverse-i-search)'gree': greeting") }
            second.send("\u{07}:q\r")
            #expect(try await second.waitForExit() == 0)
        }

        @Test func tabCompletesCommandsAndFields() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let pty = try PseudoTerminal(directory: dir)
            try await pty.waitForPrompt(count: 1)
            pty.send("prin\t")
            try await pty.waitFor("print and a space") { $0.cursorLine.hasPrefix("scout> print") && $0.column == 13 }
            pty.send("7\r")
            try await pty.waitFor("the print") { $0.lines.contains("7") }
            try await pty.waitForPrompt(count: 2)
            pty.send("task build { run \"echo hello\" }\r")
            try await pty.waitFor("= build: success")
            try await pty.waitForPrompt(count: 3)
            pty.send("build.\t\t")
            try await pty.waitFor("the list of fields") { screen in
                let lines = screen.lines
                let listed = lines.joined(separator: " ").split(separator: " ").map(String.init)
                return ["exit_code", "duration_ms", "status", "ok", "output"].allSatisfy(listed.contains) && screen.cursorLine == "scout> build."
            }
            pty.send("exi\t")
            try await pty.waitFor("exit_code") { $0.cursorLine == "scout> build.exit_code" }
            pty.send("\r")
            try await pty.waitFor("the field's value") { $0.lines.contains("0") }
            try await pty.waitForPrompt(count: 5)
            // In the middle of a line: the common prefix, then the list; the cursor stays put.
            pty.send("let builds = 2\r")
            try await pty.waitForPrompt(count: 6)
            pty.send("print bu + 1" + String(repeating: InteractiveREPLTests.left, count: 4) + "\t")
            try await pty.waitFor("the common prefix") { $0.cursorLine == "scout> print build + 1" && $0.column == 18 }
            pty.send("\t")
            try await pty.waitFor("the two names listed") { screen in
                screen.lines.contains { $0.hasPrefix("build ") && $0.hasSuffix("builds") } && screen.cursorLine == "scout> print build + 1" && screen.column == 18
            }
            pty.send("s\r")
            try await pty.waitFor("the sum") { $0.lines.contains("3") }
            pty.send(":q\r")
            #expect(try await pty.waitForExit() == 0)
        }

        @Test func anOpenBraceContinuesTheStatement() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let pty = try PseudoTerminal(directory: dir)
            try await pty.waitForPrompt(count: 1)
            pty.send("task greet {\r")
            try await pty.waitFor("the continuation prompt") { $0.cursorLine == "  ...>" && $0.column == 9 }
            pty.send("print \"inside\"\r")
            try await pty.waitFor("a second continuation line") { $0.cursorLine == "  ...>" && $0.column == 9 && $0.transcript.contains("  ...>   print \"inside\"") }
            #expect(!pty.screen.lines.contains("inside"), "nothing ran yet")
            pty.send("}\r")
            try await pty.waitFor("the block's output") { $0.lines.contains("inside") }
            try await pty.waitFor("= greet: success")
            pty.send("let xs = [1,\r2]\r")
            try await pty.waitForPrompt(count: 3)
            pty.send("xs\r")
            try await pty.waitFor("[\n  1,\n  2\n]")
            pty.send("\u{04}")
            #expect(try await pty.waitForExit() == 0)
        }

        @Test func controlCClearsTheLineAndInterruptsATask() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let pty = try PseudoTerminal(directory: dir)
            try await pty.waitForPrompt(count: 1)
            pty.send("print \"no\"\u{03}")
            try await pty.waitFor("^C")
            try await pty.waitForPrompt(count: 2)
            pty.send("print \"yes\"\r")
            try await pty.waitFor("yes") { $0.lines.contains("yes") }
            #expect(!pty.screen.lines.contains("no"))
            try await pty.waitForPrompt(count: 3)
            pty.send("run \"sleep 30\"\r")
            try await Task.sleep(for: .milliseconds(500))
            pty.send("\u{03}")
            try await pty.waitFor("interrupted")
            try await pty.waitForPrompt(count: 4)
            pty.send("print \"still here\"\r")
            try await pty.waitFor("the session goes on") { $0.lines.contains("still here") }
            pty.send("\u{04}")
            #expect(try await pty.waitForExit() == 0)
        }

        @Test func theTerminalModeIsRestoredOnEveryWayOut() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let ways: [(String, (PseudoTerminal) -> Void, Int32)] = [
                ("Ctrl-U, Ctrl-D", { $0.send("\u{15}\u{04}") }, 0),
                (":quit", { $0.send("\u{15}:quit\r") }, 0),
                ("SIGTERM", { kill($0.pid, SIGTERM) }, 130),
                ("SIGHUP", { kill($0.pid, SIGHUP) }, 130),
                ("SIGSEGV", { kill($0.pid, SIGSEGV) }, 128 + SIGSEGV),
            ]
            for (name, leave, expected) in ways {
                let pty = try PseudoTerminal(directory: dir)
                let before = InteractiveREPLTests.flags(pty.initialMode)
                try await pty.waitForPrompt(count: 1)
                let raw = pty.mode
                #expect(raw.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0, "raw at the prompt (\(name))")
                pty.send("print 1")
                try await pty.waitFor("the typing") { $0.cursorLine == "scout> print 1" }
                leave(pty)
                #expect(try await pty.waitForExit() == expected, "\(name)")
                #expect(InteractiveREPLTests.flags(pty.mode) == before, "the mode after \(name)")
                let written = String(decoding: pty.output, as: UTF8.self)
                let pasteOn = written.ranges(of: "\u{1B}[?2004h").last?.lowerBound
                let pasteOff = written.ranges(of: "\u{1B}[?2004l").last?.lowerBound
                #expect(pasteOn != nil && pasteOff != nil && pasteOff! > pasteOn!, "bracketed paste off after \(name)")
            }
        }

        @Test func controlZGivesTheTerminalBackAndTheInputSurvives() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let pty = try PseudoTerminal(directory: dir)
            let before = InteractiveREPLTests.flags(pty.initialMode)
            try await pty.waitForPrompt(count: 1)
            pty.send("print \"kept\"")
            try await pty.waitFor("the typing") { $0.cursorLine == "scout> print \"kept\"" }
            // The test's child leads its own session, so its process group is orphaned and the
            // kernel drops the stop; the terminal is restored, then raw mode and the input return.
            pty.send("\u{1A}")
            try await pty.waitFor("the input drawn again") { $0.transcript.occurrences(of: "scout> print \"kept\"") == 2 && $0.cursorLine == "scout> print \"kept\"" }
            #expect(InteractiveREPLTests.flags(pty.mode) != before)
            pty.send("\r")
            try await pty.waitFor("the output") { $0.lines.contains("kept") }
            pty.send("\u{04}")
            #expect(try await pty.waitForExit() == 0)
            #expect(InteractiveREPLTests.flags(pty.mode) == before)
        }

        @Test func wideCharactersWrapAndResizingRedraws() async throws {
            let dir = CommandLineTests.temporaryDirectory()
            let pty = try PseudoTerminal(directory: dir, columns: 20)
            try await pty.waitForPrompt(count: 1)
            // 7 columns of prompt and 9 of `let s = "`; 日 and 本 fill the row to 20 columns,
            // so 語 starts the next one.
            pty.send("let s = \"日本語🎉\"")
            try await pty.waitFor("the wrapped input") { screen in
                let rows = InteractiveREPLTests.afterLastPrompt(screen)
                return rows == ["scout> let s = \"日本", "語🎉\""] && screen.column == 5
            }
            pty.send(InteractiveREPLTests.left + InteractiveREPLTests.left + InteractiveREPLTests.left)
            try await pty.waitFor("the cursor on 語") { $0.column == 0 && $0.cursorLine == "語🎉\"" }
            pty.send(InteractiveREPLTests.left)
            try await pty.waitFor("the cursor on 本") { $0.column == 18 }
            pty.resize(rows: 24, columns: 40)
            try await pty.waitFor("one row at 40 columns") { screen in
                InteractiveREPLTests.afterLastPrompt(screen) == ["scout> let s = \"日本語🎉\""] && screen.column == 18
            }
            pty.send("\r")
            try await pty.waitForPrompt(count: 2)
            pty.send("s\r")
            try await pty.waitFor("\"日本語🎉\"")
            pty.send("\u{04}")
            #expect(try await pty.waitForExit() == 0)
        }
    }
}
