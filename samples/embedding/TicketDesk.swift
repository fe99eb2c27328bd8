import Scout

/// The host's own state: tickets opened by scripts. Scripts change it only through the
/// commands the host registers.
final class TicketDesk: Sendable {
    private let tickets = SanitizerVisibleMutex([(title: String, priority: Int)]())

    /// Opens a ticket and returns its number.
    func open(title: String, priority: Int) -> Int {
        tickets.withLock { t in
            t.append((title, priority))
            return t.count
        }
    }

    /// How many tickets are open.
    var count: Int { tickets.withLock { $0.count } }
}
