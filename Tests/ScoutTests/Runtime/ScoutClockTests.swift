import Testing
@testable import Scout

extension RuntimeTests {
    /// The clocks: `ManualClock` records sleeps and advances at once; `SystemClock` sleeps for
    /// real but returns at once for nothing and throws when cancelled.
    @Suite struct ScoutClockTests {
        @Test func aManualClockRecordsSleepsAndAdvances() async throws {
            let clock = ManualClock()
            #expect(clock.now() == 0)
            try await clock.sleep(seconds: 1.5)
            clock.advance(by: 2)
            try await clock.sleep(seconds: -1)
            #expect(clock.now() == 3.5)
            #expect(clock.sleeps == [1.5, -1])
        }

        @Test func aCancelledSleepThrows() async {
            let manual = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await ManualClock().sleep(seconds: 1)
            }
            await #expect(throws: CancellationError.self) { try await manual.value }
            let system = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await SystemClock().sleep(seconds: 3600)
            }
            await #expect(throws: CancellationError.self) { try await system.value }
        }

        @Test func anEnormousSleepIsStillASleepNotACrash() async {
            // A delay of more than 292 years does not fit in Int64 nanoseconds.
            let system = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await SystemClock().sleep(seconds: 1e30)
            }
            await #expect(throws: CancellationError.self) { try await system.value }
        }

        @Test func theSystemClockMovesForward() async throws {
            let clock = SystemClock()
            let a = clock.now()
            try await clock.sleep(seconds: 0)
            try await clock.sleep(seconds: -5)
            #expect(clock.now() >= a)
        }
    }
}
