/// Why the test cluster could not be started.
struct SlurmClusterError: Error, CustomStringConvertible {
    var description: String
}
