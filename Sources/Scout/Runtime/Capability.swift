/// Something a script may be allowed to touch. A host grants a set of them (``Capabilities``).
public enum Capability: String, Sendable, CaseIterable, Hashable {
    /// Starting processes: `run`, plugins.
    case process
    /// Reading the file system: `plan` files, `exists`, `glob`.
    case fileSystem = "filesystem"
    /// Reading environment variables: `env`.
    case environment
    /// Reading git repositories: `git_status` and the other git commands. They run `git`
    /// themselves (no shell, nothing else) and need only this, not ``process``.
    case git
}

/// A set of granted capabilities.
public struct Capabilities: Sendable, Hashable {
    /// The granted capabilities.
    public var granted: Set<Capability>

    /// A set of capabilities.
    public init(_ granted: Set<Capability>) { self.granted = granted }

    /// Everything: what the `scout` command grants.
    public static let all = Capabilities(Set(Capability.allCases))
    /// Nothing: a script may only compute and call the host's own commands.
    public static let none = Capabilities([])

    /// True when `capability` is granted.
    public func contains(_ capability: Capability) -> Bool { granted.contains(capability) }
}
