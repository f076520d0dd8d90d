import BotAPI
import Engine
import Foundation
import Testing

/// Media as Telegram processes them (issue 11, item 7): the photo size ladder, durations and
/// sizes read from files, generated and scaled thumbnails, chat photo sizes. The samples are
/// ../shared/media's (Resources/Media; dimensions and durations in its README).
@Suite struct MediaProcessingTests {
    static func sample(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Media"))
        return Array(try Data(contentsOf: url))
    }

    /// Sends `file` with `method` as `field` and answers the sent message.
    static func send(
        _ client: Client, _ bot: String, _ method: String, _ field: String, _ name: String, to userID: Int,
        _ extra: [String: String] = [:], files: [(field: String, filename: String, contentType: String?, bytes: [UInt8])] = []
    ) async throws -> [String: Any] {
        let answer = try await client.upload(
            "bot\(bot)", method, ["chat_id": "\(userID)"].merging(extra) { $1 },
            files: [(field: field, filename: name, contentType: nil, bytes: try sample(name))] + files)
        try #require(answer.ok, "\(method): \(answer.body)")
        return answer.resultObject
    }

    /// The bytes `fileID` downloads as, after getFile.
    static func download(_ client: Client, _ bot: String, _ fileID: String?) async throws -> [UInt8] {
        let file = try await client.bot(bot, "getFile", ["file_id": try #require(fileID)])
        let path = try #require(file.resultObject["file_path"] as? String, "\(file.body)")
        let answer = try await client.download("/file/bot\(bot)/\(path)")
        try #require(answer.status == 200)
        return answer.bytes
    }

    @Test func photosBecomeTelegramsSizeLadderOfRealJPEGs() async throws {
        try await TestWorld().run { client in
            let (bot, botID, user, userID) = try await FileTests.botAndUser(client)
            let sent = try await Self.send(client, bot, "sendPhoto", "photo", "telegram.jpg", to: userID)
            let sizes = try #require(sent["photo"] as? [[String: Any]])
            // 800×800: 's' 90, 'm' 320, and the original size.
            #expect(sizes.map { $0["width"] as? Int } == [90, 320, 800])
            #expect(sizes.map { $0["height"] as? Int } == [90, 320, 800])
            #expect(Set(sizes.compactMap { $0["file_id"] as? String }).count == 3)
            #expect(Set(sizes.compactMap { $0["file_unique_id"] as? String }).count == 3)
            for size in sizes {
                let bytes = try await Self.download(client, bot, size["file_id"] as? String)
                #expect(bytes.starts(with: [0xFF, 0xD8]) && bytes.count == size["file_size"] as? Int)
                let probe = try #require(ImageProbe.probe(bytes))
                #expect(probe.width == size["width"] as? Int && probe.height == size["height"] as? Int)
            }

            // The receiver gets the same sizes, and any size's file_id sends the whole photo again.
            let received = try #require(ChatSetup.messages(try await ChatSetup.userUpdates(client, user)).last?["photo"] as? [[String: Any]])
            #expect(received.compactMap { $0["file_id"] as? String } == sizes.compactMap { $0["file_id"] as? String })
            let again = try await client.user(user, "sendPhoto", ["chat_id": "\(botID)", "photo": sizes[0]["file_id"] as? String ?? ""])
            let againSizes = try #require(again.resultObject["photo"] as? [[String: Any]], "\(again.body)")
            #expect(againSizes.compactMap { $0["file_unique_id"] as? String } == sizes.compactMap { $0["file_unique_id"] as? String })
        }
    }

    @Test func largePhotosAreCappedAt2560AndSmallOnesKeepTheirSize() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await FileTests.botAndUser(client)
            let wide = try await client.upload(
                "bot\(bot)", "sendPhoto", ["chat_id": "\(userID)"], files: [("photo", "wide.png", nil, FileTests.png(width: 2600, height: 200))])
            let sizes = try #require(wide.resultObject["photo"] as? [[String: Any]], "\(wide.body)")
            #expect(sizes.map { $0["width"] as? Int } == [90, 320, 800, 1280, 2560])
            #expect((sizes.last?["height"] as? Int).map { (196...197).contains($0) } == true)

            // A PNG with transparency becomes a JPEG too: 300×300 gives 's' and its own size.
            let png = try await Self.send(client, bot, "sendPhoto", "photo", "telegram.png", to: userID)
            let pngSizes = try #require(png["photo"] as? [[String: Any]])
            #expect(pngSizes.map { $0["width"] as? Int } == [90, 300])
            #expect(try await Self.download(client, bot, pngSizes.last?["file_id"] as? String).starts(with: [0xFF, 0xD8]))
        }
    }

