import Engine
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Storage
import Testing

@testable import Webhooks

/// Issue 10, reproducer 3: a bot must not read the server's own network through URL inputs
/// and `getFile`. The whole server in-process, with the real fetcher and loopback receivers.
/// (In WebhooksTests rather than ServerTests: it needs the Webhooks module's fetcher and the
/// raw `TestReceiver`, which can listen on 127.0.0.2.)
@Suite(.timeLimit(.minutes(1))) struct URLInputTests {
    static let content = Array("the server's secret".utf8)
    static let refused = "Bad Request: failed to get HTTP URL content"

    /// Serves `content` on every path.
    static func fileServer() -> TestReceiver {
        TestReceiver { _ in
            .response(status: 200, reason: "OK", headers: [("Content-Type", "text/plain"), ("Content-Length", "\(content.count)")], body: content)
        }
    }

    struct Answer {
        let status: Int
        let json: [String: Any]
        var description: String? { json["description"] as? String }
        var errorCode: Int? { json["error_code"] as? Int }
        var resultObject: [String: Any] { json["result"] as? [String: Any] ?? [:] }
    }

    /// Form-encoded calls and raw GETs through the server's HTTP layer.
    struct API: Sendable {
        let client: any TestClientProtocol

        func call(_ prefix: String, _ method: String, _ parameters: [String: String]) async throws -> Answer {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let form = parameters.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                .joined(separator: "&")
            return try await client.execute(
                uri: "/\(prefix)/\(method)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form)
            ) { response in
                Answer(
                    status: Int(response.status.code),
                    json: (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:])
            }
        }

        func get(_ uri: String) async throws -> (status: Int, bytes: [UInt8]) {
            try await client.execute(uri: uri, method: .get, headers: [:], body: nil) { (Int($0.status.code), Array(buffer: $0.body)) }
        }
    }

    /// A server whose engine downloads URLs with `fetcher` into `files`; `body` gets the API,
    /// a bot token and the id of a user who has written to that bot.
    static func run(
        fetcher: RemoteFileFetcher, files: URL, _ body: @Sendable (_ api: API, _ bot: String, _ userID: Int) async throws -> Void
    ) async throws {
        let engine = Engine(
            store: try TestStores.open(path: WebhookWorld.newDatabasePath()), clock: ManualClock(), adminToken: WebhookWorld.adminToken,
            options: EngineOptions(filesDirectory: files, remoteFileLoader: fetcher))
        let app = try BotAPIServer.makeApplication(engine: engine, host: "127.0.0.1", port: 0)
        try await app.test(.router) { client in
            let api = API(client: client)
            let admin = "admin\(WebhookWorld.adminToken)"
            let bot = try #require(try await api.call(admin, "createBot", ["username": "fetch_bot", "first_name": "Fetch"]).resultObject["token"] as? String)
            let user = try await api.call(admin, "createUser", ["first_name": "Alice"]).resultObject
            let userToken = try #require(user["token"] as? String)
            let userID = try #require((user["user"] as? [String: Any])?["id"] as? Int)
            let botID = try #require(bot.split(separator: ":").first.flatMap { Int($0) })
            try #require(try await api.call("user\(userToken)", "sendMessage", ["chat_id": "\(botID)", "text": "hi"]).json["ok"] as? Bool == true)
            try await body(api, bot, userID)
        }
    }

    static func newFilesDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("botapi-url-files-\(UUID().uuidString)")
    }

    /// Every regular file under `directory`.
    static func storedFiles(_ directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map(\.path)
    }

    @Test func loopbackAndLinkLocalURLsAreRefusedAndNothingIsStored() async throws {
        let server = Self.fileServer()
        let port = try await server.start()
        let files = Self.newFilesDirectory()
        try await Self.run(fetcher: RemoteFileFetcher(timeout: .seconds(5)), files: files) { api, bot, userID in
            for url in [
                "http://127.0.0.1:\(port)/x", "127.0.0.1:\(port)/x", "http://localhost:\(port)/x", "http://2130706433:\(port)/x",
                "http://[::ffff:127.0.0.1]:\(port)/x", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x",
            ] {
                let answer = try await api.call("bot\(bot)", "sendDocument", ["chat_id": "\(userID)", "document": url])
                #expect(answer.status == 400 && answer.errorCode == 400 && answer.description == Self.refused, "\(url): \(answer.json)")
                #expect(answer.json["result"] == nil)
            }
        }
        #expect(server.requests.isEmpty)
        #expect(Self.storedFiles(files).isEmpty)
        await server.stop()
    }

    @Test func aRedirectFromAnAllowedHostToLoopbackIsRefused() async throws {
        let target = Self.fileServer()
        let targetPort = try await target.start()
        let redirector = TestReceiver { _ in
            .response(status: 302, reason: "Found", headers: [("Location", "http://127.0.0.1:\(targetPort)/x"), ("Content-Length", "0")])
        }
        let redirectorPort = try await redirector.start(host: "127.0.0.2")
        // The seam: 127.0.0.2 plays a public host, every other address keeps the default rule.
        let publicHost = try #require(IPAddress("127.0.0.2"))
        let fetcher = RemoteFileFetcher(timeout: .seconds(5), mayConnect: { $0 == publicHost || $0.isPublic })
        let files = Self.newFilesDirectory()
        try await Self.run(fetcher: fetcher, files: files) { api, bot, userID in
            let answer = try await api.call("bot\(bot)", "sendDocument", ["chat_id": "\(userID)", "document": "http://127.0.0.2:\(redirectorPort)/old"])
            #expect(answer.status == 400 && answer.description == Self.refused, "\(answer.json)")
        }
        #expect(redirector.requests.count == 1)
        #expect(target.requests.isEmpty)
        #expect(Self.storedFiles(files).isEmpty)
        await redirector.stop()
        await target.stop()
    }

    @Test func withTheOptInLoopbackURLsAreFetched() async throws {
        let server = Self.fileServer()
        let port = try await server.start()
        let fetcher = RemoteFileFetcher(timeout: .seconds(5), allowsPrivateAddresses: true)
        try await Self.run(fetcher: fetcher, files: Self.newFilesDirectory()) { api, bot, userID in
            let sent = try await api.call("bot\(bot)", "sendDocument", ["chat_id": "\(userID)", "document": "http://127.0.0.1:\(port)/notes.txt"])
            let document = try #require(sent.resultObject["document"] as? [String: Any], "\(sent.json)")
            #expect(document["file_name"] as? String == "notes.txt")
            let fileID = try #require(document["file_id"] as? String)
            let file = try await api.call("bot\(bot)", "getFile", ["file_id": fileID])
            let path = try #require(file.resultObject["file_path"] as? String, "\(file.json)")
            let download = try await api.get("/file/bot\(bot)/\(path)")
            #expect(download.status == 200 && download.bytes == Self.content)
        }
        #expect(server.requests.count == 1)
        await server.stop()
    }
}

