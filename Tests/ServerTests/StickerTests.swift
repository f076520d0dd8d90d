import Foundation
import Testing

/// Sticker files and sets as a test builds them: solid-colour lossless WEBPs, TGS headers and
/// WEBM headers with the sizes, codec and duration a test asks for.
enum StickerFixtures {
    /// A VP8L WEBP of one colour: five one-symbol prefix codes, no pixel bits.
    static func webp(width: Int, height: Int, shade: UInt8 = 0x40) -> [UInt8] {
        var bytes: [UInt8] = []
        var used = 0
        func write(_ value: UInt32, _ count: Int) {
            for i in 0..<count {
                if used == 0 { bytes.append(0) }
                bytes[bytes.count - 1] |= UInt8((value >> UInt32(i)) & 1) << UInt8(used)
                used = (used + 1) % 8
            }
        }
        write(0x2F, 8)
        write(UInt32(width - 1), 14)
        write(UInt32(height - 1), 14)
        write(0, 1 + 3 + 1 + 1 + 1)
        for symbol in [UInt32(shade), 0x20, 0x80, 0xFF, 0] {
            write(1, 1)
            write(0, 1)
            write(1, 1)
            write(symbol, 8)
        }
        while bytes.count < 10 || bytes.count % 2 == 1 { bytes.append(0) }
        return Array("RIFF".utf8) + le32(4 + 8 + bytes.count) + Array("WEBPVP8L".utf8) + le32(bytes.count) + bytes
    }

