/// One row of issue 11's goals: Scout's figure, the peer's, their ratio, the goal, and
/// whether it is met. Workload names may hold `code` in backticks (kept in Markdown).
struct GoalRow {
    let workload: String
    let scout: String
    let peer: String
    let ratio: String
    let goal: String
    /// Whether the goal is met; nil when it cannot be told (a peer is missing).
    let met: Bool?

    var verdict: String {
        guard let met else { return "unknown (peer missing)" }
        return met ? "met" : "NOT met"
    }

    /// The cells in table order.
    var cells: [String] { [workload, scout, peer, ratio, goal, verdict] }

    static let headers = ["workload", "Scout", "peer", "ratio", "goal", "met"]
}
