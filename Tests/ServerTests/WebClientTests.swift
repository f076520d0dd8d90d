import Engine
import Foundation
import Hummingbird
import Server
import Testing

/// The browser client's server side: its files, the chat list and history methods, the push
/// channel and the bots' call log (issue 12).
@Suite struct WebClientTests {
    // MARK: Serving

    @Test func theClientIsServedWithTypesCacheHeadersAndNoWayOut() async throws {
        try await TestWorld().run { client in
            let page = try await client.request("/", method: .get)
            #expect(page.status == 200 && page.contentType == "text/html; charset=utf-8")
            #expect(page.body.contains("<botapi-app") && page.body.contains("/app/app.js"))
            #expect(page.headers[.cacheControl] == "no-cache")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            let etag = try #require(page.headers[.eTag])
            let script = try await client.request("/app/app.js", method: .get)
            #expect(script.status == 200 && script.contentType == "text/javascript; charset=utf-8")
            let style = try await client.request("/app/styles/app.css", method: .get)
            #expect(style.status == 200 && style.contentType == "text/css; charset=utf-8")
            for path in ["/app/../Package.swift", "/app/%2e%2e/Package.swift", "/app/", "/app/nothing.js", "/app//app.js", "/app/../../Sources/Server/BotAPIServer.swift"] {
                let answer = try await client.request(path, method: .get)
                #expect(answer.status == 404, "\(path)")
            }
            let revalidated = try await client.client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag], body: nil) { $0.status.code }
            #expect(revalidated == 304)
        }
    }

    @Test func miniAppsGetTheWebAppScriptFromAnyOrigin() async throws {
        try await TestWorld().run { client in
            let script = try await client.request("/js/telegram-web-app.js", method: .get)
            #expect(script.status == 200 && script.contentType == "text/javascript; charset=utf-8")
            // Telegram's protocol: launch parameters from the fragment, events to the parent.
            #expect(script.body.contains("tgWebAppData") && script.body.contains("web_app_data_send"))
            #expect(script.headers[HTTPFields.Element.Name("Access-Control-Allow-Origin")!] == "*")
            #expect(script.headers[HTTPFields.Element.Name("Cross-Origin-Resource-Policy")!] == "cross-origin")
            // The client's own files stay same-origin only.
            let page = try await client.request("/", method: .get)
            #expect(page.headers[HTTPFields.Element.Name("Access-Control-Allow-Origin")!] == nil)
            #expect(try await client.request("/js/other.js", method: .get).status == 404)
        }
    }

    // MARK: Chats and history

    @Test func chatsListNewestFirstWithUnreadCountsAndHistoryAsTheUserSeesIt() async throws {
        try await TestWorld().run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser("Alice", username: "alice")
            #expect(try await client.user(user, "startBot", ["bot_id": "\(botID)"]).ok)
            for text in ["one", "*two*"] {
                #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": text, "parse_mode": "Markdown"]).ok)
            }
            let group = try await client.user(user, "createChat", ["type": "supergroup", "title": "Team"])
            let groupID = try #require(group.resultObject["id"] as? Int)
            let chats = try await client.user(user, "getChats")
            #expect(chats.ok && chats.resultArray.count == 2)
            let first = chats.resultArray.first ?? [:], second = chats.resultArray.last ?? [:]
            // Both have activity this second: the larger chat id first on a tie is not promised,
            // so find each by id.
            let byID = Dictionary(uniqueKeysWithValues: [first, second].map { (($0["chat"] as? [String: Any])?["id"] as? Int ?? 0, $0) })
            let privateChat = try #require(byID[botID])
            #expect((privateChat["user"] as? [String: Any])?["is_bot"] as? Bool == true)
            #expect(privateChat["unread_count"] as? Int == 2)
            #expect((privateChat["last_message"] as? [String: Any])?["text"] as? String == "two")
            #expect(byID[groupID]?["status"] as? String == "creator")

            let history = try await client.user(user, "getChatHistory", ["chat_id": "\(botID)"])
            #expect(history.resultArray.map { $0["text"] as? String } == ["/start", "one", "two"])
            #expect(history.resultArray.allSatisfy { ($0["chat"] as? [String: Any])?["id"] as? Int == botID })
            #expect(((history.resultArray.last?["entities"] as? [[String: Any]])?.first)?["type"] as? String == "bold")
            let older = try await client.user(user, "getChatHistory", ["chat_id": "\(botID)", "from_message_id": "3", "limit": "1"])
            #expect(older.resultArray.map { $0["text"] as? String } == ["one"])

            #expect(try await client.user(user, "readChatHistory", ["chat_id": "\(botID)"]).ok)
            let read = try await client.user(user, "getChats")
            let readEntry = read.resultArray.first { (($0["chat"] as? [String: Any])?["id"] as? Int) == botID }
            #expect(readEntry?["unread_count"] as? Int == 0 && readEntry?["last_read_message_id"] as? Int == 3)

            // Someone else's private chat, or a group the user is not in, is not readable.
            let (stranger, _) = try await client.createUser("Mallory")
            let notMember = try await client.user(stranger, "getChatHistory", ["chat_id": "\(groupID)"])
            #expect(notMember.status == 403 && notMember.description == "Forbidden: not a member of the chat")
            let noChat = try await client.user(stranger, "getChatHistory", ["chat_id": "\(botID)"])
            #expect(noChat.status == 400 && noChat.description == "Bad Request: chat not found")
            let members = try await client.user(user, "getChatMembers", ["chat_id": "\(groupID)"])
            #expect(members.resultArray.map { $0["status"] as? String } == ["creator"])
        }
    }

    // MARK: Push channel

    @Test func thePushChannelStreamsUpdatesResumesAfterLastEventIDAndCarriesChatActions() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            #expect(try await client.user(user, "startBot", ["bot_id": "\(botID)"]).ok)
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "first"]).ok)

            let stream = try await world.engine.openPushChannel(
                token: Substring(user), lastEventID: nil, keepAlive: .milliseconds(100), lifetime: .seconds(20)).get()
            var events = stream.makeAsyncIterator()
            let firstEvent = await Self.nextEvent(&events)
            let first = try #require(firstEvent)
            #expect(first.name == nil && String(decoding: first.data, as: UTF8.self).contains("\"text\":\"first\""))
            let firstID = try #require(first.id)

            // Live: a chat action, then a new message, in order.
            #expect(try await client.bot(bot, "sendChatAction", ["chat_id": "\(userID)", "action": "typing"]).ok)
            let actionEvent = await Self.nextEvent(&events)
            let action = try #require(actionEvent)
            #expect(action.name == "chat_action" && action.id == nil)
            let actionJSON = try JSONSerialization.jsonObject(with: Data(action.data)) as? [String: Any] ?? [:]
            #expect(actionJSON["action"] as? String == "typing" && (actionJSON["chat"] as? [String: Any])?["id"] as? Int == botID)
            #expect(try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "second"]).ok)
            let secondEvent = await Self.nextEvent(&events)
            let second = try #require(secondEvent)
            #expect(second.id == firstID + 1 && String(decoding: second.data, as: UTF8.self).contains("\"text\":\"second\""))

            // A reconnect with Last-Event-ID = the first update confirms it: only the second comes again,
            // and getUpdates agrees.
            let resumed = try await world.engine.openPushChannel(
                token: Substring(user), lastEventID: firstID, keepAlive: .milliseconds(100), lifetime: .seconds(20)).get()
            var again = resumed.makeAsyncIterator()
            let resumedEvent = await Self.nextEvent(&again)
            #expect(resumedEvent?.id == firstID + 1)
            let pending = try await client.user(user, "getUpdates")
            #expect(pending.resultArray.compactMap { $0["update_id"] as? Int } == [Int(firstID) + 1])

            // The SSE framing: one data line per JSON line, the update id as the event id.
            let framed = String(decoding: EventStreamFraming.encode(.event(second)), as: UTF8.self)
            #expect(framed.hasPrefix("id: \(firstID + 1)\ndata: {\"update_id\":\(firstID + 1),\ndata: \"message\":"))
            #expect(framed.hasSuffix("}\n\n"))
        }
    }

    @Test func thePushChannelNeedsAUserTokenAndEndsWhenItIsRevoked() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            let (user, userID) = try await client.createUser()
            let wrong = try await client.request("/user\(userID):nope/events", method: .get)
            #expect(wrong.status == 401 && wrong.description == "Unauthorized")
            let botToken = try await client.request("/bot\(bot)/events", method: .get)
            #expect(botToken.status == 404)
            let noBot = try await client.request("/admin\(TestWorld.adminToken)/events", method: .get)
            #expect(noBot.status == 400)

            let stream = try await world.engine.openPushChannel(
                token: Substring(user), lastEventID: nil, keepAlive: .milliseconds(50), lifetime: .seconds(60)).get()
            #expect(try await client.admin("revokeToken", ["user_id": "\(userID)"]).ok)
            #expect(try await client.user(user, "startBot", ["bot_id": "\(botID)"]).status == 401)
            // The revocation wakes the channel, which finds the token gone and ends, long
            // before its lifetime: within a few keep-alives.
            var iterator = stream.makeAsyncIterator()
            var ended = false
            for _ in 0..<40 {
                guard let item = await iterator.next() else { ended = true; break }
                if case .event = item { Issue.record("an event after the revocation") }
            }
            #expect(ended)
        }
    }

    // MARK: Call log

    @Test func theCallLogIsTheOwnersAndTheAdminsOnlyAndHidesSecrets() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (owner, ownerID) = try await client.createUser("Owner")
            let (other, _) = try await client.createUser("Other")
            let created = try await client.admin("createBot", ["username": "dev_bot", "first_name": "Dev", "owner_user_id": "\(ownerID)"])
            let bot = try #require(created.resultObject["token"] as? String)
            let botID = try #require((created.resultObject["user"] as? [String: Any])?["id"] as? Int)
            let secret = String(bot.split(separator: ":").last ?? "")

            #expect(try await client.bot(bot, "getMe").ok)
            let failed = try await client.bot(bot, "sendMessage", ["chat_id": "\(ownerID)", "text": "hi"])
            #expect(!failed.ok)
            _ = try await client.bot(bot, "setWebhook", ["url": "http://127.0.0.1:9/\(bot)", "secret_token": "s3cret"])
            _ = try await client.bot(bot, "noSuchMethod")

            let log = try await client.user(owner, "getBotCallLog", ["bot_id": "\(botID)"])
            #expect(log.ok)
            let entries = log.resultArray
            try #require(entries.count == 4, "\(log.body)")
            #expect(entries.map { $0["method"] as? String } == ["noSuchMethod", "setWebhook", "sendMessage", "getMe"])
            let send = entries[2]
            #expect(send["ok"] as? Bool == false && send["error_code"] as? Int == failed.status)
            #expect(send["description"] as? String == failed.description)
            #expect((send["parameters"] as? [String: Any])?["text"] as? String == "hi")
            #expect((entries[3]["result"] as? [String: Any])?["username"] as? String == "dev_bot")
            #expect(entries[0]["error_code"] as? Int == 404)
            #expect(!log.body.contains(secret) && !log.body.contains("s3cret"))
            #expect(log.body.contains("<hidden>"))
            let newest = try #require(entries.first?["id"] as? Int)
            let paged = try await client.user(owner, "getBotCallLog", ["bot_username": "dev_bot", "offset": "\(newest - 2)"])
            #expect(paged.resultArray.count == 2)

            let refused = try await client.user(other, "getBotCallLog", ["bot_id": "\(botID)"])
            #expect(refused.status == 403 && refused.description == "Forbidden: only the bot's owner can read its call log")
            let missing = try await client.user(owner, "getBotCallLog", ["bot_id": "\(ownerID)"])
            #expect(missing.status == 400 && missing.description == "Bad Request: bot not found")
            let admin = try await client.admin("getBotCallLog", ["bot_id": "\(botID)", "limit": "1"])
            #expect(admin.resultArray.count == 1 && admin.resultArray.first?["method"] as? String == "noSuchMethod")
            let botSurface = try await client.bot(bot, "getBotCallLog", ["bot_id": "\(botID)"])
            #expect(botSurface.status == 404)

            // Live: the owner's push channel gets each new call as a bot_call event.
            let stream = try await world.engine.openPushChannel(
                token: Substring(owner), lastEventID: nil, keepAlive: .milliseconds(100), lifetime: .seconds(20)).get()
            var events = stream.makeAsyncIterator()
            #expect(try await client.bot(bot, "getMyCommands").ok)
            let liveEvent = await Self.nextEvent(&events)
            let live = try #require(liveEvent)
            #expect(live.name == "bot_call" && String(decoding: live.data, as: UTF8.self).contains("\"method\":\"getMyCommands\""))
        }
    }

    @Test func theCallLogIsBounded() async throws {
        try await TestWorld().run { client in
            let (owner, ownerID) = try await client.createUser("Owner")
            let created = try await client.admin("createBot", ["username": "busy_bot", "first_name": "Busy", "owner_user_id": "\(ownerID)"])
            let bot = try #require(created.resultObject["token"] as? String)
            let botID = try #require((created.resultObject["user"] as? [String: Any])?["id"] as? Int)
            for _ in 0..<110 { _ = try await client.bot(bot, "getMe") }
            _ = try await client.bot(bot, "setMyDescription", ["description": String(repeating: "d", count: 5000)])
            let log = try await client.user(owner, "getBotCallLog", ["bot_id": "\(botID)", "limit": "1000"])
            #expect(log.resultArray.count == 100)
            let value = (log.resultArray.first?["parameters"] as? [String: Any])?["description"] as? String ?? ""
            #expect(value.utf8.count <= 1024 + 3 && value.hasSuffix("…"))
        }
    }

    /// The next event, skipping keep-alives (at most 200 of them).
    static func nextEvent(_ iterator: inout AsyncStream<PushItem>.Iterator) async -> PushEvent? {
        for _ in 0..<200 {
            guard let item = await iterator.next() else { return nil }
            if case .event(let event) = item { return event }
        }
        return nil
    }
}
