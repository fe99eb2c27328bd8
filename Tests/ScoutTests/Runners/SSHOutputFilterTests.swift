import Testing
@testable import Scout

/// The wrapper's marker lines are read out of a task's standard error however the chunks
/// fall, and nothing else is held back or lost.
@Suite struct SSHOutputFilterTests {
    static let pgid = Array("\u{1}scout-pgid 4242\n".utf8)
    static let exit = Array("\u{1}scout-exit 7\n".utf8)

    func filtered(_ chunks: [(OutputStreamKind, String)], discard: Bool = false) -> (OutputRecorder, SSHOutputFilter) {
        let recorder = OutputRecorder()
        let filter = SSHOutputFilter(onOutput: recorder.handler) { _ in }
        for (stream, text) in chunks { filter.feed(stream, Array(text.utf8)[...]) }
        filter.finish(discard: discard)
        return (recorder, filter)
    }

    @Test func markersAreTakenOutAndRead() {
        let (recorder, filter) = filtered([
            (.stderr, "\u{1}scout-pgid 4242\nerr 1\n"), (.stdout, "out\n"), (.stderr, "err 2\n\u{1}scout-exit 7\n"),
        ])
        #expect(ProcessTestSupport.text(recorder.bytes(.stderr)) == "err 1\nerr 2\n")
        #expect(ProcessTestSupport.text(recorder.bytes(.stdout)) == "out\n")
        #expect(filter.pgid == 4242)
        #expect(filter.exitStatus == 7)
    }

    @Test func everySplitOfTheStreamGivesTheSameResult() {
        let stream = Self.pgid + Array("a\u{1}b\nc".utf8) + Self.exit
        for cut1 in 0...stream.count {
            for cut2 in cut1...stream.count {
                let recorder = OutputRecorder()
                let filter = SSHOutputFilter(onOutput: recorder.handler) { _ in }
                filter.feed(.stderr, stream[..<cut1])
                filter.feed(.stderr, stream[cut1..<cut2])
                filter.feed(.stderr, stream[cut2...])
                filter.finish(discard: false)
                #expect(ProcessTestSupport.text(recorder.bytes(.stderr)) == "a\u{1}b\nc", "cut at \(cut1), \(cut2)")
                #expect(filter.exitStatus == 7)
                #expect(filter.pgid == 4242)
            }
        }
        #expect(SSHOutputFilter.strippingMarkers(stream) == Array("a\u{1}b\nc".utf8))
    }

    @Test func anUnfinishedLastLineIsNotHeldBack() {
        let recorder = OutputRecorder()
        let filter = SSHOutputFilter(onOutput: recorder.handler) { _ in }
        filter.feed(.stderr, Self.pgid[...])
        filter.feed(.stderr, Array("progress 50%".utf8)[...])
        #expect(ProcessTestSupport.text(recorder.bytes(.stderr)) == "progress 50%")
    }

    @Test func outputBeforeTheGroupMarkerWaitsForIt() {
        let recorder = OutputRecorder()
        let filter = SSHOutputFilter(onOutput: recorder.handler) { _ in }
        filter.feed(.stdout, Array("motd\n".utf8)[...])
        filter.feed(.stderr, Array("notice\n".utf8)[...])
        #expect(recorder.chunkCount == 0)
        filter.feed(.stderr, Self.pgid[...])
        #expect(ProcessTestSupport.text(recorder.bytes(.stdout)) == "motd\n")
        #expect(ProcessTestSupport.text(recorder.bytes(.stderr)) == "notice\n")
    }

    @Test func aFailedConnectionsComplaintIsDroppedWhenTheTaskMovesOn() {
        let (recorder, filter) = filtered([(.stderr, "ssh: connect to host x port 22: Connection refused\n")], discard: true)
        #expect(recorder.chunkCount == 0)
        #expect(filter.pgid == nil)
        #expect(SSHOutputFilter.lastLine(Array("one\r\nssh: connect to host x port 22: Connection refused\r\n\n".utf8))
            == "ssh: connect to host x port 22: Connection refused")
    }

    @Test func onlyWellFormedMarkersCount() {
        #expect(SSHOutputFilter.marker(in: Array("\u{1}scout-pgid 1".utf8)) == nil)
        #expect(SSHOutputFilter.marker(in: Array("\u{1}scout-pgid 0".utf8)) == nil)
        #expect(SSHOutputFilter.marker(in: Array("\u{1}scout-pgid x".utf8)) == nil)
        #expect(SSHOutputFilter.marker(in: Array("\u{1}scout-exit 255".utf8)) == .exit(255))
        #expect(SSHOutputFilter.marker(in: Array("\u{1}scout-nodir".utf8)) == .directoryMissing)
        #expect(SSHOutputFilter.marker(in: Array("scout-exit 3".utf8)) == nil)
    }
}
