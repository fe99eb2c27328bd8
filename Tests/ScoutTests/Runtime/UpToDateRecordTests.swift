import Glibc
import Testing
@testable import Scout

extension RuntimeTests {
    /// The pieces of the up-to-date check: the content hash, a record's comparison with the
    /// state now, and its file form.
    @Suite struct UpToDateRecordTests {
        @Test func theHashIsFNV1a() {
            var h = ContentHash()
            Array("a".utf8).withUnsafeBytes { h.add($0) }
            #expect(h.hex == "af63dc4c8601ec8c")
            #expect(ContentHash().hex == "cbf29ce484222325")
            // Strings are ended, so that their boundaries count.
            var ab = ContentHash()
            ab.add("ab")
            ab.add("c")
            var a = ContentHash()
            a.add("a")
            a.add("bc")
            #expect(ab != a)
        }

        @Test func aFileHashesItsContent() throws {
            let path = "/tmp/scout-hash-\(getpid())"
            defer { unlink(path) }
            for content in ["one\n", "two\n", ""] {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                _ = content.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, content.utf8.count) }
                close(fd)
                var expected = ContentHash()
                Array(content.utf8).withUnsafeBytes { expected.add($0) }
                expected.add(content.utf8.count)
                #expect(ContentHash.ofFile(path) == expected)
            }
            #expect(ContentHash.ofFile(path + ".missing") == nil)
        }

        @Test func stalenessNamesTheFirstDifference() {
            let old = UpToDateRecord(arguments: "x", files: [("a.c", "1"), ("b.c", "2"), ("c.c", "3")])
            #expect(old.staleness(against: old) == nil)
            #expect(old.staleness(against: UpToDateRecord(arguments: "y", files: old.files)) == "its command or arguments changed")
            #expect(old.staleness(against: UpToDateRecord(arguments: "x", files: [("a.c", "1"), ("b.c", "9"), ("c.c", "3")])) == "b.c changed")
            #expect(old.staleness(against: UpToDateRecord(arguments: "x", files: [("a.c", "1"), ("c.c", "3")])) == "b.c was removed")
            #expect(old.staleness(against: UpToDateRecord(arguments: "x", files: [("a.c", "1"), ("b.c", "2")])) == "c.c was removed")
            #expect(old.staleness(against: UpToDateRecord(arguments: "x", files: old.files + [("d.c", "4")])) == "d.c is new")
            #expect(old.staleness(against: UpToDateRecord(arguments: "x", files: [("0.c", "0")] + old.files)) == "0.c is new")
        }

        @Test func aRecordReadsBackAndAnythingElseIsNoRecord() {
            let record = UpToDateRecord(arguments: "5d18", files: [("a \"quoted\".c", "1"), ("b.c", "2")], exitCode: 0,
                                        output: .map(["n": 3]), stdout: "{\"n\": 3}\n", stderr: "", durationMs: 12)
            let text = record.json(key: "ci.scout\nbuild\n")
            #expect(UpToDateRecord(json: Array(text.utf8)) == record)
            #expect(UpToDateRecord(json: Array(text.utf8.dropLast(20))) == nil)
            #expect(UpToDateRecord(json: Array("{\"version\": 2}".utf8)) == nil)
            #expect(UpToDateRecord(json: []) == nil)
        }
    }
}
