import Synchronization

/// Counts the open connections of each client address, so one address cannot hold more than
/// ``ServerLimits/maxConnectionsPerAddress`` of them. Shared by every connection of one server.
final class ConnectionsPerAddress: Sendable {
    private let limit: Int
    private let counts = Mutex([String: Int]())

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts a new connection from `address`; false (and nothing counted) when the address
    /// already has `limit` open.
    func admit(_ address: String) -> Bool {
        counts.withLock { counts in
            let open = counts[address, default: 0]
            guard open < limit else { return false }
            counts[address] = open + 1
            return true
        }
    }

    /// Forgets one admitted connection from `address`.
    func release(_ address: String) {
        counts.withLock { counts in
            guard let open = counts[address] else { return }
            // Addresses without connections are dropped, so the table holds only live ones.
            counts[address] = open > 1 ? open - 1 : nil
        }
    }
}
