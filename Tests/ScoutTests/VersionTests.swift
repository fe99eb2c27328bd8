import Testing
@testable import Scout

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(ScoutVersion.string.split(separator: ".").count == 3)
    }
}
