import Glibc

extension Child {
    /// The option that makes scout-bench a measurer: `scout-bench --measure-child STDOUT ARGV...`
    /// runs ARGV with stdout to the path STDOUT and prints "seconds peak-KiB status".
    static let measureOption = "--measure-child"

    /// This program's own path, to start it as a measurer.
    static let selfPath: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { fail("cannot read /proc/self/exe") }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// Runs argv from a fresh scout-bench process (small, just exec'd) and returns its time
    /// and the child's own peak memory: what the measurer's `wait4` reports for a child it
    /// started, unaffected by how large this process has grown.
    static func measured(_ argv: [String], stdout: String = "/dev/null") -> Measurement {
        let (output, outer) = capture([selfPath, measureOption, stdout] + argv)
        let fields = output.split(separator: " ")
        guard outer.status == 0, fields.count == 3, let seconds = Double(fields[0]), let kib = Int(fields[1]),
              let status = Int32(fields[2].filter { $0 != "\n" }) else {
            fail("the measurer of \(argv.joined(separator: " ")) failed: \(output)")
        }
        return Measurement(seconds: seconds, peakKiB: kib, status: status)
    }

    /// The measurer's side of ``measured(_:stdout:)``: `arguments` is STDOUT ARGV...
    static func measureAndPrint(_ arguments: [String]) -> Never {
        guard arguments.count >= 2 else { fail("usage: scout-bench \(measureOption) STDOUT ARGV...") }
        let m = run(Array(arguments.dropFirst()), stdout: arguments[0])
        print("\(m.seconds) \(m.peakKiB) \(m.status)")
        exit(0)
    }
}
