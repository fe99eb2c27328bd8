/// The version of Scout, printed by `scout --version`.
package enum ScoutVersion {
    /// The semantic version string.
    package static let string = "0.1.0"
}
