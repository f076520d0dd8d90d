import BotAPI
import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing

/// Files and media messages (issue 4, items 2 and 3): uploads, `file_id` reuse, getFile and
/// downloads, albums, and their errors.
@Suite struct FileTests {
    // MARK: Fixtures

    /// A real PNG (RGB, uncompressed deflate blocks, correct CRCs): any decoder opens it.
    static func png(width: Int, height: Int, shade: UInt8 = 0x7F) -> [UInt8] {
        var raw: [UInt8] = []
        for _ in 0..<height { raw += [0] + [UInt8](repeating: shade, count: width * 3) }
        var zlib: [UInt8] = [0x78, 0x01]
        // Stored blocks of at most 65535 bytes, the last one marked final.
        var start = 0
        repeat {
            let length = min(65535, raw.count - start)
            let final: UInt8 = start + length == raw.count ? 1 : 0
            zlib += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8 & 0xFF)]
            zlib += raw[start..<(start + length)]
            start += length
        } while start < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        zlib += be32(b << 16 | a)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0])
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return png
    }

    /// A baseline JPEG's headers (JFIF, EXIF, quantization table, frame header) around an
    /// empty scan.
    static func jpeg(width: Int, height: Int) -> [UInt8] {
        func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + be16(16) + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        bytes += [0xFF, 0xE1] + be16(10) + Array("Exif".utf8) + [0, 0, 0, 0]
        bytes += [0xFF, 0xDB] + be16(67) + [0] + [UInt8](repeating: 1, count: 64)
        bytes += [0xFF, 0xC0] + be16(17) + [8] + be16(height) + be16(width) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        bytes += [0xFF, 0xDA] + be16(12) + [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0] + [0xFF, 0xD9]
        return bytes
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(v >> UInt32($0) & 0xFF) } }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return be32(UInt32(data.count)) + body + be32(~crc)
    }

    /// A bot and a user who wrote to it first, so the bot may send to them.
    static func botAndUser(_ client: Client) async throws -> (bot: String, botID: Int, user: String, userID: Int) {
        let (bot, botID) = try await client.createBot()
        let (user, userID) = try await client.createUser()
        try #require(try await client.user(user, "sendMessage", ["chat_id": "\(botID)", "text": "hi"]).ok)
        return (bot, botID, user, userID)
    }

    /// A world whose engine has `options` (a URL loader, local mode).
    static func run(options: EngineOptions, _ body: @Sendable (Client) async throws -> Void) async throws {
        let engine = Engine(
            store: try TestStores.open(path: TestWorld.newDatabasePath()), clock: ManualClock(), adminToken: TestWorld.adminToken,
            options: options)
        let app = try BotAPIServer.makeApplication(engine: engine, host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in try await body(Client(client: client)) }
    }

    // MARK: Tests

    @Test func photoUploadHasRealDimensionsAndTheReceiverReusesItsFileID() async throws {
        try await TestWorld().run { client in
            let (bot, botID, user, userID) = try await Self.botAndUser(client)
            let image = Self.png(width: 7, height: 3)
            let sent = try await client.upload("bot\(bot)", "sendPhoto", ["chat_id": "\(userID)", "caption": "<b>look</b>", "parse_mode": "HTML"],
                                               files: [("photo", "pic.png", "image/png", image)])
            #expect(sent.ok, "\(sent.body)")
            let photo = try #require((sent.resultObject["photo"] as? [[String: Any]])?.last)
            // Re-encoded as a JPEG of the same size (MediaTests has the sizes of larger photos).
            #expect(photo["width"] as? Int == 7 && photo["height"] as? Int == 3 && (photo["file_size"] as? Int ?? 0) > 0)
            #expect(sent.resultObject["caption"] as? String == "look")
            #expect((sent.resultObject["caption_entities"] as? [[String: Any]])?.first?["type"] as? String == "bold")

            let update = try await client.user(user, "getUpdates", ["offset": "-1"])
            let received = try #require(update.resultArray.first?["message"] as? [String: Any])
            let receivedPhoto = try #require((received["photo"] as? [[String: Any]])?.last)
            let fileID = try #require(receivedPhoto["file_id"] as? String)
            #expect(fileID == photo["file_id"] as? String)

            // The user sends the same photo back by file_id: same file, no upload.
            let echoed = try await client.user(user, "sendPhoto", ["chat_id": "\(botID)", "photo": fileID])
            let echoedPhoto = try #require((echoed.resultObject["photo"] as? [[String: Any]])?.last)
            #expect(echoedPhoto["file_unique_id"] as? String == photo["file_unique_id"] as? String)
            #expect(echoedPhoto["width"] as? Int == 7)
        }
    }

    @Test func equalBytesHaveEqualUniqueIDsEverywhere() async throws {
        try await TestWorld().run { client in
            let (bot, _, user, userID) = try await Self.botAndUser(client)
            let (otherBot, otherBotID) = try await client.createBot("other_bot", name: "Other")
            let jpeg = try Array(#require(NativeMediaProcessor().jpeg(fromImage: Data(Self.png(width: 640, height: 480)), maxSide: 640)).bytes)
            let asDocument = try await client.upload(
                "bot\(bot)", "sendDocument", ["chat_id": "\(userID)"], files: [("document", "a.jpg", nil, jpeg)])
            let first = try #require(asDocument.resultObject["document"] as? [String: Any])
            let again = try await client.upload(
                "user\(user)", "sendDocument", ["chat_id": "\(otherBotID)"], files: [("document", "scan.jpg", "image/jpeg", jpeg)])
            let document = try #require(again.resultObject["document"] as? [String: Any])
            #expect(document["file_unique_id"] as? String == first["file_unique_id"] as? String)
            #expect(document["file_name"] as? String == "scan.jpg" && document["mime_type"] as? String == "image/jpeg")
            // As a photo the bytes are re-encoded: a different file, with its own ids.
            let asPhoto = try await client.upload("bot\(bot)", "sendPhoto", ["chat_id": "\(userID)"], files: [("photo", "a.jpg", nil, jpeg)])
            let photo = try #require((asPhoto.resultObject["photo"] as? [[String: Any]])?.last)
            #expect(photo["width"] as? Int == 640 && photo["height"] as? Int == 480)
            #expect(document["file_id"] as? String != photo["file_id"] as? String)
            let different = try await client.upload(
                "user\(user)", "sendDocument", ["chat_id": "\(otherBotID)"], files: [("document", "b.bin", nil, [1, 2, 3])])
            let other = try #require(different.resultObject["document"] as? [String: Any])
            #expect(other["file_unique_id"] as? String != document["file_unique_id"] as? String)
            _ = otherBot
        }
    }

    @Test func getFileGivesAPathThatDownloadsTheSameBytes() async throws {
        try await TestWorld().run { client in
            let (bot, _, user, userID) = try await Self.botAndUser(client)
            let image = Self.png(width: 16, height: 9, shade: 0x20)
            let sent = try await client.upload("bot\(bot)", "sendPhoto", ["chat_id": "\(userID)"], files: [("photo", "p.png", nil, image)])
            let fileID = try #require((sent.resultObject["photo"] as? [[String: Any]])?.last?["file_id"] as? String)

            let file = try await client.bot(bot, "getFile", ["file_id": fileID])
            let path = try #require(file.resultObject["file_path"] as? String)
            #expect(path.hasPrefix("photos/file_") && path.hasSuffix(".jpg"))
            let size = try #require(file.resultObject["file_size"] as? Int)
            #expect(file.resultObject["file_id"] as? String == fileID)

            // Photos are stored as Telegram's JPEGs.
            let download = try await client.download("/file/bot\(bot)/\(path)")
            #expect(download.status == 200 && download.bytes.count == size && download.contentType == "image/jpeg")
            #expect(download.bytes.starts(with: [0xFF, 0xD8]))
            let stored = download.bytes

            // The user received the photo, so holds it (PrivacyTests); someone else doesn't.
            #expect(try await client.user(user, "getFile", ["file_id": fileID]).ok)
            #expect(try await client.download("/file/user\(user)/\(path)").bytes == stored)
            let (stranger, _) = try await client.createUser("Stranger")
            #expect(try await client.download("/file/user\(stranger)/\(path)").status == 404)

            let (otherBot, _) = try await client.createBot("other_bot", name: "Other")
            #expect(try await client.download("/file/bot\(otherBot)/\(path)").status == 404)
            #expect(try await client.download("/file/bot123:nope/\(path)").status == 401)
            #expect(try await client.download("/file/bot\(bot)/photos/file_999999.png").status == 404)
        }
    }

    @Test func pathTraversalFindsNothing() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await Self.botAndUser(client)
            let sent = try await client.upload("bot\(bot)", "sendDocument", ["chat_id": "\(userID)"], files: [("document", "x.txt", nil, Array("secret".utf8))])
            let fileID = try #require((sent.resultObject["document"] as? [String: Any])?["file_id"] as? String)
            #expect(try await client.bot(bot, "getFile", ["file_id": fileID]).ok)
            for path in [
                "../botapi.sqlite", "documents/../../botapi.sqlite", "documents/%2e%2e/%2e%2e/botapi.sqlite", "..%2fbotapi.sqlite",
                "documents/file_1/../file_1.txt", "/etc/passwd", "documents//file_1.txt", "documents/file_1.txt/..",
                "documents/file_-1.txt", "documents/file_1.t/xt", "%2Fetc%2Fpasswd",
            ] {
                let answer = try await client.download("/file/bot\(bot)/\(path)")
                #expect(answer.status == 404, "\(path) answered \(answer.status)")
            }
            #expect(try await client.download("/file/bot\(bot)/documents/file_1.txt").bytes == Array("secret".utf8))
        }
    }

    @Test func officialErrors() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await Self.botAndUser(client)
            let chat = ["chat_id": "\(userID)"]
            #expect(try await client.bot(bot, "sendPhoto", chat).description == "Bad Request: there is no photo in the request")
            #expect(try await client.bot(bot, "sendVideoNote", chat).description == "Bad Request: there is no video note in the request")
            #expect(try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": "attach://nothing"]).description
                == "Bad Request: there is no document in the request")
            #expect(try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": "abcde"]).description
                == "Bad Request: wrong remote file identifier specified: Wrong string length")
            #expect(try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": "AgACAgIAAxkBAAIBZ2Zm"]).description
                == "Bad Request: wrong remote file identifier specified: can't unserialize it")
            // Well-formed, but naming no file (the access key does not match).
            let forged = "AQIAAAAAAAAAAQAAAAAAAAAB"
            #expect(try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": forged]).description
                == "Bad Request: wrong file identifier/HTTP URL specified")
            #expect(try await client.bot(bot, "getFile", ["file_id": forged]).description == "Bad Request: invalid file_id")
            #expect(try await client.bot(bot, "getFile").description == "Bad Request: file_id not specified")
            #expect(try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": "https://example.org/a.pdf"]).description
                == "Bad Request: failed to get HTTP URL content")
            #expect(try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": "ftp://example.org/a.pdf"]).description
                == "Bad Request: wrong HTTP URL specified")
            let empty = try await client.upload("bot\(bot)", "sendDocument", chat, files: [("document", "e.txt", nil, [])])
            #expect(empty.description == "Bad Request: file must be non-empty")
            let notImage = try await client.upload("bot\(bot)", "sendPhoto", chat, files: [("photo", "p.png", nil, Array("text".utf8))])
            #expect(notImage.description == "Bad Request: IMAGE_PROCESS_FAILED")
            let tooWide = try await client.upload("bot\(bot)", "sendPhoto", chat, files: [("photo", "w.png", nil, Self.png(width: 42, height: 2))])
            #expect(tooWide.description == "Bad Request: PHOTO_INVALID_DIMENSIONS")
            let huge = try await client.upload("bot\(bot)", "sendPhoto", chat, files: [("photo", "h.jpg", nil, Self.jpeg(width: 6000, height: 4001))])
            #expect(huge.description == "Bad Request: PHOTO_INVALID_DIMENSIONS")
            let longCaption = try await client.upload(
                "bot\(bot)", "sendPhoto", ["chat_id": "\(userID)", "caption": String(repeating: "x", count: 1025)],
                files: [("photo", "p.png", nil, Self.png(width: 1, height: 1))])
            #expect(longCaption.description == "Bad Request: message caption is too long")
            let noChat = try await client.upload("bot\(bot)", "sendPhoto", [:], files: [("photo", "p.png", nil, Self.png(width: 1, height: 1))])
            #expect(noChat.description == "Bad Request: chat_id is empty")

            // A document's file_id can't become a photo.
            let document = try await client.upload("bot\(bot)", "sendDocument", chat, files: [("document", "p.png", nil, Self.png(width: 2, height: 2))])
            let documentID = try #require((document.resultObject["document"] as? [String: Any])?["file_id"] as? String)
            #expect(try await client.bot(bot, "sendPhoto", ["chat_id": "\(userID)", "photo": documentID]).description
                == "Bad Request: wrong file identifier/HTTP URL specified")
            #expect(try await client.bot(bot, "sendAudio", ["chat_id": "\(userID)", "audio": documentID, "title": "t"]).ok)
        }
    }

    @Test func everyMediaKindArrivesWithItsFields() async throws {
        try await TestWorld().run { client in
            let (bot, _, user, userID) = try await Self.botAndUser(client)
            let chat = ["chat_id": "\(userID)"]
            let thumb = ("thumb_part", "t.png", "image/png", Self.png(width: 4, height: 4))
            let video = try await client.upload(
                "bot\(bot)", "sendVideo", chat.merging(["width": "1920", "height": "1080", "duration": "12", "thumbnail": "attach://thumb_part",
                                                        "has_spoiler": "true", "show_caption_above_media": "1", "caption": "v"]) { a, _ in a },
                files: [("video", "clip.mp4", "video/mp4", [0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70]), thumb])
            let v = try #require(video.resultObject["video"] as? [String: Any], "\(video.body)")
            #expect(v["width"] as? Int == 1920 && v["duration"] as? Int == 12 && v["mime_type"] as? String == "video/mp4")
            #expect((v["thumbnail"] as? [String: Any])?["width"] as? Int == 4)
            #expect(video.resultObject["has_media_spoiler"] as? Bool == true && video.resultObject["show_caption_above_media"] as? Bool == true)

            let audio = try await client.upload(
                "bot\(bot)", "sendAudio", chat.merging(["performer": "P", "title": "T", "duration": "999999"]) { a, _ in a },
                files: [("audio", "song.mp3", nil, [0x49, 0x44, 0x33, 4])])
            let a = try #require(audio.resultObject["audio"] as? [String: Any])
            #expect(a["performer"] as? String == "P" && a["duration"] as? Int == 86400 && a["mime_type"] as? String == "audio/mpeg")

            let voice = try await client.upload("bot\(bot)", "sendVoice", chat, files: [("voice", "v.ogg", nil, Array("OggS".utf8))])
            #expect((voice.resultObject["voice"] as? [String: Any])?["mime_type"] as? String == "audio/ogg")
            let note = try await client.upload("bot\(bot)", "sendVideoNote", chat.merging(["length": "240"]) { a, _ in a },
                                               files: [("video_note", "n.mp4", nil, [9, 9, 9])])
            #expect((note.resultObject["video_note"] as? [String: Any])?["length"] as? Int == 240)
            let gif = Array("GIF89a".utf8) + [0x20, 0, 0x10, 0, 0, 0, 0, 0x3B]
            let animation = try await client.upload("bot\(bot)", "sendAnimation", chat, files: [("animation", "a.gif", nil, gif)])
            let anim = try #require(animation.resultObject["animation"] as? [String: Any])
            #expect(anim["width"] as? Int == 32 && anim["height"] as? Int == 16)
            #expect(animation.resultObject["document"] != nil)

            let updates = try await client.user(user, "getUpdates")
            let kinds = updates.resultArray.compactMap { $0["message"] as? [String: Any] }.compactMap { message in
                ["video", "audio", "voice", "video_note", "animation"].first { message[$0] != nil }
            }
            #expect(kinds == ["video", "audio", "voice", "video_note", "animation"])
        }
    }

    @Test func mediaGroupSendsOneMessagePerItemWithASharedGroupID() async throws {
        try await TestWorld().run { client in
            let (bot, _, user, userID) = try await Self.botAndUser(client)
            let media = #"[{"type":"photo","media":"attach://one","caption":"first"},{"type":"photo","media":"attach://two","caption":"<i>second</i>","parse_mode":"HTML"}]"#
            let sent = try await client.upload(
                "bot\(bot)", "sendMediaGroup", ["chat_id": "\(userID)", "media": media],
                files: [("one", "1.png", nil, Self.png(width: 2, height: 2)), ("two", "2.png", nil, Self.png(width: 300, height: 200))])
            #expect(sent.ok, "\(sent.body)")
            let messages = sent.resultArray
            #expect(messages.count == 2)
            let groupID = messages.first?["media_group_id"] as? String
            #expect(groupID != nil && messages.allSatisfy { $0["media_group_id"] as? String == groupID })
            #expect(messages.map { $0["caption"] as? String } == ["first", "second"])
            #expect(((messages.last?["photo"] as? [[String: Any]])?.last?["width"] as? Int) == 300)
            let ids = messages.compactMap { $0["message_id"] as? Int }
            #expect(ids.count == 2 && ids[1] == ids[0] + 1)

            let received = try await client.user(user, "getUpdates").resultArray.compactMap { $0["message"] as? [String: Any] }
                .filter { $0["media_group_id"] != nil }
            #expect(received.count == 2 && received.allSatisfy { $0["media_group_id"] as? String == groupID })
        }
    }

    @Test func mediaGroupErrors() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await Self.botAndUser(client)
            func send(_ media: String?) async throws -> String? {
                var parameters = ["chat_id": "\(userID)"]
                if let media { parameters["media"] = media }
                return try await client.upload("bot\(bot)", "sendMediaGroup", parameters, files: [("p", "p.png", nil, Self.png(width: 1, height: 1))]).description
            }
            let photo = #"{"type":"photo","media":"attach://p"}"#
            let document = #"{"type":"document","media":"attach://p"}"#
            #expect(try await send(nil) == "Bad Request: parameter \"media\" is required")
            #expect(try await send("[{") == "Bad Request: can't parse media JSON object")
            #expect(try await send("{}") == "Bad Request: expected an Array of InputMedia")
            #expect(try await send("[]") == "Bad Request: there are no messages to send")
            #expect(try await send("[1]") == "Bad Request: can't parse InputMedia: expected an Object")
            #expect(try await send(#"[{"media":"attach://p"}]"#) == "Bad Request: can't parse InputMedia: Can't find field \"type\"")
            #expect(try await send(#"[{"type":"animation","media":"attach://p"}]"#)
                == "Bad Request: can't parse InputMedia: type \"animation\" can't be used in sendMediaGroup")
            #expect(try await send(#"[{"type":"sticker","media":"attach://p"}]"#) == "Bad Request: can't parse InputMedia: type \"sticker\" is unsupported")
            #expect(try await send(#"[{"type":"photo","media":"attach://missing"}]"#) == "Bad Request: can't parse InputMedia: media not found")
            #expect(try await send("[" + Array(repeating: photo, count: 11).joined(separator: ",") + "]")
                == "Bad Request: too many messages to send as an album")
            #expect(try await send("[\(photo),\(document)]") == "Bad Request: document can't be mixed with other media types")
            #expect(try await send("[\(photo),{\"type\":\"photo\",\"media\":\"attach://p\",\"show_caption_above_media\":true}]")
                == "Bad Request: parameter show_caption_above_media must be the same for all messages")
            #expect(try await send("[\(document),\(document)]") == nil)
        }
    }

    @Test func albumsReachEveryGroupMember() async throws {
        try await TestWorld().run { client in
            let (bot, botID, user, _) = try await Self.botAndUser(client)
            let (member, memberID) = try await client.createUser("Bob")
            let created = try await client.user(user, "createChat", ["type": "group", "title": "Team", "member_ids": "[\(botID), \(memberID)]"])
            let chatID = try #require(created.resultObject["id"] as? Int, "createChat: \(created.body)")
            _ = try await client.user(member, "getUpdates", ["offset": "-1"])
            let media = #"[{"type":"document","media":"attach://a"},{"type":"document","media":"attach://b","caption":"two"}]"#
            let sent = try await client.upload(
                "bot\(bot)", "sendMediaGroup", ["chat_id": "\(chatID)", "media": media],
                files: [("a", "a.txt", nil, Array("one".utf8)), ("b", "b.txt", nil, Array("two".utf8))])
            #expect(sent.resultArray.count == 2, "\(sent.body)")
            let seen = try await client.user(member, "getUpdates").resultArray.compactMap { $0["message"] as? [String: Any] }
                .filter { ($0["chat"] as? [String: Any])?["id"] as? Int == chatID && $0["document"] != nil }
            #expect(seen.count == 2 && Set(seen.compactMap { $0["media_group_id"] as? String }).count == 1)
        }
    }

    @Test func urlsAreFetchedByTheInjectedLoader() async throws {
        let options = EngineOptions(remoteFileLoader: StubLoader())
        try await Self.run(options: options) { client in
            let (bot, _, _, userID) = try await Self.botAndUser(client)
            let sent = try await client.bot(bot, "sendPhoto", ["chat_id": "\(userID)", "photo": "https://images.example/cat.png"])
            let photo = try #require((sent.resultObject["photo"] as? [[String: Any]])?.last, "\(sent.body)")
            #expect(photo["width"] as? Int == 5 && photo["height"] as? Int == 4)
            let big = try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": "http://files.example/big.bin"])
            #expect(big.description == "Bad Request: failed to get HTTP URL content")
            let html = try await client.bot(bot, "sendPhoto", ["chat_id": "\(userID)", "photo": "http://files.example/page"])
            #expect(html.description == "Bad Request: wrong type of the web page content")
        }
    }

    @Test func localModeLiftsTheDownloadLimitAndGivesAbsolutePaths() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("botapi-local-\(UUID().uuidString)")
        try await Self.run(options: EngineOptions(filesDirectory: directory, localFiles: true)) { client in
            let (bot, _, _, userID) = try await Self.botAndUser(client)
            let source = directory.deletingLastPathComponent().appendingPathComponent("local-\(UUID().uuidString).txt")
            try Data("from disk".utf8).write(to: source)
            let sent = try await client.bot(bot, "sendDocument", ["chat_id": "\(userID)", "document": "file://" + source.path])
            let fileID = try #require((sent.resultObject["document"] as? [String: Any])?["file_id"] as? String, "\(sent.body)")
            let file = try await client.bot(bot, "getFile", ["file_id": fileID])
            let path = try #require(file.resultObject["file_path"] as? String)
            #expect(path.hasPrefix(directory.path + "/"))
            #expect(FileManager.default.contents(atPath: path) == Data("from disk".utf8))
        }
    }
}

