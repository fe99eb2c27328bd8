import Glibc

/// The sanitizer the suite runs under, as `.ci/run` says with `SCOUT_SANITIZER=thread` or
/// `address`. A few tests measure what a sanitizer changes (peak memory, the address-space
/// limit) and are skipped under one.
public enum Sanitizer {
    /// The sanitizer's name, or nil for a plain build.
    public static let active: String? = getenv("SCOUT_SANITIZER").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }

    /// True in a plain build.
    public static var none: Bool { active == nil }
}
