/// Why the test cluster could not be started.
package struct SlurmClusterError: Error, CustomStringConvertible {
    package var description: String
}