/// Serves fixed answers for URL tests: a PNG, an oversized file and an HTML page.
struct StubLoader: RemoteFileLoader {
    func load(_ url: URL, maxBytes: Int) async throws(RemoteFileError) -> RemoteFile {
        switch url.path {
        case "/cat.png": return RemoteFile(data: Data(FileTests.png(width: 5, height: 4)), contentType: "image/png")
        case "/big.bin": throw .tooBig
        case "/page": return RemoteFile(data: Data("<html></html>".utf8), contentType: "text/html; charset=utf-8")
        default: throw .failed("404")
        }
    }
}

extension Client {
    /// A multipart/form-data call with files `(field, filename, content type, bytes)`.
    func upload(
        _ prefix: String, _ method: String, _ fields: [String: String],
        files: [(field: String, filename: String, contentType: String?, bytes: [UInt8])]
    ) async throws -> Answer {
        let boundary = "----botapi-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n"
            if let type = file.contentType { head += "Content-Type: \(type)\r\n" }
            body += Array((head + "\r\n").utf8) + file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: "/\(prefix)/\(method)", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
            Answer(status: Int(response.status.code), contentType: response.headers[.contentType], body: String(buffer: response.body), headers: response.headers)
        }
    }

    /// A GET whose body is kept as bytes.
    func download(_ uri: String) async throws -> (status: Int, contentType: String?, bytes: [UInt8]) {
        try await client.execute(uri: uri, method: .get, headers: [:], body: nil) { response in
            (Int(response.status.code), response.headers[.contentType], Array(buffer: response.body))
        }
    }
}
