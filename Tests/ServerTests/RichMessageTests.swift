import Foundation
import Testing

/// Rich messages, message drafts and live photos (issue 14, item 3): sendRichMessage with
/// every block kind, HTML and Markdown input, the documented limits, rich edits; drafts
/// streamed to the user, stopped by the user, expiring; sendLivePhoto and live photos in
/// albums and edits.
@Suite struct RichMessageTests {
    static func json(_ object: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The last update of `kind` in the user's queue, as an object.
    func lastUpdate(_ updates: [[String: Any]], _ kind: String) -> [String: Any]? {
        updates.last { $0[kind] != nil }?[kind] as? [String: Any]
    }

    @Test func everyBlockKindReachesTheUserAsARichMessage() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let png = FileTests.png(width: 40, height: 30)
            let item: ([String: Any]) -> [String: Any] = { ["blocks": [["type": "paragraph", "text": $0["t"]!]]].merging($0.filter { $0.key != "t" }) { $1 } }
            let blocks: [[String: Any]] = [
                ["type": "heading", "text": ["type": "bold", "text": "Title"], "size": 1],
                ["type": "paragraph", "text": ["See https://example.com and ", ["type": "text_mention", "text": "you", "user": ["id": pair.userID, "is_bot": false, "first_name": "x"]]]],
                ["type": "pre", "text": "let x = 1 // https://not.detected", "language": "swift"],
                ["type": "footer", "text": "Footer"],
                ["type": "divider"],
                ["type": "mathematical_expression", "expression": "E = mc^2"],
                ["type": "anchor", "name": "top"],
                ["type": "list", "items": [item(["t": "one", "type": "I", "value": 4]), item(["t": "two", "has_checkbox": true, "is_checked": true])]],
                ["type": "blockquote", "blocks": [["type": "paragraph", "text": "Quoted"]], "credit": "Someone"],
                ["type": "expandable_blockquote", "text": "Long quote"],
                ["type": "pullquote", "text": "Pull"],
                ["type": "collage", "blocks": [["type": "photo", "photo": ["type": "photo", "media": "attach://pic"]]], "caption": ["text": "Collage"]],
                ["type": "slideshow", "blocks": [["type": "photo", "photo": ["type": "photo", "media": "tg://photo?id=p1"]]]],
                ["type": "table", "cells": [[["text": "A", "is_header": true, "align": "left", "valign": "top"], ["text": "B", "align": "right", "valign": "bottom"]]], "is_bordered": true],
                ["type": "details", "summary": "More", "blocks": [["type": "paragraph", "text": "Hidden"]], "is_open": true],
                ["type": "map", "location": ["latitude": 51.5, "longitude": -0.12]],
                ["type": "buttons", "buttons": [["text": "Open", "url": "https://example.com"], ["text": "Go", "callback_data": "go", "style": "primary"]], "align": "center"],
                ["type": "paragraph", "text": ["type": "italic", "text": ["type": "marked", "text": ["type": "superscript", "text": "deep"]]]],
            ]
            let rich = Self.json(["blocks": blocks, "media": [["id": "p1", "media": ["type": "photo", "media": "attach://pic"]]]])
            let sent = try await client.upload("bot\(pair.bot)", "sendRichMessage", ["chat_id": "\(pair.userID)", "rich_message": rich],
                                               files: [("pic", "pic.png", "image/png", png)])
            #expect(sent.ok, "\(sent.body)")
            #expect(sent.resultObject["text"] == nil)
            let shown = try #require(sent.resultObject["rich_message"] as? [String: Any])
            let out = try #require(shown["blocks"] as? [[String: Any]])
            #expect(out.map { $0["type"] as? String ?? "" } == blocks.map { $0["type"] as? String ?? "" })
            // Detected URL; the text mention names the user as the bot knows them.
            let paragraph = try #require(out[1]["text"] as? [Any])
            let detected = try #require((paragraph.first as? [Any])?.compactMap { $0 as? [String: Any] }.first)
            #expect(detected["type"] as? String == "url" && detected["url"] as? String == "https://example.com")
            let mention = try #require(paragraph.last as? [String: Any])
            #expect((mention["user"] as? [String: Any])?["first_name"] as? String == "Alice")
            // Nothing is detected in code.
            #expect(out[2]["text"] as? String == "let x = 1 // https://not.detected")
            let items = try #require(out[7]["items"] as? [[String: Any]])
            #expect(items.map { $0["label"] as? String } == ["IV.", "•"])
            let collagePhoto = try #require((out[11]["blocks"] as? [[String: Any]])?.first?["photo"] as? [[String: Any]])
            let slidePhoto = try #require((out[12]["blocks"] as? [[String: Any]])?.first?["photo"] as? [[String: Any]])
            #expect(collagePhoto.last?["width"] as? Int == 40 && collagePhoto.last?["file_unique_id"] as? String == slidePhoto.last?["file_unique_id"] as? String)
            #expect(out[15]["zoom"] as? Int == 15 && out[15]["width"] as? Int == 600 && out[15]["height"] as? Int == 300)

            let received = try await client.drainUpdates(user: pair.user)
            let message = try #require(lastUpdate(received, "message"))
            #expect((message["rich_message"] as? [String: Any])?["blocks"] as? [[String: Any]] != nil)
            let fileID = try #require(collagePhoto.last?["file_id"] as? String)
            // The photo came with the message, so the user may download it.
            #expect(try await client.user(pair.user, "getFile", ["file_id": fileID]).ok)
        }
    }

    @Test func htmlAndMarkdownBecomeBlocks() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let html = "<h2>News</h2><p>Hello <b>world</b> &amp; <a href=\"https://t.me\">link</a></p><ul><li>one</li><li>two</li></ul><hr/><pre><code class=\"language-py\">print(1)</code></pre>"
            let fromHTML = try await client.bot(pair.bot, "sendRichMessage", ["chat_id": "\(pair.userID)", "rich_message": Self.json(["html": html])])
            #expect(fromHTML.ok, "\(fromHTML.body)")
            let htmlBlocks = try #require((fromHTML.resultObject["rich_message"] as? [String: Any])?["blocks"] as? [[String: Any]])
            #expect(htmlBlocks.map { $0["type"] as? String ?? "" } == ["heading", "paragraph", "list", "divider", "pre"])
            #expect(htmlBlocks[0]["size"] as? Int == 2 && htmlBlocks[4]["language"] as? String == "py")
            #expect(Self.json(htmlBlocks[1]["text"]!) == Self.json(["Hello ", ["type": "bold", "text": "world"], " & ", ["type": "url", "text": "link", "url": "https://t.me"]] as [Any]))

            let markdown = "# Title\n\nSome **bold** and `code`\n\n- [x] done\n- [ ] todo\n\n1. first\n2. second\n\n> quoted\n\n$$x^2$$"
            let fromMarkdown = try await client.bot(pair.bot, "sendRichMessage", ["chat_id": "\(pair.userID)", "rich_message": Self.json(["markdown": markdown])])
            #expect(fromMarkdown.ok, "\(fromMarkdown.body)")
            let mdBlocks = try #require((fromMarkdown.resultObject["rich_message"] as? [String: Any])?["blocks"] as? [[String: Any]])
            #expect(mdBlocks.map { $0["type"] as? String ?? "" } == ["heading", "paragraph", "list", "list", "blockquote", "mathematical_expression"])
            let checks = try #require(mdBlocks[2]["items"] as? [[String: Any]])
            #expect(checks.map { $0["is_checked"] as? Bool ?? false } == [true, false] && checks.allSatisfy { $0["has_checkbox"] as? Bool == true })
            #expect((mdBlocks[3]["items"] as? [[String: Any]])?.map { $0["label"] as? String } == ["1.", "2."])
            #expect(mdBlocks[5]["expression"] as? String == "x^2")
        }
    }

    @Test func richMessagesAreCheckedAgainstTheDocumentedLimits() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            func send(_ rich: Any) async throws -> String? {
                try await client.bot(pair.bot, "sendRichMessage", ["chat_id": "\(pair.userID)", "rich_message": Self.json(rich)]).description
            }
            let paragraph: [String: Any] = ["type": "paragraph", "text": "x"]
            #expect(try await client.bot(pair.bot, "sendRichMessage", ["chat_id": "\(pair.userID)"]).description
                == "Bad Request: parameter \"rich_message\" is required")
            let exactlyOne = "Bad Request: exactly one of the fields html, markdown or blocks must be specified in the rich message"
            #expect(try await send([String: Any]()) == exactlyOne)
            #expect(try await send(["blocks": [paragraph], "html": "<p>x</p>"]) == exactlyOne)
            #expect(try await send(["blocks": [Any]()]) == "Bad Request: rich message must be non-empty")
            #expect(try await send(["blocks": [["type": "thinking", "text": "hmm"]]]) == "Bad Request: thinking blocks can be used only in message drafts")
            #expect(try await send(["blocks": [["type": "heading", "text": "x", "size": 7]]]) == "Bad Request: heading size must be between 1 and 6")
            #expect(try await send(["blocks": Array(repeating: paragraph, count: 501)]) == "Bad Request: rich message contains too many blocks")
            #expect(try await send(["blocks": Array(repeating: paragraph, count: 500)]) == nil)
            let longText: [String: Any] = ["type": "paragraph", "text": String(repeating: "a", count: 20000)]
            #expect(try await send(["blocks": [longText, longText]]) == "Bad Request: rich message is too long")
            var nested: [String: Any] = paragraph
            for _ in 0..<16 { nested = ["type": "blockquote", "blocks": [nested]] }
            #expect(try await send(["blocks": [nested]]) == "Bad Request: rich message nesting is too deep")
            let row = Array(repeating: ["text": "c", "align": "left", "valign": "top"], count: 21)
            #expect(try await send(["blocks": [["type": "table", "cells": [row]]]]) == "Bad Request: table contains too many columns")
            #expect(try await send(["blocks": [["type": "photo", "photo": ["type": "photo", "media": "tg://photo?id=nope"]]]])
                == "Bad Request: rich message media \"tg://photo?id=nope\" not found")
            #expect(try await send(["blocks": [paragraph], "media": [["id": "bad id!", "media": ["type": "photo", "media": "x"]]]])
                == "Bad Request: invalid rich message media identifier specified")
            let twoActions: [String: Any] = ["text": "x", "url": "https://a.b", "callback_data": "y"]
            #expect(try await send(["blocks": [["type": "buttons", "buttons": [twoActions]]]])
                == "Bad Request: can't parse rich message button: exactly one button action must be specified")
            #expect(try await send(["blocks": [["type": "buttons", "buttons": [["text": "x", "callback_data": String(repeating: "d", count: 65)]]]]])
                == "Bad Request: BUTTON_DATA_INVALID")
            #expect(try await send(["blocks": [["type": "map", "location": ["latitude": 91, "longitude": 0]]]]) == "Bad Request: wrong location specified")
        }
    }

    @Test func editMessageTextTakesRichContent() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "plain"])
            let id = try #require(sent.resultObject["message_id"] as? Int)
            _ = try await client.drainUpdates(user: pair.user)
            let rich = Self.json(["blocks": [["type": "heading", "text": "Now rich", "size": 3]]])
            let both = try await client.bot(pair.bot, "editMessageText", ["chat_id": "\(pair.userID)", "message_id": "\(id)", "text": "x", "rich_message": rich])
            #expect(both.description == "Bad Request: only one of text and rich_message can be specified")
            let edited = try await client.bot(pair.bot, "editMessageText", ["chat_id": "\(pair.userID)", "message_id": "\(id)", "rich_message": rich])
            #expect(edited.ok, "\(edited.body)")
            #expect(edited.resultObject["text"] == nil && edited.resultObject["rich_message"] != nil)
            let again = try await client.bot(pair.bot, "editMessageText", ["chat_id": "\(pair.userID)", "message_id": "\(id)", "rich_message": rich])
            #expect(again.description?.hasPrefix("Bad Request: message is not modified") == true)
            let update = try #require(lastUpdate(try await client.drainUpdates(user: pair.user), "edited_message"))
            let heading = try #require((update["rich_message"] as? [String: Any])?["blocks"] as? [[String: Any]])
            #expect(heading.first?["text"] as? String == "Now rich")
        }
    }

    @Test func draftsStreamToTheUserWhoMayStopThem() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            func draft(_ parameters: [String: String]) async throws -> Answer {
                try await client.bot(pair.bot, "sendMessageDraft", ["chat_id": "\(pair.userID)", "draft_id": "7"].merging(parameters) { $1 })
            }
            #expect(try await draft(["draft_id": "0", "text": "x"]).description == "Bad Request: draft_id must be non-zero")
            #expect(try await draft(["text": "Thinking", "can_stop": "true"]).body == #"{"ok":true,"result":true}"#)
            #expect(try await draft(["text": "Thinking about *it*", "parse_mode": "MarkdownV2", "can_stop": "true"]).ok)
            let updates = try await client.drainUpdates(user: pair.user)
            let drafts = updates.compactMap { $0["message_draft"] as? [String: Any] }
            #expect(drafts.map { $0["text"] as? String } == ["Thinking", "Thinking about it"])
            let last = try #require(drafts.last)
            #expect(last["draft_id"] as? Int == 7 && last["can_stop"] as? Bool == true)
            #expect((last["chat"] as? [String: Any])?["id"] as? Int == pair.botID)
            #expect((last["expiration_date"] as? Int ?? 0) - (last["date"] as? Int ?? 0) == 30)
            #expect((last["entities"] as? [[String: Any]])?.first?["type"] as? String == "bold")

            // A stop without can_stop is refused; with it, the bot hears of it.
            #expect(try await client.bot(pair.bot, "sendMessageDraft", ["chat_id": "\(pair.userID)", "draft_id": "8", "text": "x"]).ok)
            _ = try await client.drainUpdates(user: pair.user)
            #expect(try await client.user(pair.user, "stopMessageGeneration", ["chat_id": "\(pair.botID)", "draft_id": "8"]).description
                == "Bad Request: message generation can't be stopped")
            _ = try await client.drainUpdates(bot: pair.bot)
            #expect(try await client.user(pair.user, "stopMessageGeneration", ["chat_id": "\(pair.botID)", "draft_id": "7"]).ok)
            let botUpdates = try await client.drainUpdates(bot: pair.bot)
            let stopped = try #require(lastUpdate(botUpdates, "stopped_message_generation"))
            #expect(stopped["draft_id"] as? Int == 7 && (stopped["chat"] as? [String: Any])?["id"] as? Int == pair.userID)
            #expect(try await client.user(pair.user, "stopMessageGeneration", ["chat_id": "\(pair.botID)", "draft_id": "7"]).description
                == "Bad Request: message draft not found")
            // A stopped draft is not shown again.
            #expect(try await draft(["text": "more"]).ok)
            #expect(try await client.drainUpdates(user: pair.user).allSatisfy { $0["message_draft"] == nil })

            // The bot's message ends its drafts; a later draft expires after 30 seconds.
            #expect(try await client.bot(pair.bot, "sendMessageDraft", ["chat_id": "\(pair.userID)", "draft_id": "9", "text": "x", "can_stop": "true"]).ok)
            #expect(try await client.bot(pair.bot, "sendMessage", ["chat_id": "\(pair.userID)", "text": "Done"]).ok)
            #expect(try await client.user(pair.user, "stopMessageGeneration", ["chat_id": "\(pair.botID)", "draft_id": "9"]).description
                == "Bad Request: message draft not found")
            #expect(try await draft(["text": "again", "can_stop": "true"]).ok)
            #expect(try await client.admin("advanceTime", ["seconds": "31"]).ok)
            #expect(try await client.user(pair.user, "stopMessageGeneration", ["chat_id": "\(pair.botID)", "draft_id": "7"]).description
                == "Bad Request: message draft not found")
        }
    }

    @Test func richDraftsTakeThinkingBlocksAndOnlyPrivateChats() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let rich = Self.json(["blocks": [["type": "thinking", "text": "Considering…"], ["type": "paragraph", "text": "Partial"]]])
            let sent = try await client.bot(pair.bot, "sendRichMessageDraft", ["chat_id": "\(pair.userID)", "draft_id": "1", "rich_message": rich, "keep_on_stop": "true", "can_stop": "true"])
            #expect(sent.ok, "\(sent.body)")
            let shown = try #require(lastUpdate(try await client.drainUpdates(user: pair.user), "message_draft"))
            #expect(((shown["rich_message"] as? [String: Any])?["blocks"] as? [[String: Any]])?.first?["type"] as? String == "thinking")
            #expect(shown["keep_on_stop"] as? Bool == true)

            let group = try await client.user(pair.user, "createChat", ["title": "Team", "type": "supergroup", "member_ids": "[\(pair.botID)]"])
            let groupID = try #require(group.resultObject["id"] as? Int, "\(group.body)")
            let inGroup = try await client.bot(pair.bot, "sendMessageDraft", ["chat_id": "\(groupID)", "draft_id": "1", "text": "x"])
            #expect(inGroup.description == "Bad Request: TEXTDRAFT_PEER_INVALID")
            let (stranger, strangerID) = try await client.createUser("Bob")
            _ = stranger
            let unknown = try await client.bot(pair.bot, "sendMessageDraft", ["chat_id": "\(strangerID)", "draft_id": "1", "text": "x"])
            #expect(unknown.status == 400 || unknown.status == 403)
        }
    }

    @Test func livePhotosAreSentInAlbumsAndEdits() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let png = FileTests.png(width: 64, height: 48)
            let video = try MediaProcessingTests.sample("telegram.mp4")
            let missing = try await client.upload("bot\(pair.bot)", "sendLivePhoto", ["chat_id": "\(pair.userID)"], files: [("photo", "p.png", "image/png", png)])
            #expect(missing.description == "Bad Request: there is no live photo in the request")
            let noStill = try await client.upload("bot\(pair.bot)", "sendLivePhoto", ["chat_id": "\(pair.userID)"], files: [("live_photo", "v.mp4", "video/mp4", video)])
            #expect(noStill.description == "Bad Request: there is no photo in the request")
            let sent = try await client.upload(
                "bot\(pair.bot)", "sendLivePhoto", ["chat_id": "\(pair.userID)", "caption": "Live", "has_spoiler": "true"],
                files: [("photo", "p.png", "image/png", png), ("live_photo", "v.mp4", "video/mp4", video)])
            #expect(sent.ok, "\(sent.body)")
            let live = try #require(sent.resultObject["live_photo"] as? [String: Any])
            #expect(sent.resultObject["photo"] == nil && sent.resultObject["video"] == nil && sent.resultObject["caption"] as? String == "Live")
            #expect(live["width"] as? Int == 360 && live["duration"] as? Int == 5 && (live["photo"] as? [[String: Any]])?.last?["width"] as? Int == 64)
            #expect(sent.resultObject["has_media_spoiler"] as? Bool == true)
            let received = try #require(lastUpdate(try await client.drainUpdates(user: pair.user), "message"))
            let liveID = try #require((received["live_photo"] as? [String: Any])?["file_id"] as? String)
            // The receiver may download the live photo's video.
            #expect(try await client.user(pair.user, "getFile", ["file_id": liveID]).ok)

            let media = Self.json([
                ["type": "live_photo", "media": "attach://v", "photo": "attach://p"], ["type": "photo", "media": "attach://p"],
            ])
            let album = try await client.upload("bot\(pair.bot)", "sendMediaGroup", ["chat_id": "\(pair.userID)", "media": media],
                                                files: [("p", "p.png", "image/png", png), ("v", "v.mp4", "video/mp4", video)])
            #expect(album.ok, "\(album.body)")
            #expect(album.resultArray.first?["live_photo"] != nil && album.resultArray.last?["photo"] != nil)
            let noPhoto = Self.json([["type": "live_photo", "media": "attach://v"], ["type": "photo", "media": "attach://v"]])
            let refused = try await client.upload("bot\(pair.bot)", "sendMediaGroup", ["chat_id": "\(pair.userID)", "media": noPhoto],
                                                  files: [("v", "v.mp4", "video/mp4", video)])
            #expect(refused.description == "Bad Request: can't parse InputMedia: photo not found")

            let photoID = try #require(album.resultArray.last?["message_id"] as? Int)
            let edit = Self.json(["type": "live_photo", "media": "attach://v", "photo": "attach://p"])
            let edited = try await client.upload("bot\(pair.bot)", "editMessageMedia", ["chat_id": "\(pair.userID)", "message_id": "\(photoID)", "media": edit],
                                                 files: [("p", "p.png", "image/png", png), ("v", "v.mp4", "video/mp4", video)])
            #expect(edited.ok, "\(edited.body)")
            #expect(edited.resultObject["live_photo"] != nil && edited.resultObject["photo"] == nil)
        }
    }

    @Test func pollsCarryTheirMedia() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let png = FileTests.png(width: 32, height: 32)
            let options = Self.json([
                ["text": "Here", "media": ["type": "location", "latitude": 48.85, "longitude": 2.35]],
                ["text": "Link", "media": ["type": "link", "url": "https://example.com"]],
            ])
            let sent = try await client.upload(
                "bot\(pair.bot)", "sendPoll",
                ["chat_id": "\(pair.userID)", "question": "Where?", "options": options, "media": Self.json(["type": "photo", "media": "attach://p"])],
                files: [("p", "p.png", "image/png", png)])
            #expect(sent.ok, "\(sent.body)")
            let poll = try #require(sent.resultObject["poll"] as? [String: Any])
            let photo = try #require((poll["media"] as? [String: Any])?["photo"] as? [[String: Any]])
            #expect(photo.last?["width"] as? Int == 32)
            let shown = try #require(poll["options"] as? [[String: Any]])
            #expect(((shown[0]["media"] as? [String: Any])?["location"] as? [String: Any])?["latitude"] as? Double == 48.85)
            #expect(((shown[1]["media"] as? [String: Any])?["link"] as? [String: Any])?["url"] as? String == "https://example.com")
            let received = try #require(lastUpdate(try await client.drainUpdates(user: pair.user), "message"))
            let fileID = try #require(((received["poll"] as? [String: Any])?["media"] as? [String: Any]).flatMap { ($0["photo"] as? [[String: Any]])?.last?["file_id"] as? String })
            #expect(try await client.user(pair.user, "getFile", ["file_id": fileID]).ok)
            let badLink = Self.json([["text": "a", "media": ["type": "link", "url": "ftp://x"]], ["text": "b"]])
            #expect(try await client.bot(pair.bot, "sendPoll", ["chat_id": "\(pair.userID)", "question": "Q", "options": badLink]).description
                == "Bad Request: wrong HTTP URL specified")
        }
    }

    @Test func richMessagesAndLivePhotosMayBeEphemeral() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (bot, botID) = try await client.createBot("teller_bot", name: "Teller")
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [botID, bobID])
            for token in [alice, bob] { _ = try await client.drainUpdates(user: token) }
            let only = #"{"receiver_user_id":\#(bobID)}"#
            let rich = Self.json(["blocks": [["type": "paragraph", "text": "secret rich"]]])
            let sent = try await client.bot(bot, "sendRichMessage", ["chat_id": "\(chatID)", "rich_message": rich, "ephemeral_message_parameters": only])
            #expect(sent.ok, "\(sent.body)")
            #expect(sent.resultObject["ephemeral_message_id"] as? Int == 1 && sent.resultObject["message_id"] as? Int == 0)
            let live = try await client.upload(
                "bot\(bot)", "sendLivePhoto", ["chat_id": "\(chatID)", "caption": "secret live", "ephemeral_message_parameters": only],
                files: [("photo", "p.png", "image/png", FileTests.png(width: 20, height: 20)),
                        ("live_photo", "v.mp4", "video/mp4", try MediaProcessingTests.sample("telegram.mp4"))])
            #expect(live.resultObject["ephemeral_message_id"] as? Int == 2, "\(live.body)")
            let bobs = ChatSetup.messages(try await client.drainUpdates(user: bob))
            #expect(bobs.count == 2 && bobs.first?["rich_message"] != nil && bobs.last?["live_photo"] != nil)
            let alices = try await client.drainUpdates(user: alice)
            #expect(!String(decoding: try JSONSerialization.data(withJSONObject: alices), as: UTF8.self).contains("secret"))
        }
    }
}
