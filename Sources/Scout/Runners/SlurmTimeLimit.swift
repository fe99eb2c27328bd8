/// A duration as Slurm's `--time` takes it: `DAYS-HH:MM:SS`.
enum SlurmTimeLimit {
    /// `duration` rounded up to whole seconds (at least one: Slurm reads 0 as "no limit").
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let total = max(1, seconds + (attoseconds > 0 ? 1 : 0))
        let days = total / 86_400
        let hours = total % 86_400 / 3_600
        let minutes = total % 3_600 / 60
        let rest = total % 60
        return "\(days)-" + twoDigits(hours) + ":" + twoDigits(minutes) + ":" + twoDigits(rest)
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
