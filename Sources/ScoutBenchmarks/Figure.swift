import Glibc

/// How the benchmark writes its figures.
enum Figure {
    /// Seconds as milliseconds: "1,305 ms", "3.52 ms".
    static func ms(_ seconds: Double) -> String {
        let ms = seconds * 1000
        return (ms >= 100 ? grouped(Int(ms.rounded())) : decimal(ms)) + " ms"
    }

    /// KiB as MiB: "57.3 MiB".
    static func mib(kib: Int) -> String { decimal(Double(kib) / 1024, places: 1) + " MiB" }

    /// A rate: "340,000/s".
    static func rate(_ perSecond: Double) -> String { grouped(Int(perSecond.rounded())) + "/s" }

    /// Microseconds per task: "0.85 µs/task".
    static func perTask(_ seconds: Double, _ tasks: Int) -> String { decimal(seconds * 1e6 / Double(tasks)) + " µs/task" }

    /// A count with thousands separators: "100,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `x` rounded to `places` decimals: "2.58".
    static func decimal(_ x: Double, places: Int = 2) -> String {
        guard x.isFinite else { return "—" }
        let scale = Int(pow(10, Double(places)))
        let scaled = Int((abs(x) * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        let text = grouped(scaled / scale) + (places > 0 ? "." + String(repeating: "0", count: places - fraction.count) + fraction : "")
        return x < 0 && scaled > 0 ? "-" + text : text
    }

    /// A ratio, or "—" without a peer.
    static func ratio(_ r: Double?) -> String { r.map { decimal($0) } ?? "—" }
}
