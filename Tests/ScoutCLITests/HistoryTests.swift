import Glibc
@testable import ScoutCLI
import Scout
import Testing

/// The history file: where it is, how entries are written, bounds, persistence.
@Suite(.serialized) struct HistoryTests {
    static func temporaryPath(_ name: String = "history") -> String {
        CommandLineTests.temporaryDirectory() + "/" + name
    }

    @Test func entriesSurviveARestart() throws {
        let path = HistoryTests.temporaryPath()
        var h = History(path: path)
        h.add("let a = 1")
        h.add("task b {\n  run \"echo \\\"hi\\\"\\n\"\n}")
        h.add("print a")
        let again = History(path: path)
        #expect(again.entries == ["let a = 1", "task b {\n  run \"echo \\\"hi\\\"\\n\"\n}", "print a"])
        #expect(try LocalFile.readText(path).split(separator: "\n").count == 3, "one line an entry")
    }

    @Test func blanksAndRepeatsAreNotKept() {
        var h = History(path: nil)
        h.add("print 1")
        h.add("print 1")
        h.add("   ")
        h.add("")
        h.add("print 2")
        h.add("print 1")
        #expect(h.entries == ["print 1", "print 2", "print 1"])
    }

    @Test func onlyTheLastEntriesAreKeptAndTheFileStaysBounded() throws {
        let path = HistoryTests.temporaryPath()
        var h = History(path: path, limit: 5)
        for i in 1...23 { h.add("print \(i)") }
        #expect(h.entries == (19...23).map { "print \($0)" })
        let lines = try LocalFile.readText(path).split(separator: "\n")
        #expect(lines.count < 10)
        #expect(lines.last == "print 23")
        #expect(History(path: path, limit: 5).entries == h.entries)
        #expect(History(path: path, limit: 2).entries == ["print 22", "print 23"])
    }

    @Test func encodingKeepsBackslashesAndLineBreaksApart() {
        let entries = ["a\nb", "a\\nb", "\\", "print \"\\\\\"\n\n", "日本\t🎉"]
        for entry in entries {
            let line = History.encode(entry)
            #expect(!line.contains("\n"))
            #expect(History.decode(line) == entry)
        }
        #expect(History.decode("odd \\q and end \\") == "odd \\q and end \\")
    }

    @Test func theFileIsPrivateAndItsFolderIsMade() {
        let path = CommandLineTests.temporaryDirectory() + "/state/scout/history"
        var h = History(path: path)
        h.add("print 1")
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
    }

    @Test func whereTheHistoryLives() {
        func path(_ env: [String: String]) -> String? { History.defaultPath { env[$0] } }
        #expect(path(["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/scout/history")
        #expect(path(["XDG_STATE_HOME": "relative", "HOME": "/h/"]) == "/h/.scout_history")
        #expect(path(["HOME": "/h"]) == "/h/.scout_history")
        #expect(path([:]) == nil)
    }
}
