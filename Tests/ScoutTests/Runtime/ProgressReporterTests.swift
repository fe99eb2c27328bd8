import Testing
@testable import Scout

extension RuntimeTests {
    /// `ProgressReporter` and `ProgressEvent`: handlers, filters, streams, history, NDJSON.
    @Suite struct ProgressReporterTests {
        typealias Support = RuntimeTestSupport

        static func event(_ id: String, _ status: Status, _ message: String = "") -> ProgressEvent {
            ProgressEvent(taskId: id, status: status, message: message, timestamp: 0)
        }

        @Test func statusNamesAreTheGuides() {
            #expect(Status.allCases.map(\.rawValue) == ["running", "success", "failure", "skipped", "retry", "circuit_open", "complete"])
        }

        @Test func handlersRunInRegistrationOrderAndCanFilterByStatus() async {
            let reporter = ProgressReporter()
            let seen = SanitizerVisibleMutex<[String]>([])
            reporter.on { e in seen.withLock { $0.append("all \(e.taskId)") } }
            reporter.on(.complete) { e in seen.withLock { $0.append("complete \(e.taskId)") } }
            reporter.on { e in seen.withLock { $0.append("all2 \(e.taskId)") } }
            await reporter.emit(Self.event("task:0:a", .running))
            await reporter.emit(Self.event("batch:complete", .complete))
            #expect(seen.withLock { $0 } == [
                "all task:0:a", "all2 task:0:a",
                "all batch:complete", "complete batch:complete", "all2 batch:complete",
            ])
        }

        @Test func aRemovedHandlerHearsNothingMore() async {
            let reporter = ProgressReporter()
            let count = SanitizerVisibleMutex(0)
            let id = reporter.on { _ in count.withLock { $0 += 1 } }
            await reporter.emit(Self.event("a", .running))
            reporter.remove(id)
            await reporter.emit(Self.event("b", .running))
            #expect(count.withLock { $0 } == 1)
            #expect(reporter.history.count == 2)
        }

        @Test func historyKeepsTheMostRecentEvents() async {
            let reporter = ProgressReporter(historyLimit: 3)
            for i in 0..<10 { await reporter.emit(Self.event("task:\(i):x", .success)) }
            #expect(reporter.history.map(\.taskId) == ["task:7:x", "task:8:x", "task:9:x"])
            reporter.clearHistory()
            #expect(reporter.history.isEmpty)
            let none = ProgressReporter(historyLimit: 0)
            await none.emit(Self.event("a", .running))
            #expect(none.history.isEmpty)
        }

        @Test func aStreamReceivesEventsUntilFinish() async {
            let reporter = ProgressReporter()
            await reporter.emit(Self.event("before", .running))
            let stream = reporter.events()
            await reporter.emit(Self.event("task:0:a", .running))
            await reporter.emit(Self.event("task:0:a", .success))
            reporter.finish()
            await reporter.emit(Self.event("after", .complete))
            var ids: [String] = []
            for await e in stream { ids.append("\(e.taskId) \(e.status.rawValue)") }
            #expect(ids == ["task:0:a running", "task:0:a success"])
        }

        @Test func aStreamKeepsEveryEventEvenWithoutAHistory() async {
            let reporter = ProgressReporter(historyLimit: 0)
            let stream = reporter.events()
            for i in 0..<3 { await reporter.emit(Self.event("task:\(i):a", .success)) }
            reporter.finish()
            var ids: [String] = []
            for await e in stream { ids.append(e.taskId) }
            #expect(ids == ["task:0:a", "task:1:a", "task:2:a"])
        }

        @Test func anEventAsNDJSON() {
            let e = ProgressEvent(taskId: "task:2:deploy", status: .circuitOpen, message: "deploy not started",
                                  metadata: ValueMap([("state", "OPEN"), ("rejected", 1)]), timestamp: 1700000000.5)
            #expect(e.jsonLine() == #"{"task_id":"task:2:deploy","status":"circuit_open","message":"deploy not started","metadata":{"state":"OPEN","rejected":1},"timestamp":1700000000.5}"#)
            #expect(e.toValue()["status"] == "circuit_open")
        }

        @Test func anEventWithoutATimestampIsStampedNow() {
            let before = ProgressEvent.currentTime()
            let e = ProgressEvent(taskId: "x", status: .running, message: "")
            let after = ProgressEvent.currentTime()
            #expect(e.timestamp >= before && e.timestamp <= after)
        }

        @Test func theGuidesCompleteHandlerSeesTheMetadata() async throws {
            let reporter = ProgressReporter()
            let lines = SanitizerVisibleMutex<[String]>([])
            reporter.on { event in
                lines.withLock { $0.append("\(event.status.rawValue): \(event.message)") }
                if event.status == .complete {
                    lines.withLock { $0.append("Metadata: \(Value.map(event.metadata).jsonText())") }
                }
            }
            let runner = FakeRunner()
            let executor = PipelineExecutor(context: BatchContext(), taskRunner: runner.runner, clock: ManualClock(),
                                            configuration: ExecutorConfiguration(output: DiscardedOutput()))
            executor.reporter = reporter
            _ = await executor.run(try Support.tasks(#"[{"command": "lint", "args": {"paths": ["."]}}, {"command": "test", "args": {}}]"#))
            #expect(lines.withLock { $0 } == [
                "running: starting 2 tasks (sequential)",
                #"running: lint paths: ["."]"#,
                "success: lint succeeded in 0ms",
                "running: test",
                "success: test succeeded in 0ms",
                "complete: 2 succeeded, 0 failed, 0 skipped in 0 ms",
                #"Metadata: {"success_count":2,"failure_count":0,"skipped_count":0,"total":2,"total_duration_ms":0}"#,
            ])
        }

        @Test func eventsOfParallelTasksAreAllDeliveredAndEachTaskInOrder() async throws {
            let reporter = ProgressReporter()
            let delivered = SanitizerVisibleMutex<[String]>([])
            reporter.on { e in delivered.withLock { $0.append("\(e.taskId) \(e.status.rawValue)") } }
            let runner = FakeRunner { _ in
                await Task.yield()
                return .success()
            }
            let executor = PipelineExecutor(context: BatchContext(), taskRunner: runner.runner, reporter: reporter, clock: ManualClock(),
                                            configuration: ExecutorConfiguration(output: DiscardedOutput()))
            _ = await executor.run((0..<100).map { BatchTask(command: "t\($0)") }, mode: .parallel)
            let events = delivered.withLock { $0 }
            #expect(events.count == 202)
            #expect(events.first == "batch:start running")
            #expect(events.last == "batch:complete complete")
            for i in 0..<100 {
                let running = events.firstIndex(of: "task:\(i):t\(i) running")
                let success = events.firstIndex(of: "task:\(i):t\(i) success")
                #expect(running != nil && success != nil && running! < success!)
            }
            #expect(reporter.history.count == 202)
        }
    }
}
