import Foundation
import Storage
import Synchronization
import Testing

/// A fresh database file in a temporary directory, removed by the caller.
func temporaryDatabasePath() -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-storage-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent("botapi.sqlite").path
}

/// What post-commit effects recorded.
final class Recorder: Sendable {
    let numbers = Mutex<[Int]>([])
}

@Suite struct SQLiteStoreTests {
    @Test func commitsDurablyInWALMode() throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        // 2 = FULL: a commit reaches the disk before write() returns, so an answered state
        // change survives power loss. GRDB's pool default (NORMAL) would not guarantee it.
        #expect(try store.synchronousMode() == 2)
        #expect(try store.journalMode() == "wal")
    }
}

@Suite struct GroupCommitTests {
    struct Refused: Error {}

    @Test func concurrentWritesShareCommitsButFailAlone() async throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<200 {
                group.addTask {
                    do {
                        try await store.write { tx in
                            try tx.setSetting("key\(index)", "value")
                            if index % 10 == 0 { throw Refused() }
                        }
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            var outcomes: [Int: Bool] = [:]
            for await (index, succeeded) in group { outcomes[index] = succeeded }
            return outcomes
        }
        for index in 0..<200 {
            #expect(outcomes[index] == (index % 10 != 0))
            let stored = try await store.read { try $0.setting("key\(index)") }
            // A failed write leaves nothing behind; a successful one is committed.
            #expect((stored != nil) == (index % 10 != 0))
        }
    }

    @Test func storedTextNamingNoCaseIsRefused() throws {
        #expect(try ChatKind(stored: "supergroup") == .supergroup)
        #expect(try MemberStatus(stored: "kicked") == .kicked)
        #expect(throws: UnknownStoredText.self) { try ChatKind(stored: "Supergroup") }
        #expect(throws: UnknownStoredText.self) { try MemberStatus(stored: "banned") }
    }
}
