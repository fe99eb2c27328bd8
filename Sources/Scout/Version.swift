/// The version of Scout, printed by `scout --version`.
public enum ScoutVersion {
    /// The semantic version string.
    public static let string = "0.1.0"
}
