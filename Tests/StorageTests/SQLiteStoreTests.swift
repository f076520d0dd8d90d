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

    @Test func accountsGetIncreasingIdsAndUniqueUsernames() async throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let (first, second) = try await store.write { tx in
            let a = try tx.insert(AccountRecord(isBot: false, firstName: "Alice", username: "alice", tokenSecret: "s1", createdAt: 1))
            let b = try tx.insert(AccountRecord(isBot: true, firstName: "Echo", username: "echo_bot", tokenSecret: "s2", createdAt: 1))
            return (a, b)
        }
        #expect(first.id > 0 && second.id == first.id + 1)
        let found = try await store.read { try $0.account(username: "ALICE") }
        #expect(found == first)
        await #expect(throws: (any Error).self) {
            try await store.write { tx in
                _ = try tx.insert(AccountRecord(isBot: false, firstName: "Other", username: "Alice", tokenSecret: "s3", createdAt: 1))
            }
        }
        let bots = try await store.read { try $0.accounts(offset: 0, limit: 10, isBot: true) }
        #expect(bots.map(\.id) == [second.id])
    }

    @Test func readsManyAccountsAndQueuesInOneCall() async throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let ids = try await store.write { tx in
            let ids = try (1...3).map { n in
                try tx.insert(AccountRecord(isBot: false, firstName: "U\(n)", tokenSecret: "s\(n)", createdAt: 1)).id
            }
            try tx.save(UpdateQueueRecord(recipientID: ids[0], nextUpdateID: 7))
            try tx.save(UpdateQueueRecord(recipientID: ids[2], nextUpdateID: 9, allowedUpdates: "message"))
            return ids
        }
        let (accounts, queues, none) = try await store.read { tx in
            (try tx.accounts(ids: ids + [999]), try tx.updateQueues(recipientIDs: ids), try tx.accounts(ids: []))
        }
        #expect(Set(accounts.map(\.id)) == Set(ids) && accounts.count == 3)
        #expect(queues.sorted { $0.recipientID < $1.recipientID }.map(\.nextUpdateID) == [7, 9])
        #expect(none.isEmpty)
    }

    /// Post-commit effects run after the commit, in commit order, and a write that fails
    /// drops its own.
    @Test func effectsRunAfterCommitInCommitOrder() async throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let seen = Recorder()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<40 {
                group.addTask {
                    do {
                        try await store.write { tx in
                            // Each write takes the next number; its effect records it.
                            let number = Int(try tx.setting("counter") ?? "0")! + 1
                            try tx.setSetting("counter", "\(number)")
                            tx.afterCommit { seen.numbers.withLock { $0.append(number) } }
                            if n % 5 == 0 { throw CancellationError() }
                        }
                    } catch is CancellationError {}
                }
            }
            try await group.waitForAll()
        }
        let recorded = seen.numbers.withLock { $0 }
        #expect(recorded.count == 32)
        #expect(recorded == recorded.sorted())
        let committed = try await store.read { try $0.setting("counter") }
        #expect(committed == "\(recorded.last ?? 0)")
    }

    @Test func dataSurvivesReopening() async throws {
        let path = temporaryDatabasePath()
        do {
            let store = try SQLiteStore(path: path)
            try await store.write { tx in
                try tx.save(UpdateQueueRecord(recipientID: 7, nextUpdateID: 101))
                try tx.insert(UpdateRecord(recipientID: 7, updateID: 100, kind: "message", expiresAt: 50, payload: Data("\"message\":{}".utf8)))
            }
        }
        let reopened = try SQLiteStore(path: path)
        let (queue, updates) = try await reopened.read { tx in
            (try tx.updateQueue(recipientID: 7), try tx.pendingUpdates(recipientID: 7, fromUpdateID: 0, limit: 10))
        }
        #expect(queue?.nextUpdateID == 101)
        #expect(updates.map(\.updateID) == [100])
    }

    @Test func pendingUpdatesAreConfirmedAndExpired() async throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let remaining = try await store.write { tx -> [Int64] in
            for id in Int64(1)...5 {
                try tx.insert(UpdateRecord(recipientID: 1, updateID: id, kind: "message", expiresAt: id * 10, payload: Data()))
            }
            try tx.deleteUpdates(recipientID: 1, below: 2)
            try tx.deleteExpiredUpdates(recipientID: 1, now: 30)
            return try tx.pendingUpdates(recipientID: 1, fromUpdateID: 0, limit: 10).map(\.updateID)
        }
        #expect(remaining == [4, 5])
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

    @Test func chatKindsAndMemberStatusesRoundTrip() async throws {
        let store = try SQLiteStore(path: temporaryDatabasePath())
        let (chats, members, privateChat) = try await store.write { tx in
            var chats: [ChatRecord] = []
            for kind in ChatKind.allCases {
                let inserted = try tx.insert(ChatRecord(kind: kind, lowAccountID: kind == .private ? 1 : nil, highAccountID: kind == .private ? 2 : nil))
                chats.append(try #require(try tx.chat(id: inserted.id)))
            }
            let group = try #require(chats.first { $0.kind == .group })
            for (index, status) in MemberStatus.allCases.enumerated() {
                try tx.save(MemberRecord(chatID: group.id, accountID: Int64(index + 1), status: status, joinedAt: Int64(index)))
            }
            // The lookup of a private chat filters on the stored text 'private' in SQL.
            return (chats, try tx.members(chatID: group.id), try tx.privateChat(between: 2, and: 1))
        }
        #expect(chats.map(\.kind) == ChatKind.allCases)
        #expect(members.map(\.status) == MemberStatus.allCases)
        #expect(privateChat?.kind == .private)
    }

    @Test func storedTextNamingNoCaseIsRefused() throws {
        #expect(try ChatKind(stored: "supergroup") == .supergroup)
        #expect(try MemberStatus(stored: "kicked") == .kicked)
        #expect(throws: UnknownStoredText.self) { try ChatKind(stored: "Supergroup") }
        #expect(throws: UnknownStoredText.self) { try MemberStatus(stored: "banned") }
    }
}
