/// A shell command that waits until `count` copies of it have started: each leaves a file in
/// `directory` and waits for `count` files. Tasks running it can only succeed when they ran at
/// the same time, however busy the machine is; after a minute alone a copy gives up (exit 1).
/// It has no `"`, `'` or `${`, so it fits in a Scout string and in JSON as it is.
public enum ShellBarrier {
    public static func command(in directory: String, count: Int) -> String {
        "mkdir -p \(directory); touch \(directory)/$$; i=0; "
            + "while [ $(ls \(directory) | wc -l) -lt \(count) ]; do i=$((i+1)); [ $i -gt 1200 ] && exit 1; sleep 0.05; done"
    }

    /// A fresh directory name for one barrier.
    public static func directory() -> String {
        "/tmp/scout-barrier-\(UInt64.random(in: 0...UInt64.max))"
    }
}