/// The inline thumbnail route (`GET /user<token>/inlineThumbnail`) fetches with the same
/// loader as URL inputs: a loopback thumbnail is refused unless the server allows private
/// addresses, and then served.
@Suite(.timeLimit(.minutes(1))) struct InlineThumbnailFetchTests {
    static let image: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 3, 8, 2, 0, 0, 0,
    ]

    /// A user's inline query to a new inline bot, answered with one article whose thumbnail is
    /// `thumbnail`; returns the user's token and the query id.
    static func answeredQuery(_ api: URLInputTests.API, thumbnail: String) async throws -> (user: String, queryID: String) {
        let admin = "admin\(WebhookWorld.adminToken)"
        let created = try await api.call(admin, "createBot", ["username": "thumbs_bot", "first_name": "Thumbs", "supports_inline_queries": "true"])
        let bot = try #require(created.resultObject["token"] as? String, "\(created.json)")
        let user = try #require(try await api.call(admin, "createUser", ["first_name": "Alice"]).resultObject["token"] as? String)
        async let asked = api.call("user\(user)", "sendInlineQuery", ["bot_username": "thumbs_bot", "query": "q", "timeout": "5"])
        var queryID: String?
        for _ in 0..<20 where queryID == nil {
            let updates = try await api.call("bot\(bot)", "getUpdates", ["timeout": "1"]).json["result"] as? [[String: Any]] ?? []
            queryID = updates.compactMap { ($0["inline_query"] as? [String: Any])?["id"] as? String }.first
        }
        let id = try #require(queryID)
        let result = #"[{"type":"article","id":"a","title":"A","thumbnail_url":"\#(thumbnail)","input_message_content":{"message_text":"a"}}]"#
        #expect(try await api.call("bot\(bot)", "answerInlineQuery", ["inline_query_id": id, "results": result, "cache_time": "0"]).json["ok"] as? Bool == true)
        #expect(try await asked.json["ok"] as? Bool == true)
        return (user, id)
    }

    static func imageServer() -> TestReceiver {
        TestReceiver { _ in
            .response(status: 200, reason: "OK", headers: [("Content-Type", "image/png"), ("Content-Length", "\(image.count)")], body: image)
        }
    }

    @Test(arguments: [false, true]) func loopbackThumbnailsNeedTheOptIn(allowsPrivate: Bool) async throws {
        let server = Self.imageServer()
        let port = try await server.start()
        let fetcher = RemoteFileFetcher(timeout: .seconds(5), allowsPrivateAddresses: allowsPrivate)
        try await URLInputTests.run(fetcher: fetcher, files: URLInputTests.newFilesDirectory()) { api, _, _ in
            let (user, queryID) = try await Self.answeredQuery(api, thumbnail: "http://127.0.0.1:\(port)/t.png")
            let fetched = try await api.get("/user\(user)/inlineThumbnail?query_id=\(queryID)&result_id=a")
            if allowsPrivate {
                #expect(fetched.status == 200 && fetched.bytes == Self.image)
            } else {
                #expect(fetched.status == 400, "\(String(decoding: fetched.bytes, as: UTF8.self))")
                #expect(String(decoding: fetched.bytes, as: UTF8.self).contains("failed to get HTTP URL content"))
            }
        }
        #expect(server.requests.count == (allowsPrivate ? 1 : 0))
        await server.stop()
    }
}
