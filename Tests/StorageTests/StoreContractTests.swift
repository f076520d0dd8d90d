import Foundation
import Storage
import Testing

/// A fresh store of each kind available: SQLite always, PostgreSQL (a fresh schema) when
/// `BOTAPI_TEST_DATABASE` names a database (scripts/with-postgres). `reopen` opens the same
/// world again, as after a restart.
struct FreshStore {
    let kind: String
    let store: any Store
    let reopen: () throws -> any Store

    static func all() throws -> [FreshStore] {
        let path = temporaryDatabasePath()
        var stores = [FreshStore(kind: "SQLite", store: try SQLiteStore(path: path), reopen: { try SQLiteStore(path: path) })]
        if let url = TestStores.databaseURL {
            let schema = TestStores.schemaName(for: UUID().uuidString)
            let configuration = try TestStores.configuration(url, schema: schema)
            stores.append(FreshStore(
                kind: "PostgreSQL", store: try PostgresStore(configuration: configuration),
                reopen: { try PostgresStore(configuration: configuration) }))
        }
        return stores
    }
}

/// What the engine relies on from any ``Store``, checked on each store.
@Suite struct StoreContractTests {
    @Test func accountsGetIncreasingIdsAndUniqueUsernames() async throws {
        for fresh in try FreshStore.all() {
            let store = fresh.store
            let (first, second) = try await store.write { tx in
                let a = try tx.insert(AccountRecord(isBot: false, firstName: "Alice", username: "alice", tokenSecret: "s1", createdAt: 1))
                let b = try tx.insert(AccountRecord(isBot: true, firstName: "Echo", username: "echo_bot", tokenSecret: "s2", createdAt: 1))
                return (a, b)
            }
            #expect(first.id > 0 && second.id == first.id + 1, "\(fresh.kind)")
            let found = try await store.read { try $0.account(username: "ALICE") }
            #expect(found == first, "\(fresh.kind)")
            await #expect(throws: (any Error).self, "\(fresh.kind)") {
                try await store.write { tx in
                    _ = try tx.insert(AccountRecord(isBot: false, firstName: "Other", username: "Alice", tokenSecret: "s3", createdAt: 1))
                }
            }
            let bots = try await store.read { try $0.accounts(offset: 0, limit: 10, isBot: true) }
            #expect(bots.map(\.id) == [second.id], "\(fresh.kind)")
            // A deleted account gives its username back.
            try await store.write { tx in
                var deleted = first
                deleted.isDeleted = true
                try tx.update(deleted)
                _ = try tx.insert(AccountRecord(isBot: false, firstName: "New", username: "alice", tokenSecret: "s4", createdAt: 2))
            }
            #expect(try await store.read { try $0.account(username: "alice")?.firstName } == "New", "\(fresh.kind)")
        }
    }

    @Test func readsManyAccountsAndQueuesInOneCall() async throws {
        for fresh in try FreshStore.all() {
            let store = fresh.store
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
            #expect(Set(accounts.map(\.id)) == Set(ids) && accounts.count == 3, "\(fresh.kind)")
            #expect(queues.sorted { $0.recipientID < $1.recipientID }.map(\.nextUpdateID) == [7, 9], "\(fresh.kind)")
            #expect(none.isEmpty, "\(fresh.kind)")
        }
    }

    /// Post-commit effects run after the commit, in commit order, and a write that fails
    /// drops its own.
    @Test func effectsRunAfterCommitInCommitOrder() async throws {
        for fresh in try FreshStore.all() {
            let store = fresh.store
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
            #expect(recorded.count == 32, "\(fresh.kind)")
            #expect(recorded == recorded.sorted(), "\(fresh.kind)")
            let committed = try await store.read { try $0.setting("counter") }
            #expect(committed == "\(recorded.last ?? 0)", "\(fresh.kind)")
        }
    }

    @Test func chatKindsAndMemberStatusesRoundTrip() async throws {
        for fresh in try FreshStore.all() {
            let (chats, members, privateChat) = try await fresh.store.write { tx in
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
            #expect(chats.map(\.kind) == ChatKind.allCases, "\(fresh.kind)")
            #expect(members.map(\.status) == MemberStatus.allCases, "\(fresh.kind)")
            #expect(privateChat?.kind == .private, "\(fresh.kind)")
        }
    }

    @Test func dataSurvivesReopening() async throws {
        for fresh in try FreshStore.all() {
            try await fresh.store.write { tx in
                try tx.save(UpdateQueueRecord(recipientID: 7, nextUpdateID: 101))
                try tx.insert(UpdateRecord(recipientID: 7, updateID: 100, kind: "message", expiresAt: 50, payload: Data("\"message\":{}".utf8)))
            }
            let reopened = try fresh.reopen()
            let (queue, updates) = try await reopened.read { tx in
                (try tx.updateQueue(recipientID: 7), try tx.pendingUpdates(recipientID: 7, fromUpdateID: 0, limit: 10))
            }
            #expect(queue?.nextUpdateID == 101, "\(fresh.kind)")
            #expect(updates.map(\.updateID) == [100], "\(fresh.kind)")
            #expect(updates.first?.payload == Data("\"message\":{}".utf8), "\(fresh.kind)")
        }
    }

    @Test func pendingUpdatesAreConfirmedAndExpired() async throws {
        for fresh in try FreshStore.all() {
            let remaining = try await fresh.store.write { tx -> [Int64] in
                for id in Int64(1)...5 {
                    try tx.insert(UpdateRecord(recipientID: 1, updateID: id, kind: "message", expiresAt: id * 10, payload: Data()))
                }
                try tx.deleteUpdates(recipientID: 1, below: 2)
                try tx.deleteExpiredUpdates(recipientID: 1, now: 30)
                return try tx.pendingUpdates(recipientID: 1, fromUpdateID: 0, limit: 10).map(\.updateID)
            }
            #expect(remaining == [4, 5], "\(fresh.kind)")
            #expect(try await fresh.store.read { try $0.oldestPendingUpdateID(recipientID: 1) } == 4, "\(fresh.kind)")
            #expect(try await fresh.store.read { try $0.pendingUpdateCount(recipientID: 1) } == 2, "\(fresh.kind)")
        }
    }

    @Test func failedWriteLeavesNothingBehind() async throws {
        struct Refused: Error {}
        for fresh in try FreshStore.all() {
            await #expect(throws: Refused.self, "\(fresh.kind)") {
                try await fresh.store.write { tx in
                    try tx.setSetting("kept", "no")
                    throw Refused()
                }
            }
            #expect(try await fresh.store.read { try $0.setting("kept") } == nil, "\(fresh.kind)")
            try await fresh.store.write { tx in try tx.setSetting("kept", "yes") }
            #expect(try await fresh.store.read { try $0.setting("kept") } == "yes", "\(fresh.kind)")
        }
    }

    /// Equal sort keys come back in the same order from both stores.
    @Test func tiesAreOrderedAlike() async throws {
        for fresh in try FreshStore.all() {
            let (members, scores, choices) = try await fresh.store.write { tx in
                let chat = try tx.insert(ChatRecord(kind: .group))
                for account in [Int64(30), 10, 20] {
                    try tx.save(MemberRecord(chatID: chat.id, accountID: account, status: .member, details: Data(), joinedAt: 5))
                }
                let game = try tx.insert(GameRecord(botID: 1, shortName: "g", title: "G", description: "", photo: Data([1, 2]), createdAt: 1))
                for (user, score, date) in [(Int64(3), Int64(10), Int64(2)), (1, 10, 2), (2, 10, 1), (4, 11, 9)] {
                    try tx.save(GameScoreRecord(gameID: game.id, scope: "s", userID: user, score: score, date: date))
                }
                for actor in [Int64(9), 7, 8] {
                    try tx.save(MessageChoiceRecord(chatID: chat.id, messageID: 1, actorID: actor, kind: "reaction", value: Data([1]), date: 4))
                }
                return (
                    try tx.members(chatID: chat.id).map(\.accountID), try tx.gameScores(gameID: game.id, scope: "s").map(\.userID),
                    try tx.choices(chatID: chat.id, messageID: 1, kind: "reaction").map(\.actorID))
            }
            #expect(members == [10, 20, 30], "\(fresh.kind)")
            #expect(scores == [4, 2, 1, 3], "\(fresh.kind)")
            #expect(choices == [7, 8, 9], "\(fresh.kind)")
        }
    }

    @Test func idsAssignedByTheStoreAreReturned() async throws {
        for fresh in try FreshStore.all() {
            let (file, again, set, sticker, invoice, photo) = try await fresh.store.write { tx in
                let file = try tx.insert(FileRecord(sha256: "ab", size: 3, accessKey: 9, createdAt: 1))
                let again = try tx.file(sha256: "ab")
                let set = try tx.insert(StickerSetRecord(name: "Cats_by_bot", title: "Cats", stickerType: "regular", ownerUserID: 1, botID: 2, createdAt: 1))
                let sticker = try tx.insert(StickerRecord(setID: set.id, position: 0, fileID: file.id, format: "static", width: 512, height: 512, details: Data()))
                let invoice = try tx.insert(InvoiceRecord(botID: 2, slug: "abc", terms: Data([7])))
                let photo = try tx.insert(ProfilePhotoRecord(accountID: 1, sizes: Data([1]), createdAt: 1))
                return (file, again, set, sticker, invoice, photo)
            }
            #expect(file.id > 0 && again == file, "\(fresh.kind)")
            #expect(try await fresh.store.read { try $0.stickerSet(name: "cats_BY_bot") } == set, "\(fresh.kind)")
            #expect(try await fresh.store.read { try $0.stickers(setID: set.id) } == [sticker], "\(fresh.kind)")
            #expect(try await fresh.store.read { try $0.invoice(slug: "abc") } == invoice, "\(fresh.kind)")
            #expect(try await fresh.store.read { try $0.profilePhotos(accountID: 1, offset: 0, limit: 5) } == [photo], "\(fresh.kind)")
        }
    }

    @Test func balancesNeverGoNegative() async throws {
        for fresh in try FreshStore.all() {
            try await fresh.store.write { tx in try tx.setStarBalance(accountID: 1, amount: 5) }
            await #expect(throws: (any Error).self, "\(fresh.kind)") {
                try await fresh.store.write { tx in try tx.setStarBalance(accountID: 1, amount: -1) }
            }
            #expect(try await fresh.store.read { try $0.starBalance(accountID: 1) } == 5, "\(fresh.kind)")
        }
    }
}
