import BotAPI
import Engine
import Foundation
import HummingbirdTesting
import Server
import Storage
import Testing

/// Issue 10's reproducers: numbers that used to trap, internal failures, revoked tokens,
/// token guessing and the leftovers of failed uploads.
@Suite struct HardeningTests {
    // MARK: Numbers from requests

    @Test func chatIDsOutsideTelegramsRangesAreChatNotFoundOnEverySurfaceAndEncoding() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let bot = try await client.createBot()
            let user = try await client.createUser()
            let extremes = ["-9223372036854775808", "9223372036854775807", "-9223372036854775809", "99999999999999999999999", "-1000000000000", "1099511627776"]
            for prefix in ["bot\(bot.token)", "user\(user.token)"] {
                for chatID in extremes {
                    // Query string, form and JSON (as text and as a number).
                    let query = try await client.request("/\(prefix)/getChat?chat_id=\(chatID)", method: .get)
                    let form = try await client.call(prefix, "getChat", ["chat_id": chatID])
                    let jsonText = try await client.request(
                        "/\(prefix)/getChat", contentType: "application/json", body: #"{"chat_id":"\#(chatID)"}"#)
                    let jsonNumber = try await client.request(
                        "/\(prefix)/getChat", contentType: "application/json", body: #"{"chat_id":\#(chatID)}"#)
                    for answer in [query, form, jsonText, jsonNumber] {
                        #expect(answer.status == 400, "\(prefix) \(chatID): \(answer.body)")
                        #expect(answer.description == "Bad Request: chat not found", "\(prefix) \(chatID): \(answer.body)")
                    }
                }
                let forward = try await client.call(prefix, "forwardMessage", [
                    "chat_id": String(user.id), "from_chat_id": "-9223372036854775808", "message_id": "1",
                ])
                #expect(forward.status == 400 || forward.status == 403, "\(forward.body)")
            }
        }
    }

