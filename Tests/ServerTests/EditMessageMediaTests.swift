import Foundation
import Testing

/// editMessageMedia (issue 4, item 4): the new file replaces the old one, the other side sees
/// an `edited_message`, and the official refusals.
@Suite struct EditMessageMediaTests {
    @Test func aPhotoBecomesAnotherPhotoAndTheUserSeesTheEdit() async throws {
        try await TestWorld().run { client in
            let (bot, _, user, userID) = try await FileTests.botAndUser(client)
            let sent = try await client.upload("bot\(bot)", "sendPhoto", ["chat_id": "\(userID)", "caption": "before"],
                                               files: [("photo", "a.png", "image/png", FileTests.png(width: 4, height: 2))])
            let messageID = try #require(sent.resultObject["message_id"] as? Int)
            let media = "{\"type\":\"photo\",\"media\":\"attach://next\",\"caption\":\"<i>after</i>\",\"parse_mode\":\"HTML\"}"
            let edited = try await client.upload("bot\(bot)", "editMessageMedia", [
                "chat_id": "\(userID)", "message_id": "\(messageID)", "media": media,
            ], files: [("next", "b.png", "image/png", FileTests.png(width: 9, height: 5, shade: 0x10))])
            #expect(edited.ok, "\(edited.body)")
            let photo = try #require((edited.resultObject["photo"] as? [[String: Any]])?.last)
            #expect(photo["width"] as? Int == 9 && photo["height"] as? Int == 5)
            #expect(edited.resultObject["caption"] as? String == "after" && edited.resultObject["edit_date"] != nil)

            let updates = try await client.user(user, "getUpdates", ["timeout": "0"]).resultArray
            let seen = try #require(updates.last?["edited_message"] as? [String: Any])
            #expect(((seen["photo"] as? [[String: Any]])?.last?["width"]) as? Int == 9)

            // A document can replace the photo, too; a text message has no media to replace.
            let document = try await client.upload("bot\(bot)", "editMessageMedia", [
                "chat_id": "\(userID)", "message_id": "\(messageID)", "media": "{\"type\":\"document\",\"media\":\"attach://doc\"}",
            ], files: [("doc", "notes.txt", "text/plain", Array("hello".utf8))])
            #expect((document.resultObject["document"] as? [String: Any])?["file_name"] as? String == "notes.txt")
            #expect(document.resultObject["photo"] == nil)
            let text = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "plain"])
            let refused = try await client.bot(bot, "editMessageMedia", [
                "chat_id": "\(userID)", "message_id": "\(text.resultObject["message_id"] as? Int ?? 0)",
                "media": "{\"type\":\"photo\",\"media\":\"\(photo["file_id"] as? String ?? "")\"}",
            ])
            #expect(refused.description == "Bad Request: message can't be edited")
        }
    }

    @Test func malformedMediaGetsTheOfficialErrors() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await FileTests.botAndUser(client)
            let base = ["chat_id": "\(userID)", "message_id": "1"]
            #expect(try await client.bot(bot, "editMessageMedia", base).description == "Bad Request: parameter \"media\" is required")
            let notJSON = try await client.bot(bot, "editMessageMedia", base.merging(["media": "nope"]) { $1 })
            #expect(notJSON.description == "Bad Request: can't parse input media JSON object")
            let noType = try await client.bot(bot, "editMessageMedia", base.merging(["media": "{\"media\":\"x\"}"]) { $1 })
            #expect(noType.description == "Bad Request: can't parse InputMedia: Can't find field \"type\"")
            let missingFile = try await client.bot(bot, "editMessageMedia", base.merging(["media": "{\"type\":\"photo\",\"media\":\"attach://gone\"}"]) { $1 })
            #expect(missingFile.description == "Bad Request: can't parse InputMedia: media not found")
            let noTarget = try await client.bot(bot, "editMessageMedia", ["media": "{\"type\":\"photo\",\"media\":\"x\"}"])
            #expect(noTarget.description == "Bad Request: message identifier is not specified")
        }
    }
}
