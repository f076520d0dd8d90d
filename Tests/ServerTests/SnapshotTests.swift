import Engine
import Foundation
import Storage
import Testing

/// `saveSnapshot` / `restoreSnapshot` / `listSnapshots` (admin, USER-API.md "Test controls"):
/// the whole world saved under a name and put back while the server runs, with update ids
/// that never go back. Runs on SQLite, and on PostgreSQL with BOTAPI_TEST_DATABASE.
@Suite struct SnapshotTests {
    private static func texts(_ answer: Answer) -> [String] {
        answer.resultArray.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
    }

    private static func ids(_ answer: Answer) -> [Int] {
        answer.resultArray.compactMap { $0["update_id"] as? Int }
    }

    @Test func aRestoredWorldIsTheSavedOneFilesIncluded() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, _, user, userID) = try await FileTests.botAndUser(client)
            let early = Array("saved before the snapshot".utf8)
            let sent = try await client.upload(
                "bot\(bot)", "sendDocument", ["chat_id": "\(userID)"], files: [("document", "early.txt", "text/plain", early)])
            let earlyID = try #require((sent.resultObject["document"] as? [String: Any])?["file_id"] as? String, "\(sent.body)")
            #expect(try await client.admin("saveSnapshot", ["name": "base"]).ok)
            let blobsAtSave = try world.engine.blobStore.digests().count

            // The world changes: a new user, a new file, a renamed bot.
            let (later, _) = try await client.createUser("Later")
            #expect(try await client.user(later, "getMe").ok)
            let late = try await client.upload(
                "bot\(bot)", "sendDocument", ["chat_id": "\(userID)"],
                files: [("document", "late.txt", "text/plain", Array("uploaded after it".utf8))])
            #expect(late.ok, "\(late.body)")
            #expect(try world.engine.blobStore.digests().count == blobsAtSave + 1)

            let restored = try await client.admin("restoreSnapshot", ["name": "base"])
            #expect(restored.ok && restored.body.contains("\"result\":true"), "\(restored.body)")
            // The later user is gone, token and all; the earlier ones are there.
            #expect(try await client.user(later, "getMe").status == 401)
            let users = try await client.admin("getUsers").resultArray.compactMap { $0["first_name"] as? String }
            #expect(!users.contains("Later") && users.contains("Alice"))
            #expect(try await client.user(user, "getMe").ok)
            // The earlier file downloads as it was; the later one's contents are gone.
            let file = try await client.bot(bot, "getFile", ["file_id": earlyID])
            let path = try #require(file.resultObject["file_path"] as? String, "\(file.body)")
            #expect(try await client.download("/file/bot\(bot)/\(path)").bytes == early)
            #expect(try world.engine.blobStore.digests().count == blobsAtSave)
        }
    }

    @Test func updateIDsKeepRisingAndTheOffsetStaysValid() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, _) = try await client.createUser()
            @Sendable func say(_ text: String) async throws {
                #expect(try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": text]).ok)
            }
            try await say("first")
            // Saved with "first" not yet confirmed by the bot.
            #expect(try await client.admin("saveSnapshot", ["name": "one"]).ok)
            let read = try await client.bot(bot, "getUpdates")
            #expect(Self.texts(read) == ["first"])
            try await say("second")
            try await say("third")
            let more = try await client.bot(bot, "getUpdates", ["offset": "\(Self.ids(read).last! + 1)"])
            #expect(Self.texts(more) == ["second", "third"])
            let highest = try #require(Self.ids(more).last)
            // The bot confirms everything it saw.
            #expect(try await client.bot(bot, "getUpdates", ["offset": "\(highest + 1)"]).resultArray.isEmpty)

            #expect(try await client.admin("restoreSnapshot", ["name": "one"]).ok)
            // The restored world has "first" unconfirmed: the bot gets it again, above every
            // id it saw, with the offset it already holds; then new updates follow.
            let again = try await client.bot(bot, "getUpdates", ["offset": "\(highest + 1)"])
            #expect(Self.texts(again) == ["first"])
            let againID = try #require(Self.ids(again).first)
            #expect(againID > highest)
            try await say("fourth")
            let next = try await client.bot(bot, "getUpdates", ["offset": "\(againID + 1)"])
            #expect(Self.texts(next) == ["fourth"])
            #expect(Self.ids(next).allSatisfy { $0 > againID })

            // A second restore moves above the ids of the world it replaces too.
            let beforeSecond = try #require(Self.ids(next).last)
            #expect(try await client.admin("restoreSnapshot", ["name": "one"]).ok)
            let third = try await client.bot(bot, "getUpdates", ["offset": "\(beforeSecond + 1)"])
            #expect(Self.texts(third) == ["first"])
            #expect(Self.ids(third).allSatisfy { $0 > beforeSecond })
        }
    }

    @Test func aParkedGetUpdatesEndsEmptyOnRestore() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            #expect(try await client.admin("saveSnapshot", ["name": "empty"]).ok)
            let started = ContinuousClock.now
            async let parked = client.bot(bot, "getUpdates", ["timeout": "30"])
            try await eventually { world.engine.hub.isParked(Int64(botID)) }
            #expect(world.engine.hub.isParked(Int64(botID)))
            #expect(try await client.admin("restoreSnapshot", ["name": "empty"]).ok)
            let answer = try await parked
            #expect(answer.status == 200 && answer.body == #"{"ok":true,"result":[]}"#, "\(answer.body)")
            #expect(ContinuousClock.now - started < .seconds(20))
            // The bot polls on in the restored world.
            #expect(try await client.bot(bot, "getUpdates").ok)
        }
    }

    @Test func pushChannelsReadTheRestoredWorld() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            #expect(try await client.user(user, "startBot", ["bot_id": "\(botID)"]).ok)
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "saved"]).ok)
            #expect(try await client.admin("saveSnapshot", ["name": "push"]).ok)
            let (later, _) = try await client.createUser("Later")

            let stream = try await world.engine.openPushChannel(
                token: Substring(user), lastEventID: nil, keepAlive: .milliseconds(100), lifetime: .seconds(20)).get()
            var events = stream.makeAsyncIterator()
            let firstEvent = await WebClientTests.nextEvent(&events)
            let first = try #require(firstEvent)
            #expect(String(decoding: first.data, as: UTF8.self).contains("\"text\":\"saved\""))
            let laterStream = try await world.engine.openPushChannel(
                token: Substring(later), lastEventID: nil, keepAlive: .milliseconds(50), lifetime: .seconds(60)).get()

            #expect(try await client.admin("restoreSnapshot", ["name": "push"]).ok)
            // The user's channel reads the restored queue: "saved", unconfirmed there, comes
            // again above the id it had.
            let againEvent = await WebClientTests.nextEvent(&events)
            let again = try #require(againEvent)
            #expect(String(decoding: again.data, as: UTF8.self).contains("\"text\":\"saved\""))
            #expect(try #require(again.id) > (try #require(first.id)))
            // The later account is not in the restored world: its channel ends within a few
            // keep-alives.
            var laterItems = laterStream.makeAsyncIterator()
            var ended = false
            for _ in 0..<40 {
                guard let item = await laterItems.next() else { ended = true; break }
                if case .event = item { Issue.record("an event for an account the restore removed") }
            }
            #expect(ended)
        }
    }

    /// Instances sharing a PostgreSQL world hear of a restore: their parked calls end and
    /// their cached accounts are read again.
    @Test(.enabled(if: TestStores.databaseURL != nil, "needs BOTAPI_TEST_DATABASE"))
    func aRestoreOnOneInstanceReachesTheOthers() async throws {
        try await InstancesTests.twoInstances { _, b, clientA, clientB in
            let (bot, botID) = try await clientA.createBot()
            #expect(try await clientA.admin("saveSnapshot", ["name": "shared"]).ok)
            let (later, _) = try await clientA.createUser("Later")
            // Instance B caches the later account while authenticating it.
            #expect(try await clientB.user(later, "getMe").ok)
            async let parked = clientB.bot(bot, "getUpdates", ["timeout": "30"])
            try await eventually { b.engine.hub.isParked(Int64(botID)) }
            #expect(try await clientA.admin("restoreSnapshot", ["name": "shared"]).ok)
            let answer = try await parked
            #expect(answer.status == 200 && answer.body == #"{"ok":true,"result":[]}"#, "\(answer.body)")
            #expect(try await clientB.user(later, "getMe").status == 401)
        }
    }

    @Test func snapshotsAreListedAndReplacedByName() async throws {
        let world = try TestWorld()
        try await world.run { client in
            #expect(try await client.admin("listSnapshots").body == #"{"ok":true,"result":[]}"#)
            #expect(try await client.admin("saveSnapshot", ["name": "b-2"]).ok)
            _ = try await client.createUser("Kept")
            #expect(try await client.admin("saveSnapshot", ["name": "A_1"]).ok)
            let listed = try await client.admin("listSnapshots").resultArray
            #expect(listed.compactMap { $0["name"] as? String } == ["A_1", "b-2"])
            #expect(listed.allSatisfy { $0["saved_at"] as? Int == Int(world.clock.now()) })
            // Saving again under a name replaces that snapshot.
            #expect(try await client.admin("saveSnapshot", ["name": "b-2"]).ok)
            #expect(try await client.admin("restoreSnapshot", ["name": "b-2"]).ok)
            let users = try await client.admin("getUsers").resultArray.compactMap { $0["first_name"] as? String }
            #expect(users == ["Kept"])
        }
    }

    /// `botapi serve --memory`'s store: no fsync for commits, checkpoints or file contents.
    @Test func aThrowawayStoreSkipsEveryFsync() throws {
        let throwaway = try SQLiteStore(path: TestWorld.newDatabasePath(), durable: false)
        #expect(try throwaway.synchronousMode() == 0)
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-files-\(UUID().uuidString)")
        #expect((throwaway.blobStore(filesDirectory: files) as? DiskBlobStore)?.synchronizes == false)
        let durable = try SQLiteStore(path: TestWorld.newDatabasePath())
        #expect(try durable.synchronousMode() == 2)
        #expect((durable.blobStore(filesDirectory: files) as? DiskBlobStore)?.synchronizes == true)
    }

    @Test func badNamesAndUnknownSnapshotsAreRefused() async throws {
        try await TestWorld().run { client in
            let invalid = "Bad Request: name must be 1 to 64 letters, digits, underscores and hyphens"
            for method in ["saveSnapshot", "restoreSnapshot"] {
                for (parameters, description) in [
                    ([String: String](), "Bad Request: parameter \"name\" is required"),
                    (["name": ""], "Bad Request: parameter \"name\" is required"),
                    (["name": "../etc"], invalid),
                    (["name": "a b"], invalid),
                    (["name": "snap.shot"], invalid),
                    (["name": "ünï"], invalid),
                    (["name": String(repeating: "x", count: 65)], invalid),
                ] {
                    let answer = try await client.admin(method, parameters)
                    #expect(answer.status == 400 && answer.description == description, "\(method) \(parameters): \(answer.body)")
                }
            }
            let unknown = try await client.admin("restoreSnapshot", ["name": "nope"])
            #expect(unknown.status == 400 && unknown.description == "Bad Request: snapshot nope not found")
            // 64 characters is still a name.
            #expect(try await client.admin("saveSnapshot", ["name": String(repeating: "x", count: 64)]).ok)
        }
    }
}
