import Engine
import HTTPTypes
import Hummingbird
import NIOCore

/// An answer whose body is in memory — every method call's, whichever path it took: the
/// responder turns it into Hummingbird's ``Response``, the long-poll handler writes it to
/// the channel itself (``LongPollHandler``).
struct BufferedAnswer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    /// A JSON body.
    static func json(_ body: ByteBuffer, status: HTTPResponse.Status) -> BufferedAnswer {
        BufferedAnswer(status: status, headers: [.contentType: "application/json"], body: body)
    }

    /// The error envelope with the error's status (and `Retry-After` when it has one).
    static func failure(_ error: APIError) -> BufferedAnswer {
        var answer = json(ByteBuffer(bytes: Envelope.failure(error)), status: HTTPResponse.Status(code: error.code))
        if let retryAfter = error.retryAfter { answer.headers[.retryAfter] = String(retryAfter) }
        return answer
    }

    /// A status with an empty body, as the official HTTP layer answers requests it cannot
    /// parse.
    static func bare(_ status: HTTPResponse.Status) -> BufferedAnswer {
        BufferedAnswer(status: status, headers: [.contentLength: "0"], body: ByteBuffer())
    }

    var response: Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
