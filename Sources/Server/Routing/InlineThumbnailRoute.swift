import Engine
import Foundation
import Hummingbird

/// `GET /user<token>/inlineThumbnail?query_id=…&result_id=…`: the image of an inline result
/// the user was shown, fetched by the server (see the engine's `inlineThumbnail`), so that the
/// browser client, whose page loads images only from this server, can show http(s)
/// thumbnails. Errors answer as API calls do.
enum InlineThumbnailRoute {
    /// The method-position name of the route.
    static let name = "inlineThumbnail"

    static func respond(
        to route: Route, request: Request, engine: Engine, throttle: AuthenticationThrottle, throttleKey: AuthenticationThrottle.Key
    ) async -> Response {
        let query = request.uri.queryParameters
        guard let queryID = query["query_id"].map(String.init), let resultID = query["result_id"].map(String.init) else {
            return APIResponder.answer(.badRequest("parameters \"query_id\" and \"result_id\" are required"))
        }
        switch await engine.inlineThumbnail(token: route.token, queryID: queryID, resultID: resultID) {
        case .failure(let error):
            if error.code == 401 { throttle.recordFailure(for: throttleKey) }
            return APIResponder.answer(error)
        case .success(let image):
            return Response(
                status: .ok,
                headers: [
                    .contentType: image.contentType ?? "application/octet-stream",
                    .contentLength: String(image.data.count),
                    // Only for this user, and the same answer for as long as the inline answer lives.
                    .cacheControl: "private, max-age=3600",
                    .xContentTypeOptions: "nosniff",
                    // The bytes are a bot's: never a document that could run anything here.
                    .contentSecurityPolicy: "default-src 'none'; sandbox",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: image.data)))
        }
    }
}
