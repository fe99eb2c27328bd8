import ScoutTestSupport
import Testing

/// The suite trait that gives a suite's tests one ``SlurmCluster``: started before the
/// first test, stopped after the last, read through ``SlurmCluster/current``. When Slurm
/// is missing (and not required) no cluster is started; the tests skip themselves.
struct SlurmClusterScope: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard SlurmCluster.shouldRun else { return try await function() }
        let cluster = try await SlurmCluster.start()
        do {
            try await SlurmCluster.$current.withValue(cluster) { try await function() }
        } catch {
            await cluster.stop()
            throw error
        }
        let left = await cluster.stop()
        if !left.isEmpty { Issue.record("the test cluster left processes running: \(left)") }
    }
}

extension Trait where Self == SlurmClusterScope {
    /// One test cluster for the whole suite.
    static var slurmCluster: Self { SlurmClusterScope() }
}
