import Testing
@testable import Scout

extension RuntimeTests {
    /// The clocks: `ManualClock` records sleeps and advances at once; `SystemClock` sleeps for
    /// real but returns at once for nothing and throws when cancelled.
    @Suite struct ScoutClockTests {
        @Test func aManualClockRecordsSleepsAndAdvances() async throws {
            let clock = ManualClock()
            #expect(clock.now() == 0)
            try await clock.sleep(for: .milliseconds(1500))
            clock.advance(by: 2)
            try await clock.sleep(for: .seconds(-1))
            #expect(clock.now() == 3.5)
            #expect(clock.sleeps == [1.5, -1])
        }

        @Test func aCancelledSleepThrows() async {
            let manual = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await ManualClock().sleep(for: .seconds(1))
            }
            await #expect(throws: CancellationError.self) { try await manual.value }
            let system = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await SystemClock().sleep(for: .seconds(3600))
            }
            await #expect(throws: CancellationError.self) { try await system.value }
        }

        @Test func anEnormousRetryDelayIsStillASleepNotACrash() async {
            // 2^5000 seconds does not fit in a Duration: the delay stops at 292 years.
            let delay = RetryConfig(maxRetries: 6000, baseDelay: .seconds(1_000_000), maxDelay: .seconds(Int64.max), jitterFactor: 1)
                .delay(forRetry: 5000, jitter: 1)
            #expect(delay > .seconds(9_000_000_000) && delay <= .seconds(9_200_000_000))
            let system = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                try await SystemClock().sleep(for: delay)
            }
            await #expect(throws: CancellationError.self) { try await system.value }
        }

        @Test func theSystemClockMovesForward() async throws {
            let clock = SystemClock()
            let a = clock.now()
            try await clock.sleep(for: .zero)
            try await clock.sleep(for: .seconds(-5))
            #expect(clock.now() >= a)
        }
    }
}