    /// The start of a gzip member, as TGS files begin.
    static let tgs: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03] + Array(#"{"tgs":1,"v":"5.5.2"}"#.utf8)

    /// A WEBM's EBML header, segment info (duration) and one video track.
    static func webm(width: Int, height: Int, seconds: Double, codec: String = "V_VP9") -> [UInt8] {
        let header = element([0x1A, 0x45, 0xDF, 0xA3], element([0x42, 0x82], Array("webm".utf8)))
        let duration = Double(seconds * 1000).bitPattern
        let info = element([0x15, 0x49, 0xA9, 0x66],
            element([0x2A, 0xD7, 0xB1], [0x0F, 0x42, 0x40]) + element([0x44, 0x89], (0..<8).map { UInt8(duration >> UInt64(56 - 8 * $0) & 0xFF) }))
        let video = element([0xE0], element([0xB0], be16(width)) + element([0xBA], be16(height)))
        let track = element([0xAE], element([0xD7], [1]) + element([0x83], [1]) + element([0x86], Array(codec.utf8)) + video)
        let cluster = element([0x1F, 0x43, 0xB6, 0x75], element([0xE7], [0]) + element([0xA3], [0x81, 0, 0, 0x80] + [UInt8](repeating: 0, count: 32)))
        return header + element([0x18, 0x53, 0x80, 0x67], info + element([0x16, 0x54, 0xAE, 0x6B], track) + cluster)
    }

    private static func element(_ id: [UInt8], _ payload: [UInt8]) -> [UInt8] {
        id + [0x01] + (0..<7).map { UInt8(payload.count >> (48 - 8 * $0) & 0xFF) } + payload
    }

    private static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    private static func le32(_ v: Int) -> [UInt8] { [0, 8, 16, 24].map { UInt8(v >> $0 & 0xFF) } }

    /// `InputSticker` JSON.
    static func input(_ sticker: String, format: String = "static", emoji: [String] = ["😀"], extra: String = "") -> String {
        let list = emoji.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"sticker":"\#(sticker)","format":"\#(format)","emoji_list":[\#(list)]\#(extra)}"#
    }
}

extension Client {
    /// Uploads a sticker file for `userID` and returns its `file_id`.
    func uploadSticker(_ bot: String, userID: Int, _ bytes: [UInt8], format: String = "static", name: String = "s.webp") async throws -> String {
        let answer = try await upload("bot\(bot)", "uploadStickerFile", ["user_id": "\(userID)", "sticker_format": format],
                                      files: [("sticker", name, nil, bytes)])
        try #require(answer.ok, "uploadStickerFile failed: \(answer.body)")
        return answer.resultObject["file_id"] as? String ?? ""
    }

    /// Creates a set of `stickers` (file ids) named `name` for the pair's user.
    func createSet(_ pair: ChatPair, _ name: String, stickers: [String], type: String? = nil, format: String = "static") async throws -> Answer {
        var parameters = [
            "user_id": "\(pair.userID)", "name": name, "title": "Set \(name)",
            "stickers": "[" + stickers.map { StickerFixtures.input($0, format: format) }.joined(separator: ",") + "]",
        ]
        if let type { parameters["sticker_type"] = type }
        return try await bot(pair.bot, "createNewStickerSet", parameters)
    }

    func stickerSet(_ token: String, _ name: String) async throws -> [String: Any] {
        try await bot(token, "getStickerSet", ["name": name]).resultObject
    }
}

/// Sticker sets, sticker files and sticker messages (issue 11, item 5), as Telegram checks them.
@Suite struct StickerTests {
    static func stickers(_ set: [String: Any]) -> [[String: Any]] { set["stickers"] as? [[String: Any]] ?? [] }

    @Test func aBotBuildsReordersAndSendsASet() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let first = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 512, height: 512))
            let uploaded = try await client.upload("bot\(pair.bot)", "uploadStickerFile", ["user_id": "\(pair.userID)", "sticker_format": "static"],
                                                   files: [("sticker", "b.webp", nil, StickerFixtures.webp(width: 512, height: 300, shade: 9))])
            #expect(uploaded.resultObject["file_path"] == nil && uploaded.resultObject["file_size"] as? Int != nil)
            let second = uploaded.resultObject["file_id"] as? String ?? ""
            let created = try await client.createSet(pair, "animals_by_Echo_Bot", stickers: [first, second])
            #expect(created.ok && created.result as? Bool == true, "\(created.body)")

            var set = try await client.stickerSet(pair.bot, "ANIMALS_by_echo_bot")
            #expect(set["name"] as? String == "animals_by_Echo_Bot" && set["title"] as? String == "Set animals_by_Echo_Bot")
            #expect(set["sticker_type"] as? String == "regular" && set["contains_masks"] as? Bool == false)
            var stickers = Self.stickers(set)
            #expect(stickers.map { $0["file_id"] as? String } == [first, second])
            #expect(stickers.first?["width"] as? Int == 512 && stickers.last?["height"] as? Int == 300)
            #expect(stickers.first?["emoji"] as? String == "😀" && stickers.first?["set_name"] as? String == "animals_by_Echo_Bot")
            #expect(stickers.first?["is_animated"] as? Bool == false && stickers.first?["is_video"] as? Bool == false)
            #expect(stickers.first?["type"] as? String == "regular" && stickers.first?["thumbnail"] is [String: Any])

            // A third sticker, uploaded with the call, moved to the front; then the first one goes.
            let added = try await client.upload("bot\(pair.bot)", "addStickerToSet", [
                "user_id": "\(pair.userID)", "name": "animals_by_echo_bot", "sticker": StickerFixtures.input("attach://third", emoji: ["🐱", "😺"]),
            ], files: [("third", "c.webp", nil, StickerFixtures.webp(width: 200, height: 512, shade: 3))])
            #expect(added.ok, "\(added.body)")
            let third = Self.stickers(try await client.stickerSet(pair.bot, "animals_by_echo_bot")).last?["file_id"] as? String ?? ""
            #expect(try await client.bot(pair.bot, "setStickerPositionInSet", ["sticker": third, "position": "0"]).ok)
            #expect(try await client.bot(pair.bot, "setStickerPositionInSet", ["sticker": third, "position": "3"]).description
                == "Bad Request: wrong sticker position specified")
            #expect(try await client.bot(pair.bot, "deleteStickerFromSet", ["sticker": first]).ok)
            #expect(try await client.bot(pair.bot, "setStickerEmojiList", ["sticker": second, "emoji_list": #"["🐶"]"#]).ok)
            #expect(try await client.bot(pair.bot, "setStickerSetTitle", ["name": "animals_by_echo_bot", "title": "  Pets  "]).ok)
            set = try await client.stickerSet(pair.bot, "animals_by_echo_bot")
            stickers = Self.stickers(set)
            #expect(stickers.map { $0["file_id"] as? String } == [third, second] && set["title"] as? String == "Pets")
            #expect(stickers.map { $0["emoji"] as? String } == ["🐱", "🐶"])

            // Sent by file_id, it keeps its set; the user may send it back.
            let sent = try await client.bot(pair.bot, "sendSticker", ["chat_id": "\(pair.userID)", "sticker": second])
            let sticker = sent.resultObject["sticker"] as? [String: Any] ?? [:]
            #expect(sticker["set_name"] as? String == "animals_by_Echo_Bot" && sticker["emoji"] as? String == "🐶", "\(sent.body)")
            #expect(sent.resultObject["photo"] == nil && sent.resultObject["document"] == nil)
            let received = try await client.drainUpdates(user: pair.user).compactMap { ($0["message"] as? [String: Any])?["sticker"] as? [String: Any] }
            #expect(received.first?["file_id"] as? String == second)
            let back = try await client.user(pair.user, "sendSticker", ["chat_id": "\(pair.botID)", "sticker": second])
            #expect((back.resultObject["sticker"] as? [String: Any])?["set_name"] as? String == "animals_by_Echo_Bot", "\(back.body)")

            // Deleting the set frees its name; the sticker already sent stays.
            #expect(try await client.bot(pair.bot, "deleteStickerSet", ["name": "animals_by_echo_bot"]).ok)
            #expect(try await client.bot(pair.bot, "getStickerSet", ["name": "animals_by_echo_bot"]).description == "Bad Request: STICKERSET_INVALID")
            #expect(try await client.createSet(pair, "animals_by_echo_bot", stickers: [second]).ok)
        }
    }

    @Test func namesTitlesOwnersAndFilesAreCheckedAsTelegramChecksThem() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let file = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 512, height: 512))
            func create(_ name: String, title: String = "T", user: Int? = nil, stickers: String? = nil) async throws -> String? {
                try await client.bot(pair.bot, "createNewStickerSet", [
                    "user_id": "\(user ?? pair.userID)", "name": name, "title": title,
                    "stickers": stickers ?? "[\(StickerFixtures.input(file))]",
                ]).description
            }
            let invalidName = "Bad Request: invalid sticker set name is specified"
            #expect(try await create("pack_by_other_bot") == invalidName)
            #expect(try await create("1pack_by_echo_bot") == invalidName)
            #expect(try await create("my__pack_by_echo_bot") == invalidName)
            #expect(try await create("pack-x_by_echo_bot") == invalidName)
            #expect(try await create(String(repeating: "a", count: 60) + "_by_echo_bot") == invalidName)
            #expect(try await create("pack_by_echo_bot", title: "   ") == "Bad Request: sticker set title can't be empty")
            #expect(try await create("pack_by_echo_bot", user: 0) == "Bad Request: invalid user_id specified")
            let (_, strangerID) = try await client.createUser("Stranger")
            #expect(try await create("pack_by_echo_bot", user: strangerID) == "Bad Request: user not found")
            #expect(try await create("pack_by_echo_bot", stickers: "[") == "Bad Request: can't parse stickers JSON object")
            #expect(try await create("pack_by_echo_bot", stickers: #"[{"sticker":"x","format":"static","emoji_list":[]}]"#)
                == "Bad Request: can't parse InputSticker: emoji list must be non-empty")
            #expect(try await create("pack_by_echo_bot", stickers: "[\(StickerFixtures.input(file, emoji: ["a"]))]")
                == "Bad Request: can't parse InputSticker: expected a Unicode emoji")
            #expect(try await create("pack_by_echo_bot", stickers: "[\(StickerFixtures.input(file, format: "gif"))]")
                == "Bad Request: can't parse InputSticker: Invalid sticker format specified")
            #expect(try await create("pack_by_echo_bot", stickers: "[" + Array(repeating: StickerFixtures.input(file), count: 51).joined(separator: ",") + "]")
                == "Bad Request: too many stickers specified")
            #expect(try await create("pack_by_echo_bot") == nil)
            #expect(try await create("PACK_by_echo_bot") == "Bad Request: sticker set name is already occupied")

            // Files: a static sticker is a WEBP or PNG with a 512 px side, the other at most 512.
            let small = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 300, height: 300))
            #expect(try await client.bot(pair.bot, "addStickerToSet", [
                "user_id": "\(pair.userID)", "name": "pack_by_echo_bot", "sticker": StickerFixtures.input(small),
            ]).description == "Bad Request: STICKER_PNG_DIMENSIONS")
            let text = try await client.upload("bot\(pair.bot)", "uploadStickerFile", ["user_id": "\(pair.userID)", "sticker_format": "static"],
                                               files: [("sticker", "x.webp", nil, Array("not an image".utf8))])
            #expect(text.description == "Bad Request: STICKER_PNG_NOPNG")
            let missing = try await client.bot(pair.bot, "uploadStickerFile", ["user_id": "\(pair.userID)", "sticker_format": "static"])
            #expect(missing.description == "Bad Request: there is no sticker in the request")
            // Only the set's bot manages it, and only for its owner.
            let (otherBot, _) = try await client.createBot("other_bot", name: "Other")
            #expect(try await client.bot(otherBot, "deleteStickerSet", ["name": "pack_by_echo_bot"]).description == "Bad Request: STICKERSET_INVALID")
            #expect(try await client.bot(otherBot, "getStickerSet", ["name": "pack_by_echo_bot"]).ok)
        }
    }

    @Test func animatedAndVideoStickersAreReadFromTheirHeaders() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let tgs = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.tgs, format: "animated", name: "a.tgs")
            #expect(try await client.createSet(pair, "moving_by_echo_bot", stickers: [tgs], format: "animated").ok)
            let animated = Self.stickers(try await client.stickerSet(pair.bot, "moving_by_echo_bot")).first ?? [:]
            #expect(animated["is_animated"] as? Bool == true && animated["is_video"] as? Bool == false && animated["width"] as? Int == 512)

            let video = try await client.uploadSticker(
                pair.bot, userID: pair.userID, StickerFixtures.webm(width: 512, height: 384, seconds: 2.5), format: "video", name: "v.webm")
            #expect(try await client.createSet(pair, "video_by_echo_bot", stickers: [video], format: "video").ok)
            let videoSticker = Self.stickers(try await client.stickerSet(pair.bot, "video_by_echo_bot")).first ?? [:]
            #expect(videoSticker["is_video"] as? Bool == true && videoSticker["height"] as? Int == 384)

            func upload(_ bytes: [UInt8], format: String) async throws -> String? {
                try await client.upload("bot\(pair.bot)", "uploadStickerFile", ["user_id": "\(pair.userID)", "sticker_format": format],
                                        files: [("sticker", "f", nil, bytes)]).description
            }
            #expect(try await upload(StickerFixtures.webp(width: 512, height: 512), format: "animated") == "Bad Request: STICKER_TGS_NOTGS")
            #expect(try await upload(StickerFixtures.webm(width: 512, height: 512, seconds: 1, codec: "V_VP8"), format: "video")
                == "Bad Request: STICKER_VIDEO_NOWEBM")
            #expect(try await upload(StickerFixtures.tgs + [UInt8](repeating: 0, count: 70_000), format: "animated") == "Bad Request: file is too big")
            let long = try await client.uploadSticker(
                pair.bot, userID: pair.userID, StickerFixtures.webm(width: 512, height: 512, seconds: 3.5), format: "video", name: "l.webm")
            #expect(try await client.bot(pair.bot, "addStickerToSet", [
                "user_id": "\(pair.userID)", "name": "video_by_echo_bot", "sticker": StickerFixtures.input(long, format: "video"),
            ]).description == "Bad Request: STICKER_VIDEO_LONG")
        }
    }

    @Test func customEmojiSetsHaveIdsAndAThumbnail() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let a = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 100, height: 100, shade: 1))
            let b = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 100, height: 100, shade: 2))
            let big = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 512, height: 512))
            #expect(try await client.createSet(pair, "emoji_by_echo_bot", stickers: [big], type: "custom_emoji").description
                == "Bad Request: STICKER_PNG_DIMENSIONS")
            #expect(try await client.createSet(pair, "emoji_by_echo_bot", stickers: [a, b], type: "custom_emoji").ok)
            let set = try await client.stickerSet(pair.bot, "emoji_by_echo_bot")
            let ids = Self.stickers(set).compactMap { $0["custom_emoji_id"] as? String }
            #expect(set["sticker_type"] as? String == "custom_emoji" && ids.count == 2 && set["thumbnail"] == nil)
            let found = try await client.user(pair.user, "getCustomEmojiStickers", ["custom_emoji_ids": #"["\#(ids[1])", "42"]"#])
            #expect(found.resultArray.map { $0["custom_emoji_id"] as? String } == [ids[1]], "\(found.body)")
            #expect(try await client.bot(pair.bot, "getCustomEmojiStickers", ["custom_emoji_ids": "[1]"]).description
                == "Bad Request: custom emoji identifier must be of type String")
            #expect(try await client.bot(pair.bot, "setCustomEmojiStickerSetThumbnail", ["name": "emoji_by_echo_bot", "custom_emoji_id": ids[1]]).ok)
            let thumbnail = try await client.stickerSet(pair.bot, "emoji_by_echo_bot")["thumbnail"] as? [String: Any]
            #expect(thumbnail?["width"] as? Int == 100)
            // A regular set takes 120 stickers.
            let regular = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 512, height: 512))
            #expect(try await client.createSet(pair, "many_by_echo_bot", stickers: [regular]).ok)
            for _ in 1..<120 {
                let added = try await client.bot(pair.bot, "addStickerToSet", [
                    "user_id": "\(pair.userID)", "name": "many_by_echo_bot", "sticker": StickerFixtures.input(regular),
                ])
                try #require(added.ok, "\(added.body)")
            }
            #expect(try await client.bot(pair.bot, "addStickerToSet", [
                "user_id": "\(pair.userID)", "name": "many_by_echo_bot", "sticker": StickerFixtures.input(regular),
            ]).description == "Bad Request: STICKERS_TOO_MUCH")
        }
    }

    @Test func masksKeywordsThumbnailsAndReplacing() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let file = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 512, height: 512))
            let mask = #","mask_position":{"point":"eyes","x_shift":-0.5,"y_shift":0.25,"scale":1.5}"#
            let created = try await client.bot(pair.bot, "createNewStickerSet", [
                "user_id": "\(pair.userID)", "name": "faces_by_echo_bot", "title": "Faces", "sticker_type": "mask",
                "stickers": "[\(StickerFixtures.input(file, extra: mask))]",
            ])
            #expect(created.ok, "\(created.body)")
            var set = try await client.stickerSet(pair.bot, "faces_by_echo_bot")
            var sticker = Self.stickers(set).first ?? [:]
            #expect(set["contains_masks"] as? Bool == true && sticker["type"] as? String == "mask")
            #expect((sticker["mask_position"] as? [String: Any])?["point"] as? String == "eyes")
            #expect(try await client.bot(pair.bot, "setStickerMaskPosition", [
                "sticker": file, "mask_position": #"{"point":"chin","x_shift":0,"y_shift":0,"scale":1}"#,
            ]).ok)
            #expect(try await client.bot(pair.bot, "setStickerMaskPosition", [
                "sticker": file, "mask_position": #"{"point":"nose","x_shift":0,"y_shift":0,"scale":1}"#,
            ]).description == "Bad Request: can't parse mask position: Wrong point specified in MaskPosition")
            sticker = Self.stickers(try await client.stickerSet(pair.bot, "faces_by_echo_bot")).first ?? [:]
            #expect((sticker["mask_position"] as? [String: Any])?["point"] as? String == "chin")

            // Keywords belong to regular and custom emoji stickers.
            #expect(try await client.createSet(pair, "plain_by_echo_bot", stickers: [file]).ok)
            #expect(try await client.bot(pair.bot, "setStickerKeywords", ["sticker": file, "keywords": #"["cat","cute"]"#]).ok)
            #expect(try await client.bot(pair.bot, "setStickerKeywords", ["sticker": file, "keywords": "{"]).description
                == "Bad Request: can't parse keywords JSON object")

            // A 100×100 thumbnail, then none.
            let thumbnail = try await client.upload("bot\(pair.bot)", "setStickerSetThumbnail", [
                "user_id": "\(pair.userID)", "name": "plain_by_echo_bot", "format": "static",
            ], files: [("thumbnail", "t.webp", nil, StickerFixtures.webp(width: 100, height: 100))])
            #expect(thumbnail.ok, "\(thumbnail.body)")
            set = try await client.stickerSet(pair.bot, "plain_by_echo_bot")
            #expect((set["thumbnail"] as? [String: Any])?["width"] as? Int == 100)
            let wrong = try await client.upload("bot\(pair.bot)", "setStickerSetThumbnail", [
                "user_id": "\(pair.userID)", "name": "plain_by_echo_bot", "format": "static",
            ], files: [("thumbnail", "t.webp", nil, StickerFixtures.webp(width: 512, height: 512))])
            #expect(wrong.description == "Bad Request: STICKER_THUMB_PNG_NOPNG")
            #expect(try await client.bot(pair.bot, "setStickerSetThumbnail", [
                "user_id": "\(pair.userID)", "name": "plain_by_echo_bot", "format": "static",
            ]).ok)
            #expect(try await client.stickerSet(pair.bot, "plain_by_echo_bot")["thumbnail"] == nil)

            // Replacing keeps the place.
            let other = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 512, height: 128, shade: 5))
            #expect(try await client.bot(pair.bot, "addStickerToSet", [
                "user_id": "\(pair.userID)", "name": "plain_by_echo_bot", "sticker": StickerFixtures.input(other),
            ]).ok)
            let replacement = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 384, height: 512, shade: 6))
            let replaced = try await client.bot(pair.bot, "replaceStickerInSet", [
                "user_id": "\(pair.userID)", "name": "plain_by_echo_bot", "old_sticker": file,
                "sticker": StickerFixtures.input(replacement, emoji: ["🎯"]),
            ])
            #expect(replaced.ok, "\(replaced.body)")
            let stickers = Self.stickers(try await client.stickerSet(pair.bot, "plain_by_echo_bot"))
            #expect(stickers.map { $0["file_id"] as? String } == [replacement, other] && stickers.first?["emoji"] as? String == "🎯")
        }
    }

    @Test func uploadedStickersCarryTheirEmojiAndSize() async throws {
        try await TestWorld().run { client in
            let pair = try await client.chatPair()
            let sent = try await client.upload("bot\(pair.bot)", "sendSticker", ["chat_id": "\(pair.userID)", "emoji": "🔥"],
                                               files: [("sticker", "s.webp", nil, StickerFixtures.webp(width: 320, height: 512))])
            let sticker = sent.resultObject["sticker"] as? [String: Any] ?? [:]
            #expect(sticker["emoji"] as? String == "🔥" && sticker["width"] as? Int == 320 && sticker["set_name"] == nil, "\(sent.body)")
            #expect(sticker["type"] as? String == "regular" && sticker["is_video"] as? Bool == false)
            let video = try await client.upload("bot\(pair.bot)", "sendSticker", ["chat_id": "\(pair.userID)"],
                                                files: [("sticker", "v.webm", nil, StickerFixtures.webm(width: 512, height: 512, seconds: 1))])
            #expect((video.resultObject["sticker"] as? [String: Any])?["is_video"] as? Bool == true, "\(video.body)")
            let noSticker = try await client.bot(pair.bot, "sendSticker", ["chat_id": "\(pair.userID)"])
            #expect(noSticker.description == "Bad Request: there is no sticker in the request")
        }
    }

    @Test func forumTopicsTakeOnlyTheTopicIcons() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (_, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, type: "supergroup", members: [bobID], forum: true)
            let icons = try await client.user(alice, "getForumTopicIconStickers").resultArray
            #expect(icons.count >= 40 && icons.allSatisfy { $0["type"] as? String == "custom_emoji" && $0["custom_emoji_id"] is String })
            let icon = icons.first?["custom_emoji_id"] as? String ?? ""
            // Each icon is a real 100×100 WEBP the caller may download.
            let file = try await client.user(alice, "getFile", ["file_id": icons.first?["file_id"] as? String ?? ""])
            #expect(file.ok && file.resultObject["file_size"] as? Int ?? 0 > 20, "\(file.body)")
            let topic = try await client.user(alice, "createForumTopic", ["chat_id": "\(chatID)", "name": "News", "icon_custom_emoji_id": icon])
            #expect((topic.resultObject["icon_custom_emoji_id"] as? String) == icon, "\(topic.body)")
            let wrong = try await client.user(alice, "createForumTopic", ["chat_id": "\(chatID)", "name": "X", "icon_custom_emoji_id": "5000000000000000001999"])
            #expect(wrong.description == "Bad Request: DOCUMENT_INVALID")
            let threadID = topic.resultObject["message_thread_id"] as? Int ?? 0
            let edited = try await client.user(alice, "editForumTopic", ["chat_id": "\(chatID)", "message_thread_id": "\(threadID)", "icon_custom_emoji_id": "12"])
            #expect(edited.description == "Bad Request: DOCUMENT_INVALID")
            let set = try await client.user(alice, "getStickerSet", ["name": "TopicIcons"]).resultObject
            #expect(Self.stickers(set).count == icons.count)
        }
    }

    @Test func supergroupStickerSetsNeedMembersAndRights() async throws {
        let world = try TestWorld()
        try await world.run { client in
            let pair = try await client.chatPair()
            let file = try await client.uploadSticker(pair.bot, userID: pair.userID, StickerFixtures.webp(width: 512, height: 512))
            #expect(try await client.createSet(pair, "group_by_echo_bot", stickers: [file]).ok)
            var members: [Int] = [pair.botID]
            for index in 0..<99 { members.append(try await client.createUser("Member\(index)").id) }
            let small = try await ChatSetup.create(client, pair.user, type: "supergroup", members: [pair.botID])
            let big = try await ChatSetup.create(client, pair.user, type: "supergroup", members: members)
            let set = ["sticker_set_name": "group_by_echo_bot"]
            #expect(try await client.user(pair.user, "setChatStickerSet", set.merging(["chat_id": "\(pair.botID)"]) { $1 }).description
                == "Bad Request: method is available only for supergroups")
            #expect(try await client.bot(pair.bot, "setChatStickerSet", set.merging(["chat_id": "\(big)"]) { $1 }).description
                == "Bad Request: not enough rights to change supergroup sticker set")
            #expect(try await client.user(pair.user, "setChatStickerSet", set.merging(["chat_id": "\(small)"]) { $1 }).description
                == "Bad Request: PARTICIPANTS_TOO_FEW")
            #expect(try await client.user(pair.user, "setChatStickerSet", ["chat_id": "\(big)", "sticker_set_name": "nope"]).description
                == "Bad Request: sticker set not found")
            try await ChatSetup.makeAdmin(world, chatID: big, accountID: pair.botID, rights: ["can_change_info"])
            var chat = try await client.bot(pair.bot, "getChat", ["chat_id": "\(big)"]).resultObject
            #expect(chat["can_set_sticker_set"] as? Bool == true && chat["sticker_set_name"] == nil)
            #expect(try await client.bot(pair.bot, "setChatStickerSet", set.merging(["chat_id": "\(big)"]) { $1 }).ok)
            chat = try await client.bot(pair.bot, "getChat", ["chat_id": "\(big)"]).resultObject
            #expect(chat["sticker_set_name"] as? String == "group_by_echo_bot")
            #expect(try await client.bot(pair.bot, "deleteChatStickerSet", ["chat_id": "\(big)"]).ok)
            chat = try await client.bot(pair.bot, "getChat", ["chat_id": "\(big)"]).resultObject
            #expect(chat["sticker_set_name"] == nil)
        }
    }
}
