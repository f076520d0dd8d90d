import Foundation
import Testing

/// Profile photos, emoji statuses (issue 11, item 6) and removing others' reactions.
@Suite struct ProfileTests {
    @Test func profilePhotosNewestFirstForThoseWhoSeeTheAccount() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let first = try await client.upload("user\(pair.user)", "setProfilePhoto", [:], files: [("photo", "a.png", nil, FileTests.png(width: 40, height: 30))])
            #expect(first.ok && first.result as? Bool == true, "\(first.body)")
            _ = try await client.upload("user\(pair.user)", "setProfilePhoto", [:], files: [("photo", "b.png", nil, FileTests.png(width: 20, height: 20))])
            let photos = try await client.bot(pair.bot, "getUserProfilePhotos", ["user_id": "\(pair.userID)"])
            #expect(photos.resultObject["total_count"] as? Int == 2, "\(photos.body)")
            let ladders = photos.resultObject["photos"] as? [[[String: Any]]] ?? []
            #expect(ladders.map { $0.last?["width"] as? Int } == [20, 40])
            // The bot may use what it read.
            let fileID = ladders.first?.last?["file_id"] as? String ?? ""
            #expect(try await client.bot(pair.bot, "getFile", ["file_id": fileID]).ok)
            let page = try await client.bot(pair.bot, "getUserProfilePhotos", ["user_id": "\(pair.userID)", "offset": "1", "limit": "5"])
            #expect(page.resultObject["total_count"] as? Int == 2 && (page.resultObject["photos"] as? [Any])?.count == 1)
            // The private chat shows the newest photo.
            let chat = try await client.bot(pair.bot, "getChat", ["chat_id": "\(pair.userID)"]).resultObject
            #expect((chat["photo"] as? [String: Any])?["big_file_id"] as? String == fileID)
            // A bot that never met the user can't read them.
            let (stranger, _) = try await client.createBot("stranger_bot", name: "Stranger")
            #expect(try await client.bot(stranger, "getUserProfilePhotos", ["user_id": "\(pair.userID)"]).description == "Bad Request: user not found")
            #expect(try await client.bot(stranger, "getFile", ["file_id": fileID]).description == "Bad Request: wrong file identifier/HTTP URL specified")
            #expect(try await client.bot(pair.bot, "getUserProfilePhotos", ["user_id": "0"]).description == "Bad Request: invalid user_id specified")
            let notImage = try await client.upload("user\(pair.user)", "setProfilePhoto", [:], files: [("photo", "a.txt", nil, Array("text".utf8))])
            #expect(notImage.description == "Bad Request: IMAGE_PROCESS_FAILED")
        }
    }

    @Test func botsSetAndRemoveTheirOwnPhoto() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let set = try await client.upload("bot\(pair.bot)", "setMyProfilePhoto", ["photo": #"{"type":"static","photo":"attach://p"}"#],
                                              files: [("p", "p.png", nil, FileTests.png(width: 16, height: 16))])
            #expect(set.ok, "\(set.body)")
            #expect(try await client.user(pair.user, "getUserProfilePhotos", ["user_id": "\(pair.botID)"]).resultObject["total_count"] as? Int == 1)
            #expect(try await client.bot(pair.bot, "removeMyProfilePhoto").ok)
            #expect(try await client.user(pair.user, "getUserProfilePhotos", ["user_id": "\(pair.botID)"]).resultObject["total_count"] as? Int == 0)
            #expect(try await client.bot(pair.bot, "setMyProfilePhoto", ["photo": #"{"type":"static","photo":"AgADBAAD"}"#]).description
                == "Bad Request: photo must be uploaded as a file")
            #expect(try await client.bot(pair.bot, "setMyProfilePhoto", ["photo": #"{"type":"round","photo":"attach://p"}"#]).description
                == "Bad Request: invalid profile photo type specified")
            #expect(try await client.bot(pair.bot, "setMyProfilePhoto").description == "Bad Request: photo isn't specified")
        }
    }

    @Test func profileAudiosAreListedNewestFirst() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let mp3 = Array("ID3".utf8) + [UInt8](repeating: 7, count: 64)
            let saved = try await client.upload("user\(pair.user)", "saveProfileAudio", ["title": "Song", "performer": "Band", "duration": "31"],
                                                files: [("audio", "song.mp3", nil, mp3)])
            #expect(saved.ok, "\(saved.body)")
            _ = try await client.upload("user\(pair.user)", "saveProfileAudio", ["title": "Other"], files: [("audio", "b.mp3", nil, mp3 + [1])])
            let list = try await client.bot(pair.bot, "getUserProfileAudios", ["user_id": "\(pair.userID)"]).resultObject
            let audios = list["audios"] as? [[String: Any]] ?? []
            #expect(list["total_count"] as? Int == 2 && audios.map { $0["title"] as? String } == ["Other", "Song"])
            #expect(audios.last?["performer"] as? String == "Band" && audios.last?["duration"] as? Int == 31)
            let fileID = audios.last?["file_id"] as? String ?? ""
            #expect(try await client.bot(pair.bot, "sendAudio", ["chat_id": "\(pair.userID)", "audio": fileID]).ok)
            #expect(try await client.user(pair.user, "saveProfileAudio", ["audio": fileID, "unsave": "true"]).ok)
            let after = try await client.bot(pair.bot, "getUserProfileAudios", ["user_id": "\(pair.userID)", "limit": "0"]).resultObject
            #expect(after["total_count"] as? Int == 1 && (after["audios"] as? [Any])?.count == 1)
        }
    }

    @Test func emojiStatusesNeedTheUsersPermission() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let icon = try await client.bot(pair.bot, "getForumTopicIconStickers").resultArray.first?["custom_emoji_id"] as? String ?? ""
            let status = ["user_id": "\(pair.userID)", "emoji_status_custom_emoji_id": icon, "emoji_status_expiration_date": "4102444800"]
            #expect(try await client.bot(pair.bot, "setUserEmojiStatus", status).description == "Bad Request: USER_PERMISSION_DENIED")
            #expect(try await client.user(pair.user, "toggleEmojiStatusPermission", ["bot_id": "\(pair.botID)", "enabled": "true"]).ok)
            #expect(try await client.bot(pair.bot, "setUserEmojiStatus", status).ok)
            var chat = try await client.bot(pair.bot, "getChat", ["chat_id": "\(pair.userID)"]).resultObject
            #expect(chat["emoji_status_custom_emoji_id"] as? String == icon && chat["emoji_status_expiration_date"] as? Int == 4_102_444_800)
            #expect(try await client.bot(pair.bot, "setUserEmojiStatus", status.merging(["emoji_status_custom_emoji_id": "77"]) { $1 }).description
                == "Bad Request: DOCUMENT_INVALID")
            #expect(try await client.bot(pair.bot, "setUserEmojiStatus", ["user_id": "\(pair.userID)"]).ok)
            chat = try await client.bot(pair.bot, "getChat", ["chat_id": "\(pair.userID)"]).resultObject
            #expect(chat["emoji_status_custom_emoji_id"] == nil)
            #expect(try await client.user(pair.user, "toggleEmojiStatusPermission", ["bot_username": "echo_bot", "enabled": "false"]).ok)
            #expect(try await client.bot(pair.bot, "setUserEmojiStatus", status).description == "Bad Request: USER_PERMISSION_DENIED")
        }
    }

    @Test func administratorsRemoveOthersReactions() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot()
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID, bobID])
            _ = try await client.bot(bot, "getUpdates", ["allowed_updates": #"["message","message_reaction"]"#])
            var ids: [Int] = []
            for text in ["one", "two"] {
                ids.append(try await client.user(alice, "sendMessage", ["chat_id": "\(chatID)", "text": text]).resultObject["message_id"] as? Int ?? 0)
            }
            for id in ids {
                let reacted = try await client.user(bob, "setMessageReaction", [
                    "chat_id": "\(chatID)", "message_id": "\(id)", "reaction": #"[{"type":"emoji","emoji":"👍"}]"#,
                ])
                try #require(reacted.ok, "\(reacted.body)")
            }
            let target = ["chat_id": "\(chatID)", "message_id": "\(ids[0])", "user_id": "\(bobID)"]
            #expect(try await client.bot(bot, "deleteMessageReaction", target).description == "Bad Request: CHAT_ADMIN_REQUIRED")
            try await ChatSetup.makeAdmin(world, chatID: chatID, accountID: botID, rights: ["can_delete_messages"])
            _ = try await client.drainUpdates(bot: bot)
            #expect(try await client.bot(bot, "deleteMessageReaction", target).ok)
            var changes = try await client.drainUpdates(bot: bot).compactMap { $0["message_reaction"] as? [String: Any] }
            #expect(changes.count == 1 && changes.first?["message_id"] as? Int == ids[0] && (changes.first?["new_reaction"] as? [Any])?.isEmpty == true)
            #expect(try await client.bot(bot, "deleteMessageReaction", target.merging(["message_id": "999"]) { $1 }).description
                == "Bad Request: message to delete reactions not found")
            #expect(try await client.bot(bot, "deleteAllMessageReactions", ["chat_id": "\(chatID)", "user_id": "\(bobID)"]).ok)
            changes = try await client.drainUpdates(bot: bot).compactMap { $0["message_reaction"] as? [String: Any] }
            #expect(changes.map { $0["message_id"] as? Int } == [ids[1]])
            // Nothing left to remove: nothing happens.
            #expect(try await client.bot(bot, "deleteAllMessageReactions", ["chat_id": "\(chatID)", "user_id": "\(bobID)"]).ok)
            #expect(try await client.drainUpdates(bot: bot).isEmpty)
        }
    }
}
