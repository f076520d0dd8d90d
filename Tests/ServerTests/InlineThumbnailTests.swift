import Engine
import Foundation
import Hummingbird
import Synchronization
import Testing

/// Serves a PNG at /thumb.png and an HTML page at /page.html, and records every URL asked for.
final class RecordingLoader: RemoteFileLoader {
    let asked = Mutex<[String]>([])
    static let image = FileTests.png(width: 6, height: 3)

    func load(_ url: URL, maxBytes: Int) async throws(RemoteFileError) -> RemoteFile {
        asked.withLock { $0.append(url.absoluteString) }
        switch url.path {
        case "/thumb.png": return RemoteFile(data: Data(Self.image), contentType: "text/plain")
        case "/page.html": return RemoteFile(data: Data("<svg onload=alert(1)>".utf8), contentType: "image/svg+xml")
        default: throw .failed("404")
        }
    }
}

/// `GET /user<token>/inlineThumbnail`: the server fetches the images of inline results for
/// the user who was shown them, and nothing else.
@Suite struct InlineThumbnailTests {
    static func thumbnail(_ client: Client, _ token: String, query: String, result: String) async throws -> Answer {
        try await client.request("/user\(token)/inlineThumbnail?query_id=\(query)&result_id=\(Client.escape(result))", method: .get)
    }

    @Test func onlyTheImagesOfAnAnswerTheUserWasShownAreFetched() async throws {
        let loader = RecordingLoader()
        try await FileTests.run(options: EngineOptions(remoteFileLoader: loader)) { client in
            let w = try await client.inlineWorld()
            func article(_ id: String, thumbnail: String?) -> String {
                let thumb = thumbnail.map { #","thumbnail_url":"\#($0)""# } ?? ""
                return #"{"type":"article","id":"\#(id)","title":"T","input_message_content":{"message_text":"x"}\#(thumb)}"#
            }
            let results = "[" + [
                article("with space", thumbnail: "https://images.example/thumb.png"),
                article("html", thumbnail: "https://images.example/page.html"),
                article("none", thumbnail: nil),
                article("gone", thumbnail: "https://images.example/missing.png"),
                #"{"type":"photo","id":"photo","photo_url":"https://images.example/big.jpg","thumbnail_url":"https://images.example/thumb.png?small"}"#,
            ].joined(separator: ",") + "]"
            async let asked = client.user(w.alice, "sendInlineQuery", ["bot_username": "inline_bot", "query": "q"])
            let update = try await client.nextUpdate("inline_query", bot: w.bot)
            let queryID = update["id"] as? String ?? ""
            #expect(try await client.bot(w.bot, "answerInlineQuery", [
                "inline_query_id": queryID, "results": results, "cache_time": "0", "is_personal": "true",
            ]).ok)
            #expect(try await asked.ok)

            // The image, typed by its bytes, not by what the remote server said.
            let image = try await Self.thumbnail(client, w.alice, query: queryID, result: "with space")
            #expect(image.status == 200 && image.contentType == "image/png")
            #expect(image.headers[.contentLength] == "\(RecordingLoader.image.count)")
            #expect(image.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            #expect(try await Self.thumbnail(client, w.alice, query: queryID, result: "photo").status == 200)

            // Not an image this server passes on, or not fetched.
            let html = try await Self.thumbnail(client, w.alice, query: queryID, result: "html")
            #expect(html.status == 400 && html.description == "Bad Request: wrong type of the web page content")
            let gone = try await Self.thumbnail(client, w.alice, query: queryID, result: "gone")
            #expect(gone.status == 400 && gone.description == "Bad Request: failed to get HTTP URL content")

            // Nothing else: a result without an image, an unknown result or query, someone
            // else's personal answer, a bad token.
            for (token, query, result) in [
                (w.alice, queryID, "none"), (w.alice, queryID, "nope"), (w.alice, "12345", "with space"), (w.bob, queryID, "with space"),
            ] {
                let refused = try await Self.thumbnail(client, token, query: query, result: result)
                #expect(refused.status == 404 && refused.description == "Not Found", "\(result): \(refused.body)")
            }
            #expect(try await Self.thumbnail(client, "1:bad", query: queryID, result: "with space").status == 401)
            #expect(loader.asked.withLock { $0 } == [
                "https://images.example/thumb.png", "https://images.example/thumb.png?small", "https://images.example/page.html",
                "https://images.example/missing.png",
            ])
        }
    }
}