    @Test func videosReportWhatTheFileSaysAndGetAThumbnail() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await FileTests.botAndUser(client)
            let sent = try await Self.send(client, bot, "sendVideo", "video", "telegram.mp4", to: userID)
            let video = try #require(sent["video"] as? [String: Any])
            // 360×640 portrait, 4.89 s.
            #expect(video["width"] as? Int == 360 && video["height"] as? Int == 640 && video["duration"] as? Int == 5)
            #expect(video["mime_type"] as? String == "video/mp4")
            let thumbnail = try #require(video["thumbnail"] as? [String: Any])
            #expect(thumbnail["width"] as? Int == 180 && thumbnail["height"] as? Int == 320)
            let bytes = try await Self.download(client, bot, thumbnail["file_id"] as? String)
            #expect(bytes.starts(with: [0xFF, 0xD8]) && bytes.count == thumbnail["file_size"] as? Int)

            // An upload without a telling name or type is typed by its container.
            let unnamed = try await client.upload(
                "bot\(bot)", "sendVideo", ["chat_id": "\(userID)"],
                files: [("video", "blob", "application/octet-stream", Array(try Self.sample("telegram2.mp4")))])
            #expect((unnamed.resultObject["video"] as? [String: Any])?["mime_type"] as? String == "video/mp4", "\(unnamed.body)")

