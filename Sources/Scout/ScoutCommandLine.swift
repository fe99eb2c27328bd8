#if canImport(Glibc)
import Glibc
#endif

/// The entry point of the `scout` command.
public enum ScoutCommandLine {
    /// Runs the command line and returns the exit status.
    public static func main(_ arguments: [String]) -> Int32 {
        print("scout \(ScoutVersion.string)")
        return 0
    }
}
