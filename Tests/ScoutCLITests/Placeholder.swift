import Testing

@Suite struct BinaryTests {
    @Test func binaryExists() {}
}
