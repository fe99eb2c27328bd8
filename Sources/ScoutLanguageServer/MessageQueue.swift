import Glibc
import Scout

/// The messages read and not yet handled, passed from the thread that reads the client to
/// the thread that answers it. ``pop()`` waits for one; a pipe carries one byte per message
/// to wake it, the messages themselves are under a lock.
final class MessageQueue: Sendable {
    /// What the reading thread hands on.
    enum Item: Sendable {
        case message(JSONRPCMessage)
        /// Nothing more comes: the client sent `exit` or closed its end.
        case end
    }

    private struct State: Sendable {
        var items: [Item] = []
        var head = 0
    }

    private let state = SanitizerVisibleMutex(State())
    private let wakeRead: Int32
    private let wakeWrite: Int32

    /// A queue, or nil when no pipe could be made.
    init?() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC)
        _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Adds an item at the end.
    func push(_ item: Item) {
        state.withLock { $0.items.append(item) }
        var byte: UInt8 = 1
        while Glibc.write(wakeWrite, &byte, 1) < 0, errno == EINTR {}
    }

    /// The first item, waiting for one.
    func pop() -> Item {
        var byte: UInt8 = 0
        while Glibc.read(wakeRead, &byte, 1) < 0, errno == EINTR {}
        return state.withLock { s in
            let item = s.items[s.head]
            s.head += 1
            if s.head > 64, s.head * 2 >= s.items.count {
                s.items.removeSubrange(0..<s.head)
                s.head = 0
            }
            return item
        }
    }

    /// True when an item after those handed on satisfies `predicate` (a later change of a
    /// document makes checking the current one useless).
    func containsPending(where predicate: (Item) -> Bool) -> Bool {
        state.withLock { s in s.items[s.head...].contains(where: predicate) }
    }
}
