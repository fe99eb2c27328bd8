extension String {
    /// The string padded with spaces to `width` characters (one space after it when longer).
    func padded(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