            // What the caller gives wins; sent again by file_id, the file's facts stay.
            let given = try await Self.send(client, bot, "sendVideo", "video", "telegram.mp4", to: userID, ["duration": "42"])
            #expect((given["video"] as? [String: Any])?["duration"] as? Int == 42)
            let again = try await client.bot(bot, "sendVideo", ["chat_id": "\(userID)", "video": video["file_id"] as? String ?? ""])
            let againVideo = try #require(again.resultObject["video"] as? [String: Any], "\(again.body)")
            #expect(againVideo["duration"] as? Int == 5 && againVideo["width"] as? Int == 360)
            #expect((againVideo["thumbnail"] as? [String: Any])?["file_unique_id"] as? String == thumbnail["file_unique_id"] as? String)
        }
    }

    @Test func audioVoiceVideoNotesAndAnimationsReportDurations() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await FileTests.botAndUser(client)
            let audio = try #require(try await Self.send(client, bot, "sendAudio", "audio", "telegram.mp3", to: userID)["audio"] as? [String: Any])
            #expect(audio["duration"] as? Int == 3 && audio["thumbnail"] == nil)
            let voice = try #require(try await Self.send(client, bot, "sendVoice", "voice", "telegram.ogg", to: userID)["voice"] as? [String: Any])
            #expect(voice["duration"] as? Int == 3)

            let note = try #require(try await Self.send(client, bot, "sendVideoNote", "video_note", "telegram2.mp4", to: userID)["video_note"] as? [String: Any])
            #expect(note["length"] as? Int == 240 && note["duration"] as? Int == 3)
            let noteThumbnail = try #require(note["thumbnail"] as? [String: Any])
            #expect(noteThumbnail["width"] as? Int == 240 && noteThumbnail["height"] as? Int == 240)

            let animation = try #require(try await Self.send(client, bot, "sendAnimation", "animation", "game.gif", to: userID)["animation"] as? [String: Any])
            #expect(animation["width"] as? Int == 640 && animation["height"] as? Int == 360 && animation["duration"] as? Int == 1)
            let animationThumbnail = try #require(animation["thumbnail"] as? [String: Any])
            #expect(animationThumbnail["width"] as? Int == 320 && animationThumbnail["height"] as? Int == 180)
        }
    }

    @Test func documentsThatAreImagesOrVideosGetThumbnails() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await FileTests.botAndUser(client)
            let image = try #require(try await Self.send(client, bot, "sendDocument", "document", "telegram.png", to: userID)["document"] as? [String: Any])
            let imageThumbnail = try #require(image["thumbnail"] as? [String: Any])
            #expect(imageThumbnail["width"] as? Int == 300 && imageThumbnail["height"] as? Int == 300)
            // The document itself is the file as uploaded.
            #expect(try await Self.download(client, bot, image["file_id"] as? String) == (try Self.sample("telegram.png")))

            let video = try #require(try await Self.send(client, bot, "sendDocument", "document", "telegram.mp4", to: userID)["document"] as? [String: Any])
            #expect((video["thumbnail"] as? [String: Any])?["height"] as? Int == 320)
            let text = try await client.upload(
                "bot\(bot)", "sendDocument", ["chat_id": "\(userID)"], files: [("document", "notes.txt", nil, Array("plain".utf8))])
            #expect((text.resultObject["document"] as? [String: Any])?["thumbnail"] == nil)
        }
    }

    @Test func uploadedThumbnailsAreScaledTo320() async throws {
        try await TestWorld().run { client in
            let (bot, _, _, userID) = try await FileTests.botAndUser(client)
            let sent = try await Self.send(
                client, bot, "sendDocument", "document", "telegram.mp3", to: userID, ["thumbnail": "attach://cover"],
                files: [("cover", "cover.jpg", "image/jpeg", try Self.sample("telegram.jpg"))])
            let thumbnail = try #require((sent["document"] as? [String: Any])?["thumbnail"] as? [String: Any])
            #expect(thumbnail["width"] as? Int == 320 && thumbnail["height"] as? Int == 320)
            let bytes = try await Self.download(client, bot, thumbnail["file_id"] as? String)
            #expect(ImageProbe.probe(bytes)?.width == 320)
        }
    }

    @Test func chatPhotosHaveDistinctSmallAndBigFiles() async throws {
        try await TestWorld().run { client in
            let (alice, _) = try await client.createUser("Alice")
            let (bob, bobID) = try await client.createUser("Bob")
            let chatID = try await ChatSetup.create(client, alice, members: [bobID])
            let set = try await client.upload("user\(alice)", "setChatPhoto", ["chat_id": "\(chatID)"], files: [
                (field: "photo", filename: "team.jpg", contentType: "image/jpeg", bytes: try Self.sample("telegram.jpg")),
            ])
            #expect(set.ok, "\(set.body)")
            let service = ChatSetup.messages(try await ChatSetup.userUpdates(client, bob)).last
            let sizes = try #require(service?["new_chat_photo"] as? [[String: Any]])
            #expect(sizes.map { $0["width"] as? Int } == [160, 640])
            let photo = try #require(try await client.user(bob, "getChat", ["chat_id": "\(chatID)"]).resultObject["photo"] as? [String: Any])
            #expect(photo["small_file_unique_id"] as? String == sizes.first?["file_unique_id"] as? String)
            #expect(photo["big_file_unique_id"] as? String == sizes.last?["file_unique_id"] as? String)
            #expect(photo["small_file_id"] as? String != photo["big_file_id"] as? String)
            let big = try await client.user(bob, "getFile", ["file_id": photo["big_file_id"] as? String ?? ""])
            #expect(big.resultObject["file_size"] as? Int == sizes.last?["file_size"] as? Int, "\(big.body)")
        }
    }

    /// libvips and FFmpeg are loaded at the first media file, so a server without them starts;
    /// the upload that needs them answers a 500 naming only a log reference (never zeros, never
    /// the library's text), stores nothing, and text messages are unaffected.
    @Test func mediaLibrariesThatCannotStartFailTheUploadNotTheServer() async throws {
        struct MissingLibraries: MediaProcessor {
            struct Missing: Error {}
            func start() throws { throw Missing() }
            func imageSize(_ data: Data) -> (width: Int, height: Int)? { Issue.record("used unstarted"); return nil }
            func jpeg(fromImage data: Data, maxSide: Int) -> EncodedImage? { Issue.record("used unstarted"); return nil }
            func probe(_ data: Data) -> MediaInfo? { Issue.record("used unstarted"); return nil }
            func jpeg(fromVideo data: Data, maxSide: Int) -> EncodedImage? { Issue.record("used unstarted"); return nil }
        }
        try await TestWorld(options: EngineOptions(mediaProcessor: MissingLibraries())).run { client in
            let (bot, _, _, userID) = try await FileTests.botAndUser(client)
            let answer = try await client.upload(
                "bot\(bot)", "sendPhoto", ["chat_id": "\(userID)"],
                files: [(field: "photo", filename: "telegram.jpg", contentType: nil, bytes: try Self.sample("telegram.jpg"))])
            #expect(answer.status == 500)
            let description = try #require(answer.json["description"] as? String)
            #expect(description.hasPrefix("Internal Server Error: reference "), "\(answer.body)")
            let text = try await client.bot(bot, "sendMessage", ["chat_id": "\(userID)", "text": "still here"])
            #expect(text.ok && text.resultObject["message_id"] as? Int == 2, "\(text.body)")
        }
    }

    @Test func theProcessorReadsTheSamples() throws {
        let processor = NativeMediaProcessor()
        try processor.start()
        #expect(processor.imageSize(Data(try Self.sample("telegram.jpg"))).map { [$0.width, $0.height] } == [800, 800])
        #expect(processor.imageSize(Data(try Self.sample("telegram.mp3"))) == nil)
        let mp4 = try #require(processor.probe(Data(try Self.sample("telegram.mp4"))))
        #expect(mp4.hasVideo && mp4.hasAudio && mp4.width == 360 && mp4.height == 640 && mp4.seconds == 5)
        let ogg = try #require(processor.probe(Data(try Self.sample("telegram.ogg"))))
        #expect(!ogg.hasVideo && ogg.hasAudio && abs(ogg.duration - 3.45) < 0.05)
        #expect(processor.probe(Data("not media at all".utf8)) == nil)
        #expect(processor.jpeg(fromImage: Data("not an image".utf8), maxSide: 90) == nil)
        let frame = try #require(processor.jpeg(fromVideo: Data(try Self.sample("telegram.mp4")), maxSide: 320))
        #expect(frame.width == 180 && frame.height == 320 && ImageProbe.probe(Array(frame.bytes))?.height == 320)
    }
}
