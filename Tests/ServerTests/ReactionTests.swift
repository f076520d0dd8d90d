import Foundation
import Testing

/// setMessageReaction for bots and users, and the `message_reaction` updates bots ask for
/// (issue 4, item 6). `message_reaction_count` is for anonymous channel reactions, which
/// private chats don't have.
@Suite struct ReactionTests {
    static func emoji(_ list: Any?) -> [String] {
        (list as? [[String: Any]] ?? []).compactMap { $0["emoji"] as? String }
    }

    @Test func botsThatAskedSeeOldAndNewReactionsAcrossRestarts() async throws {
        let world = try TestWorld()
        let (pair, messageID) = try await world.run { client in
            let pair = try await client.chatPair()
            _ = try await client.bot(pair.bot, "getUpdates", ["allowed_updates": #"["message", "message_reaction"]"#])
            let sent = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "rate me"])
            let messageID = sent.resultObject["message_id"] as? Int ?? 0
            let liked = try await client.user(pair.user, "setMessageReaction", [
                "chat_id": "\(pair.botID)", "message_id": "\(messageID)", "reaction": #"[{"type": "emoji", "emoji": "👍"}]"#,
            ])
            #expect(liked.ok && liked.result as? Bool == true, "\(liked.body)")
            let updates = try await client.drainUpdates(bot: pair.bot).compactMap { $0["message_reaction"] as? [String: Any] }
            #expect(updates.count == 1)
            let update = updates.first ?? [:]
            #expect((update["chat"] as? [String: Any])?["id"] as? Int == pair.userID && update["message_id"] as? Int == messageID)
            #expect((update["user"] as? [String: Any])?["id"] as? Int == pair.userID && update["date"] is Int)
            #expect(Self.emoji(update["old_reaction"]) == [] && Self.emoji(update["new_reaction"]) == ["👍"])
            return (pair, messageID)
        }
        try await world.restarted().run { client in
            let target = ["chat_id": "\(pair.botID)", "message_id": "\(messageID)"]
            // The same reaction again changes nothing: the state survived the restart.
            #expect(try await client.user(pair.user, "setMessageReaction", target.merging(["reaction": #"[{"type":"emoji","emoji":"👍"}]"#]) { $1 }).ok)
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)
            #expect(try await client.user(pair.user, "setMessageReaction", target.merging(["reaction": #"[{"type":"emoji","emoji":"🔥"}]"#]) { $1 }).ok)
            #expect(try await client.user(pair.user, "setMessageReaction", target).ok)
            let updates = try await client.drainUpdates(bot: pair.bot).compactMap { $0["message_reaction"] as? [String: Any] }
            #expect(updates.map { Self.emoji($0["old_reaction"]) } == [["👍"], ["🔥"]])
            #expect(updates.map { Self.emoji($0["new_reaction"]) } == [["🔥"], []])
        }
    }

    @Test func reactionsAreNotSentToBotsThatDidNotAsk() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "x"])
            let reacted = try await client.user(pair.user, "setMessageReaction", [
                "chat_id": "\(pair.botID)", "message_id": "\(sent.resultObject["message_id"] as? Int ?? 0)",
                "reaction": #"[{"type":"emoji","emoji":"❤"}]"#,
            ])
            #expect(reacted.ok)
            #expect(try await client.drainUpdates(bot: pair.bot).isEmpty)
        }
    }

    @Test func invalidReactionsAreRefused() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let mine = try await client.user(pair.user, "sendMessage", ["chat_id": "\(pair.botID)", "text": "hello"])
            let target = ["chat_id": "\(pair.userID)", "message_id": "\(mine.resultObject["message_id"] as? Int ?? 0)"]
            func react(_ reaction: String, _ parameters: [String: String]? = nil) async throws -> Answer {
                try await client.bot(pair.bot, "setMessageReaction", (parameters ?? target).merging(["reaction": reaction]) { $1 })
            }
            #expect(try await react(#"[{"type":"emoji","emoji":"🦖"}]"#).description == "Bad Request: REACTION_INVALID")
            #expect(try await react(#"[{"type":"custom_emoji","custom_emoji_id":"123"}]"#).description == "Bad Request: REACTION_INVALID")
            #expect(try await react(#"[{"type":"paid"}]"#).description == "Bad Request: REACTION_INVALID")
            #expect(try await react(#"[{"type":"emoji","emoji":"👍"},{"type":"emoji","emoji":"🔥"}]"#).description == "Bad Request: REACTIONS_TOO_MANY")
            #expect(try await react("[{").description == "Bad Request: can't parse reaction types JSON object")
            #expect(try await react("[]", ["chat_id": "\(pair.userID)", "message_id": "999"]).description == "Bad Request: message to react not found")
            #expect(try await react("[]", ["chat_id": "\(pair.userID)"]).description == "Bad Request: message to react not found")
            // A bot may react once, and the emoji presentation selector is ignored.
            #expect(try await react(#"[{"type":"emoji","emoji":"❤️"},{"type":"emoji","emoji":"❤"}]"#, nil).ok)
            #expect(try await react(#"[{"type":"emoji","emoji":"👍"}]"#).ok)
            // The user sees the counts of the two reactions that were set, and nothing of the refused ones.
            let updates = try await client.drainUpdates(user: pair.user)
            #expect(updates.count == 2 && updates.allSatisfy { $0["message_reaction_count"] != nil })
        }
    }
}
