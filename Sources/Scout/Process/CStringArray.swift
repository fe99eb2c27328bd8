#if canImport(Glibc)
import Glibc
#endif

/// A NULL-terminated array of C strings (`argv`, `envp`) owned until deinit.
final class CStringArray {
    /// The pointers, the last one NULL.
    private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    /// Copies `strings` into C memory.
    init(_ strings: [String]) {
        pointers = []
        pointers.reserveCapacity(strings.count + 1)
        for string in strings {
            pointers.append(strdup(string))
        }
        pointers.append(nil)
    }

    deinit {
        for pointer in pointers {
            free(pointer)
        }
    }

    /// Calls `body` with the array as `char *const *`.
    func withUnsafePointer<R>(_ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) throws -> R) rethrows -> R {
        try pointers.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
