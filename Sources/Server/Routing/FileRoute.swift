import Engine
import Foundation
import Hummingbird

/// `/file/bot<token>/<file_path>` and `/file/user<token>/<file_path>`: downloads of the
/// paths getFile gave. The engine decides who may fetch what (see `FilePaths`): a bad
/// token is a 401, anything else not granted to the token's account a 404.
enum FileRoute {
    static let prefix = "/file/"

    /// The answer for a percent-decoded path that starts with ``prefix``.
    static func respond(to path: String, engine: Engine, throttle: AuthenticationThrottle, address: String?) async -> Response {
        // The rest has the shape of an API call's path, with the file path as the "method".
        guard case .success(let route) = Route.parse(String(path.dropFirst(prefix.count - 1))), route.surface != .admin else {
            return APIResponder.answer(.notFound)
        }
        let throttleKey = AuthenticationThrottle.key(address: address, surface: route.surface, token: route.token)
        if let refusal = throttle.refusal(for: throttleKey) { return APIResponder.answer(refusal) }
        switch await engine.download(surface: route.surface, token: route.token, path: Substring(route.method)) {
        case .failure(let error):
            if error.code == 401 { throttle.recordFailure(for: throttleKey) }
            return APIResponder.answer(error)
        case .success(let file):
            return Response(
                status: .ok,
                headers: [.contentType: file.contentType, .contentLength: String(file.size)],
                body: body(of: file))
        }
    }

    /// The file's bytes, read in pieces of 1 MiB (from disk or the database) so large
    /// (local-mode) files are never held in memory whole.
    private static func body(of file: FileDownload) -> ResponseBody {
        ResponseBody(contentLength: Int(file.size)) { writer in
            let reader = try file.open()
            while let piece = try reader.next() {
                try await writer.write(ByteBuffer(bytes: piece))
            }
            try await writer.finish(nil)
        }
    }
}
