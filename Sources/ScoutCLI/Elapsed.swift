/// How scout shows a length of time: `250ms` under a second, `1.5s` above.
enum Elapsed {
    static func text(milliseconds ms: Int) -> String {
        ms < 1000 ? "\(ms)ms" : "\(Double(ms / 100) / 10)s"
    }
}
