import BotAPI
import Foundation

/// The thumbnails of inline results, fetched by the server for the user who was shown them.
///
/// A bot's results name their thumbnails by http(s) URL; the browser client's page may only
/// load images from its own server (its Content-Security-Policy), and Telegram's apps never
/// fetch a bot's URLs themselves either: Telegram's servers do. So the client asks for
/// "the thumbnail of result R of the answer Q", and the server fetches the URL that result
/// holds, with the loader URL inputs use (public addresses only, unless the server was
/// started to allow others). It is no proxy for anything else: only URLs of an answer the
/// user was shown are fetched, within ``maxBytes`` and ``timeout``, and only PNG, JPEG, GIF
/// and WebP images are passed on, typed by their own bytes.
enum InlineThumbnails {
    /// Telegram's bound on a photo fetched by URL (5 MB); thumbnails are much smaller.
    static let maxBytes = 5 * 1024 * 1024
    static let timeout: Duration = .seconds(10)

    /// The URL the client shows as the result's image: its `thumbnail_url`, else a photo's
    /// `photo_url` or a GIF's `gif_url` (the client shows those when there is no thumbnail).
    static func imageURL(of result: [String: Any]) -> URL? {
        let type = (result["type"] as? String)?.lowercased()
        let text = result["thumbnail_url"] as? String
            ?? (type == "photo" ? result["photo_url"] as? String : nil)
            ?? (type == "gif" ? result["gif_url"] as? String : nil)
        guard let text, let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return nil
        }
        return url
    }

    /// The image URL of result `resultID` in `query`'s answer, or nil.
    static func imageURL(resultID: String, in query: StoredInlineQuery) -> URL? {
        for text in query.results {
            guard let result = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  result["id"] as? String == resultID
            else { continue }
            return imageURL(of: result)
        }
        return nil
    }

    /// Loads `url` within ``timeout`` and ``maxBytes``.
    static func load(_ url: URL, with loader: any RemoteFileLoader) async throws -> RemoteFile {
        try await withThrowingTaskGroup(of: RemoteFile?.self) { group in
            group.addTask { try await loader.load(url, maxBytes: maxBytes) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let file = first else { throw RemoteFileError.failed("timeout") }
            return file
        }
    }
}

extension Engine {
    /// `GET /user<token>/inlineThumbnail?query_id=…&result_id=…` (the server's route): the
    /// image of result `resultID` of the inline answer `queryID`, for the user of `token` who
    /// was shown that answer (its own query, or a cached answer that is not personal). 404
    /// for anything else or a result without an http(s) image; 400 "failed to get HTTP URL
    /// content" when the image can't be fetched, "wrong type of the web page content" when
    /// it is no PNG, JPEG, GIF or WebP image.
    public func inlineThumbnail(token: Substring, queryID: String, resultID: String) async -> Result<RemoteFile, APIError> {
        do {
            let caller = try await authenticate(surface: .user, token: token)
            guard let account = caller.account else { return .failure(.notFound) }
            let now = clock.now()
            let found = try await store.read { try InlineQueries.load(queryID, now: now, in: $0) }
            guard let (_, query) = found, query.answered, query.userID == account.id || !query.isPersonal,
                  let url = InlineThumbnails.imageURL(resultID: resultID, in: query)
            else { return .failure(.notFound) }
            guard let loader = options.remoteFileLoader else { return .failure(.badRequest("failed to get HTTP URL content")) }
            let file: RemoteFile
            do {
                file = try await InlineThumbnails.load(url, with: loader)
            } catch {
                return .failure(.badRequest("failed to get HTTP URL content"))
            }
            guard let image = ImageProbe.probe(Array(file.data)) else { return .failure(.badRequest("wrong type of the web page content")) }
            return .success(RemoteFile(data: file.data, contentType: image.mimeType))
        } catch let error as APIError {
            return .failure(error)
        } catch {
            return .failure(internalFailure(error, during: "inline thumbnail"))
        }
    }
}
