import Foundation
import Hummingbird

/// The browser client: `GET /` answers its page and `GET /app/<file>` its modules,
/// components and styles, read once from the `WebClient` folder (shipped as the Server
/// target's resources) into memory. Only files found there at start-up are served, by exact
/// path, so no request can reach anything else. `GET /js/telegram-web-app.js` is the script
/// Mini Apps load to talk to the client (Telegram's is at the same path on telegram.org).
struct WebClientAssets: Sendable {
    /// The path prefix of every asset.
    static let prefix = "/app/"
    /// Paths outside ``prefix``, and the asset each one answers.
    static let aliases = ["/js/telegram-web-app.js": "mini-app/telegram-web-app.js"]
    private static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    private static let allowOrigin = HTTPFields.Element.Name("Access-Control-Allow-Origin")!
    private static let resourcePolicy = HTTPFields.Element.Name("Cross-Origin-Resource-Policy")!

    struct Asset: Sendable {
        let bytes: ByteBuffer
        let contentType: String
        let etag: String
    }

    /// By path under the folder, e.g. "index.html", "views/chat/chat-view.js".
    let assets: [String: Asset]

    /// Loads the client from `directory`, or finds it: `$BOTAPI_WEB_DIR` (to work on the
    /// client without rebuilding), the resources beside the executable, then the sources.
    static func load(from directory: URL? = nil) -> WebClientAssets {
        let environment = ProcessInfo.processInfo.environment["BOTAPI_WEB_DIR"].map { URL(fileURLWithPath: $0) }
        let executableDirectory = Bundle.main.executableURL?.deletingLastPathComponent()
        let candidates = [
            directory, environment,
            executableDirectory?.appendingPathComponent("botapi_Server.resources/WebClient"),
            executableDirectory?.appendingPathComponent("botapi_Server.resources"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("WebClient"),
        ].compactMap { $0 }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("index.html").path) {
            return WebClientAssets(assets: read(candidate))
        }
        return WebClientAssets(assets: [:])
    }

    private static func read(_ root: URL) -> [String: Asset] {
        var assets: [String: Asset] = [:]
        let rootPath = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let type = contentType(of: url.pathExtension), let data = try? Data(contentsOf: url)
            else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
            assets[path] = Asset(bytes: ByteBuffer(bytes: data), contentType: type, etag: "\"\(fnv1a(data))\"")
        }
        return assets
    }

    /// The types the client is made of; other files in the folder are not served.
    static func contentType(of pathExtension: String) -> String? {
        switch pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "json", "webmanifest": "application/json"
        default: nil
        }
    }

    private static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// The answer to `GET path` (`/` or under ``prefix``), or nil when the path is not the
    /// client's.
    func respond(to path: String, ifNoneMatch: String?) -> Response? {
        let name: String
        if path == "/" {
            name = "index.html"
        } else if let alias = Self.aliases[path] {
            name = alias
        } else if path.hasPrefix(Self.prefix) {
            name = String(path.dropFirst(Self.prefix.count))
        } else {
            return nil
        }
        guard let asset = assets[name] else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: assets.isEmpty ? "The web client is not installed.\n" : "Not Found\n")))
        }
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            // Revalidated on every load (a new server version may bring a new client); the
            // ETag makes that a 304.
            .cacheControl: "no-cache",
            .eTag: asset.etag,
            .xContentTypeOptions: "nosniff",
            // The token lives in the page's fragment; nothing the page links to learns the page's address.
            Self.referrerPolicy: "no-referrer",
        ]
        if Self.aliases.values.contains(name) {
            // Loaded by Mini Apps from their own origins, also as modules or with
            // `crossorigin` (which need CORS) and by pages that require CORP.
            headers[Self.allowOrigin] = "*"
            headers[Self.resourcePolicy] = "cross-origin"
        }
        if name == "index.html" {
            headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; frame-src *; object-src 'none'; base-uri 'none'"
        }
        if ifNoneMatch == asset.etag { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: asset.bytes))
    }
}