    @Test func hugeNumbersInsideJSONParametersAreRefusedOrIgnoredNeverTrapped() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let bot = try await client.createBot()
            let user = try await client.createUser()
            _ = try await client.user(user.token, "startBot", ["bot_id": String(bot.id)])
            // Entities are ignored when malformed, as the official server does.
            let entities = try await client.bot(bot.token, "sendMessage", [
                "chat_id": String(user.id), "text": "hello",
                "entities": #"[{"type":"bold","offset":9223372036854775807,"length":9223372036854775807}]"#,
            ])
            #expect(entities.ok, "\(entities.body)")
            let reply = try await client.bot(bot.token, "sendMessage", [
                "chat_id": String(user.id), "text": "hello",
                "reply_parameters": #"{"message_id":-9223372036854775808,"chat_id":-9223372036854775808}"#,
            ])
            #expect(reply.status == 400)
            #expect(reply.description == "Bad Request: can't parse reply parameters JSON object")
            let ids = try await client.bot(bot.token, "deleteMessages", [
                "chat_id": String(user.id), "message_ids": "[9223372036854775807]",
            ])
            #expect(ids.status < 500, "\(ids.body)")
        }
    }

    @Test func nonFiniteFloatsReadAsZero() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let bot = try await client.createBot()
            let user = try await client.createUser()
            let start = try await client.user(user.token, "startBot", ["bot_id": String(bot.id)])
            try #require(start.ok)
            let sent = try await client.bot(bot.token, "sendMessage", [
                "chat_id": String(user.id), "text": "press",
                "reply_markup": #"{"inline_keyboard":[[{"text":"go","callback_data":"go"}]]}"#,
            ])
            let messageID = try #require((sent.resultObject["message_id"] as? Int))
            for timeout in ["nan", "-nan", "inf", "-inf", "infinity", "1e400", "0x1p3"] {
                let answer = try await client.user(user.token, "sendCallbackQuery", [
                    "chat_id": String(bot.id), "message_id": String(messageID), "data": "go", "timeout": timeout,
                ])
                #expect(answer.description == "Bad Request: BOT_RESPONSE_TIMEOUT", "timeout=\(timeout): \(answer.body)")
            }
            let location = try await client.bot(bot.token, "sendLocation", [
                "chat_id": String(user.id), "latitude": "nan", "longitude": "inf",
            ])
            #expect(location.ok, "\(location.body)")
            let shown = location.resultObject["location"] as? [String: Any]
            #expect(shown?["latitude"] as? Double == 0)
            #expect(shown?["longitude"] as? Double == 0)
        }
    }

    // MARK: Internal failures

    @Test func internalFailuresAnswerAReferenceAndNoInternalText() async throws {
        // Files can't be written under a regular file: the upload fails inside the server.
        // SQLite on any test run, as only its files are on disk.
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-blocker-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8)))
        defer { try? FileManager.default.removeItem(at: blocker) }
        let engine = Engine(
            store: try SQLiteStore(path: TestWorld.newDatabasePath()), clock: ManualClock(), adminToken: TestWorld.adminToken,
            options: EngineOptions(filesDirectory: blocker.appendingPathComponent("files")))
        let app = try BotAPIServer.makeApplication(engine: engine, host: "127.0.0.1", port: 0)
        try await app.test(.router) { raw in
            let client = Client(client: raw)
            let bot = try await client.createBot()
            let user = try await client.createUser()
            _ = try await client.user(user.token, "startBot", ["bot_id": String(bot.id)])
            let boundary = "XyZ"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n\(user.id)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a.txt\"\r\n\r\nhello\r\n--\(boundary)--\r\n"
            let answer = try await client.request(
                "/bot\(bot.token)/sendDocument", contentType: "multipart/form-data; boundary=\(boundary)", body: body)
            #expect(answer.status == 500)
            #expect(answer.errorCode == 500)
            let description = try #require(answer.description)
            #expect(description.wholeMatch(of: /Internal Server Error: reference [0-9a-f]+/) != nil, "\(description)")
            #expect(!description.contains("/"))
        }
    }

    // MARK: Tokens

    @Test func aRevokedTokensParkedGetUpdatesEndsAtOnceWith401() async throws {
        let world = try TestWorld()
        try await world.run(.live) { client in
            let bot = try await client.createBot()
            async let parked = client.bot(bot.token, "getUpdates", ["timeout": "30"])
            // Wait (bounded) until the call is parked, then revoke.
            for _ in 0..<200 where !world.engine.hub.isParked(Int64(bot.id)) { try await Task.sleep(for: .milliseconds(10)) }
            #expect(world.engine.hub.isParked(Int64(bot.id)))
            let started = ContinuousClock.now
            // Through the engine: the test client has one connection, busy with the long poll.
            let revoked = await world.engine.call(
                surface: .admin, token: Substring(TestWorld.adminToken), method: "revokeToken", parameters: Parameters(["user_id": String(bot.id)]))
            #expect((try? revoked.get()) != nil)
            let answer = try await parked
            #expect(answer.status == 401)
            #expect(answer.description == "Unauthorized")
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test func aDeletedAccountsParkedGetUpdatesEndsWith401() async throws {
        let world = try TestWorld()
        try await world.run(.live) { client in
            let user = try await client.createUser()
            async let parked = client.user(user.token, "getUpdates", ["timeout": "30"])
            for _ in 0..<200 where !world.engine.hub.isParked(Int64(user.id)) { try await Task.sleep(for: .milliseconds(10)) }
            let deleted = await world.engine.call(
                surface: .admin, token: Substring(TestWorld.adminToken), method: "deleteUser", parameters: Parameters(["user_id": String(user.id)]))
            #expect((try? deleted.get()) != nil)
            let answer = try await parked
            #expect(answer.status == 401)
        }
    }

    @Test func aRevokedUsersWaitingCallbackQueryEndsWith401() async throws {
        let world = try TestWorld()
        try await world.run(.live) { client in
            let bot = try await client.createBot()
            let user = try await client.createUser()
            #expect(try await client.user(user.token, "startBot", ["bot_id": String(bot.id)]).ok)
            let sent = try await client.bot(bot.token, "sendMessage", [
                "chat_id": String(user.id), "text": "press",
                "reply_markup": #"{"inline_keyboard":[[{"text":"go","callback_data":"go"}]]}"#,
            ])
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            let started = ContinuousClock.now
            async let waiting = client.user(user.token, "sendCallbackQuery", [
                "chat_id": String(bot.id), "message_id": String(messageID), "data": "go", "timeout": "30",
            ])
            for _ in 0..<200 where world.engine.hub.version(of: Int64(bot.id)) < 2 { try await Task.sleep(for: .milliseconds(10)) }
            try await Task.sleep(for: .milliseconds(100))
            let revoked = await world.engine.call(
                surface: .admin, token: Substring(TestWorld.adminToken), method: "revokeToken", parameters: Parameters(["user_id": String(user.id)]))
            #expect((try? revoked.get()) != nil)
            let answer = try await waiting
            #expect(answer.status == 401, "\(answer.body)")
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test func repeatedWrongTokensAreThrottledWithoutSlowingOtherTokens() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let bot = try await client.createBot()
            let other = try await client.createBot("other_bot")
            let wrong = "\(bot.id):AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            var statuses: [Int] = []
            for _ in 0..<31 { statuses.append(try await client.bot(wrong, "getMe").status) }
            #expect(statuses.prefix(30).allSatisfy { $0 == 401 })
            let refused = try await client.bot(wrong, "getMe")
            #expect(refused.status == 429)
            #expect(refused.description?.hasPrefix("Too Many Requests: retry after ") == true)
            let retryAfter = (refused.json["parameters"] as? [String: Any])?["retry_after"] as? Int
            #expect((1...61).contains(retryAfter ?? 0))
            #expect(refused.headers[.retryAfter] == retryAfter.map(String.init))
            // Another bot's good token is not slowed.
            #expect(try await client.bot(other.token, "getMe").ok)
            // The admin surface is throttled on its own; bots are not affected.
            for _ in 0..<30 { _ = try await client.call("adminwrong", "getUsers") }
            #expect(try await client.call("adminwrong", "getUsers").status == 429)
            #expect(try await client.bot(other.token, "getMe").ok)
        }
    }

    // MARK: Failed uploads

    @Test func aFailedUploadLeavesNoFileBehind() async throws {
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-files-\(UUID().uuidString)")
        let engine = Engine(
            store: try TestStores.open(path: TestWorld.newDatabasePath()), clock: ManualClock(), adminToken: TestWorld.adminToken,
            options: EngineOptions(filesDirectory: files))
        let app = try BotAPIServer.makeApplication(engine: engine, host: "127.0.0.1", port: 0)
        try await app.test(.router) { raw in
            let client = Client(client: raw)
            let bot = try await client.createBot()
            let user = try await client.createUser()
            // The user never started the bot: the send fails after the upload was stored.
            let boundary = "XyZ"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n\(user.id)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a.txt\"\r\n\r\nunsent bytes\r\n--\(boundary)--\r\n"
            let answer = try await client.request(
                "/bot\(bot.token)/sendDocument", contentType: "multipart/form-data; boundary=\(boundary)", body: body)
            #expect(answer.status == 403 || answer.status == 400, "\(answer.body)")
            #expect(try engine.blobStore.digests().isEmpty)

            // The same bytes sent successfully stay.
            _ = try await client.user(user.token, "startBot", ["bot_id": String(bot.id)])
            let sent = try await client.request(
                "/bot\(bot.token)/sendDocument", contentType: "multipart/form-data; boundary=\(boundary)", body: body)
            #expect(sent.ok, "\(sent.body)")
            #expect(try engine.blobStore.digests().count == 1)
        }
    }

    @Test func theStartUpSweepRemovesPartialFilesAndUnusedBlobs() async throws {
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-files-\(UUID().uuidString)")
        let engine = Engine(
            store: try TestStores.open(path: TestWorld.newDatabasePath()), clock: ManualClock(), adminToken: TestWorld.adminToken,
            options: EngineOptions(filesDirectory: files))
        // A blob no row names, wherever the store keeps them; a partial write on disk (a
        // blob with SQLite, a local-mode copy with PostgreSQL).
        let orphan = "ab" + String(repeating: "0", count: 62)
        #expect(try engine.blobStore.store(Data("x".utf8), sha256: orphan))
        let folder = files.appendingPathComponent("ab", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(".\(orphan).123.part").path, contents: Data("x".utf8)))
        // A blob file no row names: an orphan with SQLite, a local-mode copy with PostgreSQL.
        let onDisk = String(repeating: "d", count: 64)
        try FileManager.default.createDirectory(at: files.appendingPathComponent("dd"), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: files.appendingPathComponent("dd/" + onDisk).path, contents: Data("y".utf8)))
        let onlyDisk = engine.blobStore is DiskBlobStore
        // A stored file's blob stays.
        let kept = try await engine.store.write { tx in
            try tx.insert(FileRecord(sha256: String(repeating: "c", count: 64), size: 4, accessKey: 1, mimeType: nil, width: nil,
                                     height: nil, fileName: nil, createdAt: 0))
        }
        #expect(try engine.blobStore.store(Data("kept".utf8), sha256: kept.sha256))
        let swept = try await engine.sweepFileVault()
        #expect(swept.blobs == (onlyDisk ? 2 : 1))
        #expect(swept.temporaryFiles == 1)
        #expect(try engine.blobStore.digests() == [kept.sha256])
        #expect(Self.storedFiles(in: files) == (onlyDisk ? ["cc/" + kept.sha256] : []))
    }

    /// Every regular file under `directory`.
    static func storedFiles(in directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
    }
}
